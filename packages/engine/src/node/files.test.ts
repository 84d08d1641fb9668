// from_textfile, filenames and sink_to_textfile on real files in a temporary directory, built from
// their descriptors; the polling runs on a virtual clock (the reads are synchronous), and the
// Python exports run on streamz against the same files.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportContext } from '../catalog/exportHarness.js';
import { buildNode, harness, record, testHost } from '../catalog/testHost.js';
import { glob, segmentRegExp } from './glob.js';
import { fullByType } from './index.js';
import type { FromTextfileSource } from './fromTextfile.js';
import type { FilenamesSource } from './filenames.js';
import type { SinkToTextfileNode } from './sinkToTextfile.js';

const d = (type: string) => fullByType.get(type)!;
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'streamloom-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a source's Python export on streamz for `seconds` and returns what it emitted. */
function runPython(type: string, params: Record<string, unknown>, seconds = 0.5): unknown[] {
  const expr = d(type).toPython(exportContext(d(type), params, [], 'py'));
  const program = [
    'import json, time',
    'from streamz import Stream',
    `s = ${expr}`,
    'L = s.sink_to_list()',
    's.start()',
    `time.sleep(${seconds})`,
    'print(json.dumps(list(L)))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', program], { encoding: 'utf8', timeout: 30_000 }));
}

describe('from_textfile', () => {
  it('emits every line with its delimiter, then follows appended text', async () => {
    const file = join(dir, 'log.txt');
    writeFileSync(file, 'a\nb\nc');
    const host = testHost();
    const source = buildNode(d('from_textfile'), { path: file, pollInterval: 100 }, host) as FromTextfileSource;
    const seen = record(source);
    source.start();
    await host.scheduler.advance(0);
    expect(seen).toEqual([
      [0, 'a\n'],
      [0, 'b\n'],
    ]);
    appendFileSync(file, 'd\né');
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual(['a\n', 'b\n', 'cd\n']);
    appendFileSync(file, '\n');
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual(['a\n', 'b\n', 'cd\n', 'é\n']);
    source.destroy();
    expect(host.scheduler.pending).toBe(0);
    expect(runPython('from_textfile', { path: file })).toEqual(['a\n', 'b\n', 'cd\n', 'é\n']);
  });

  it('decodes a character split between two reads, and splits on a longer delimiter', async () => {
    const file = join(dir, 'parts.txt');
    const bytes = Buffer.from('xé||y||');
    writeFileSync(file, bytes.subarray(0, 2)); // 'x' and the first byte of 'é'
    const host = testHost();
    const source = buildNode(d('from_textfile'), { path: file, delimiter: '||' }, host) as FromTextfileSource;
    const seen = record(source);
    source.start();
    await host.scheduler.advance(0);
    appendFileSync(file, bytes.subarray(2));
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual(['xé||', 'y||']);
    source.destroy();
    expect(runPython('from_textfile', { path: file, delimiter: '||' })).toEqual(['xé||', 'y||']);
  });

  it('with fromEnd skips what the file holds when built; stop and start continue from the position', async () => {
    const file = join(dir, 'tail.txt');
    writeFileSync(file, 'old\n');
    const host = testHost();
    const source = buildNode(d('from_textfile'), { path: file, fromEnd: true }, host) as FromTextfileSource;
    const seen = record(source);
    source.start();
    await host.scheduler.advance(0);
    appendFileSync(file, 'new\n');
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual(['new\n']);
    source.stop();
    await host.scheduler.advance(100);
    expect(host.scheduler.pending).toBe(0);
    appendFileSync(file, 'later\n');
    await host.scheduler.advance(500);
    expect(seen.map(([, x]) => x)).toEqual(['new\n']);
    source.start();
    await host.scheduler.advance(0);
    expect(seen.map(([, x]) => x)).toEqual(['new\n', 'later\n']);
    source.destroy();
  });

  it('waits for downstream before the next line', async () => {
    const file = join(dir, 'slow.txt');
    writeFileSync(file, '1\n2\n3\n');
    const host = testHost();
    const source = buildNode(d('from_textfile'), { path: file }, host) as FromTextfileSource;
    const slow = buildNode(d('rate_limit'), { interval: 1000 }, host);
    source.connect(slow);
    const seen = record(slow);
    source.start();
    await host.scheduler.advance(2500);
    expect(seen).toEqual([
      [0, '1\n'],
      [1000, '2\n'],
      [2000, '3\n'],
    ]);
    source.destroy();
  });

  it('fails at build time on a missing file', () => {
    expect(() => buildNode(d('from_textfile'), { path: join(dir, 'missing.txt') })).toThrow(/ENOENT/);
  });
});

describe('filenames', () => {
  it('emits the files of a directory sorted, then new ones, each once', async () => {
    writeFileSync(join(dir, 'b.csv'), '');
    writeFileSync(join(dir, 'a.csv'), '');
    writeFileSync(join(dir, '.hidden'), '');
    const host = testHost();
    const source = buildNode(d('filenames'), { path: dir, pollInterval: 100 }, host) as FilenamesSource;
    const seen = record(source);
    source.start();
    await host.scheduler.advance(0);
    expect(seen.map(([, x]) => x)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')]);
    writeFileSync(join(dir, 'c.txt'), '');
    unlinkSync(join(dir, 'a.csv'));
    await host.scheduler.advance(100);
    writeFileSync(join(dir, 'a.csv'), '');
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv'), join(dir, 'c.txt')]);
    source.destroy();
    expect(host.scheduler.pending).toBe(0);
    expect(runPython('filenames', { path: dir }, 0.3)).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv'), join(dir, 'c.txt')]);
  });

  it('follows a glob', async () => {
    mkdirSync(join(dir, 'x'));
    mkdirSync(join(dir, 'y'));
    writeFileSync(join(dir, 'x', '1.csv'), '');
    writeFileSync(join(dir, 'y', '2.csv'), '');
    writeFileSync(join(dir, 'y', '3.txt'), '');
    const host = testHost();
    const params = { path: join(dir, '*', '*.csv') };
    const source = buildNode(d('filenames'), params, host) as FilenamesSource;
    const seen = record(source);
    source.start();
    await host.scheduler.advance(0);
    const expected = [join(dir, 'x', '1.csv'), join(dir, 'y', '2.csv')];
    expect(seen.map(([, x]) => x)).toEqual(expected);
    source.destroy();
    expect(runPython('filenames', params, 0.3)).toEqual(expected);
  });
});

describe('glob', () => {
  it('translates segments as fnmatch does', () => {
    expect(segmentRegExp('*.csv').test('a.csv')).toBe(true);
    expect(segmentRegExp('*.csv').test('a.csvx')).toBe(false);
    expect(segmentRegExp('?.c').test('ab.c')).toBe(false);
    expect(segmentRegExp('[ab].c').test('b.c')).toBe(true);
    expect(segmentRegExp('[!ab].c').test('b.c')).toBe(false);
    expect(segmentRegExp('a+(b)').test('a+(b)')).toBe(true);
  });

  it('returns nothing for a missing directory', () => {
    expect(glob(join(dir, 'nope', '*'))).toEqual([]);
  });
});

describe('sink_to_textfile', () => {
  it('writes strings as they are and other values as JSON, appending by default', () => {
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'before\n');
    const node = buildNode(d('sink_to_textfile'), { path: file }) as SinkToTextfileNode<unknown>;
    const { inputs } = harness(node);
    for (const x of ['a', 1, { k: 'é' }, [1, 2]]) inputs[0]!.emit(x);
    expect(readFileSync(file, 'utf8')).toBe('before\na\n1\n{"k":"é"}\n[1,2]\n');
    node.destroy();
    expect(() => node.update('late')).toThrow(/closed/);
  });

  it('empties the file with mode w and writes its own end', () => {
    const file = join(dir, 'out.txt');
    writeFileSync(file, 'before\n');
    const node = buildNode(d('sink_to_textfile'), { path: file, mode: 'w', end: ';' });
    const { inputs } = harness(node);
    inputs[0]!.emit('a');
    inputs[0]!.emit('b');
    expect(readFileSync(file, 'utf8')).toBe('a;b;');
    node.destroy();
  });

  it('exports to streamz, which writes the same file', () => {
    const file = join(dir, 'py.txt');
    const expr = d('sink_to_textfile').toPython(exportContext(d('sink_to_textfile'), { path: file }, ['s'], 'py'));
    execFileSync('/usr/bin/python3', [
      '-c',
      `from streamz import Stream\ns = Stream()\nn = ${expr}\nfor x in ['a', 1, {'k': 'é'}, [1, 2]]: s.emit(x)\nn.destroy()\n`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('a\n1\n{"k":"é"}\n[1,2]\n');
  });
});

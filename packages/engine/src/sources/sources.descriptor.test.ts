// The browser-safe sources, built from their descriptors on a virtual clock; the Python exports of
// the finite ones run on streamz and must emit the same values (random_walk: the same numbers).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { byType } from '../catalog/index.js';
import { exportContext } from '../catalog/exportHarness.js';
import { buildNode, record, testHost } from '../catalog/testHost.js';
import { CounterSource } from './counter.js';
import { mulberry32, RandomWalkSource } from './randomWalk.js';
import type { Source } from './source.js';

const d = (type: string) => byType.get(type)!;

/** Runs a source's Python export on streamz until it emitted `count` values (or 10 s). */
function runPythonSource(type: string, params: Record<string, unknown>, count: number): unknown[] {
  const expr = d(type).toPython(exportContext(d(type), params, [], 'py'));
  const program = [
    'import json, time',
    'from streamz import Stream',
    `s = ${expr}`,
    'L = s.sink_to_list()',
    's.start()',
    'deadline = time.time() + 10',
    `while len(L) < ${count} and time.time() < deadline: time.sleep(0.01)`,
    'time.sleep(0.05)',
    'print(json.dumps(list(L)))',
  ].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', program], { encoding: 'utf8', timeout: 30_000 }));
}

async function collect(type: string, params: Record<string, unknown>, ms: number) {
  const host = testHost();
  const source = buildNode(d(type), params, host) as Source;
  const seen = record(source);
  source.start();
  await host.scheduler.advance(ms);
  return { host, source, seen };
}

describe('from_iterable', () => {
  it('emits the list at once, then stops by itself; a restart starts over', async () => {
    const { host, source, seen } = await collect('from_iterable', { items: [1, 'a', { b: [2] }] }, 10);
    expect(seen).toEqual([
      [0, 1],
      [0, 'a'],
      [0, { b: [2] }],
    ]);
    expect(source.stopped).toBe(true);
    source.start();
    await host.scheduler.runAll();
    expect(seen.map(([, x]) => x)).toEqual([1, 'a', { b: [2] }, 1, 'a', { b: [2] }]);
  });

  it('emits one value per interval', async () => {
    const { seen } = await collect('from_iterable', { items: [1, 2, 3], interval: 1000 }, 5000);
    expect(seen).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
    ]);
  });

  it('does not share its list between builds (elements are fresh copies of the parameter)', async () => {
    const items = [{ a: 1 }];
    const { seen } = await collect('from_iterable', { items }, 0);
    expect(seen[0]![1]).toEqual({ a: 1 });
    expect(seen[0]![1]).not.toBe(items[0]);
  });

  it('exports to streamz with the same values', () => {
    expect(runPythonSource('from_iterable', { items: [1, 'a', [2, 3]] }, 3)).toEqual([1, 'a', [2, 3]]);
    expect(runPythonSource('from_iterable', { items: [1, 2], interval: 20 }, 2)).toEqual([1, 2]);
  });
});

describe('from_periodic', () => {
  it('calls its function every poll interval, the first call at once', async () => {
    (globalThis as any).__periodic = 0;
    const { source, seen } = await collect(
      'from_periodic',
      { callback: '() => ++globalThis.__periodic', pollInterval: 100 },
      250,
    );
    expect(seen).toEqual([
      [0, 1],
      [100, 2],
      [200, 3],
    ]);
    source.stop();
    delete (globalThis as any).__periodic;
  });
});

describe('counter', () => {
  it('counts one number per interval up to its limit, then stops', async () => {
    const { host, source, seen } = await collect('counter', { interval: 1000, limit: 3 }, 10_000);
    expect(seen).toEqual([
      [0, 0],
      [1000, 1],
      [2000, 2],
    ]);
    expect(source.stopped).toBe(true);
    expect(host.scheduler.pending).toBe(0);
    expect(String(source)).toBe('<counter: 1000>');
  });

  it('counts forever without a limit, and resumes after stop and start', async () => {
    const { host, source, seen } = await collect('counter', { interval: 10 }, 25);
    expect(seen.map(([, x]) => x)).toEqual([0, 1, 2]);
    source.stop();
    await host.scheduler.advance(100);
    expect(seen.map(([, x]) => x)).toEqual([0, 1, 2]);
    source.start();
    await host.scheduler.advance(15);
    expect(seen.map(([, x]) => x)).toEqual([0, 1, 2, 3, 4]);
    source.destroy();
    expect(host.scheduler.pending).toBe(0);
  });

  it('checks its options', () => {
    expect(() => new CounterSource({ limit: -1 })).toThrow(RangeError);
    expect(() => new CounterSource({ interval: -1 })).toThrow(RangeError);
  });

  it('exports to streamz with the same numbers', () => {
    expect(runPythonSource('counter', { interval: 0, limit: 4 }, 4)).toEqual([0, 1, 2, 3]);
    expect(runPythonSource('counter', { interval: 20, limit: 3 }, 3)).toEqual([0, 1, 2]);
  });
});

describe('random_walk', () => {
  it('is mulberry32 (reference values)', () => {
    // The first outputs of the reference implementation for seed 1.
    const r = mulberry32(1);
    expect([r(), r(), r()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('starts at its first reading and moves at most step per reading, deterministically', async () => {
    const params = { seed: 7, initial: 20, step: 0.5, interval: 100, limit: 50 };
    const { source, seen } = await collect('random_walk', params, 10_000);
    const values = seen.map(([, x]) => x as number);
    expect(values).toHaveLength(50);
    expect(values[0]).toBe(20);
    for (let i = 1; i < values.length; i++) expect(Math.abs(values[i]! - values[i - 1]!)).toBeLessThanOrEqual(0.5);
    expect(new Set(values).size).toBeGreaterThan(40);
    expect(seen[1]![0]).toBe(100);
    expect(source.stopped).toBe(true);
    const again = await collect('random_walk', params, 10_000);
    expect(again.seen).toEqual(seen);
    const other = await collect('random_walk', { ...params, seed: 8 }, 10_000);
    expect(other.seen).not.toEqual(seen);
  });

  it('checks its options', () => {
    expect(() => new RandomWalkSource({ seed: -1 })).toThrow(RangeError);
    expect(() => new RandomWalkSource({ seed: 2 ** 32 })).toThrow(RangeError);
    expect(() => new RandomWalkSource({ step: -1 })).toThrow(RangeError);
  });

  it('exports to streamz with exactly the same readings', async () => {
    const params = { seed: 123456789, initial: 20, step: 0.5, interval: 0, limit: 200 };
    const { seen } = await collect('random_walk', params, 0);
    expect(seen).toHaveLength(200);
    expect(runPythonSource('random_walk', params, 200)).toEqual(seen.map(([, x]) => x));
    const paced = { seed: 0, initial: -3, step: 2, interval: 20, limit: 3 };
    const ours = await collect('random_walk', paced, 1000);
    expect(runPythonSource('random_walk', paced, 3)).toEqual(ours.seen.map(([, x]) => x));
  });
});

// Each descriptor, built as the compiler builds it (detached, then wired in port order), runs a tiny
// graph; the same graph is run on streamz through the descriptor's Python export, and on our
// fluent API through its TypeScript export. All three must agree.
import { execFileSync } from 'node:child_process';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import '../index.js';
import { Stream } from '../core/stream.js';
import { byType } from './index.js';
import { exportContext, pyLiteral } from './exportHarness.js';
import { buildNode, harness, testHost } from './testHost.js';
import type { SinkToListNode } from '../sinks/sinkToList.js';
import { jsonLine } from '../sinks/log.js';
import { pythonHelpers } from '../export/pythonRuntime.js';

interface Case {
  name: string;
  type: string;
  params: Record<string, unknown>;
  /** Python source of the `function` parameters. */
  py?: Record<string, string>;
  ports?: number;
  /** `[port, value]` pairs, or plain values for port 0. */
  events: unknown[];
  expected: unknown[];
}

const pairs = (c: Case): [number, unknown][] =>
  c.events.map((e) => (c.ports && c.ports > 1 ? (e as [number, unknown]) : [0, e]));

const CASES: Case[] = [
  { name: 'map', type: 'map', params: { func: 'x => x * 2' }, py: { func: 'lambda x: x * 2' }, events: [1, 2, 3], expected: [2, 4, 6] },
  {
    name: 'map with extra arguments',
    type: 'map',
    params: { func: '(x, k, c) => x * k + c', args: [10, 1] },
    py: { func: 'lambda x, k, c: x * k + c' },
    events: [1, 2],
    expected: [11, 21],
  },
  {
    name: 'starmap',
    type: 'starmap',
    params: { func: '(a, b) => a + b' },
    py: { func: 'lambda a, b: a + b' },
    events: [[1, 2], [3, 4]],
    expected: [3, 7],
  },
  {
    name: 'pluck a key',
    type: 'pluck',
    params: { pick: 'name' },
    events: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }],
    expected: ['a', 'b'],
  },
  { name: 'pluck several positions', type: 'pluck', params: { pick: [0, -1] }, events: [[5, 6, 7]], expected: [[5, 7]] },
  { name: 'flatten', type: 'flatten', params: {}, events: [[1, 2], [], [3]], expected: [1, 2, 3] },
  {
    name: 'filter',
    type: 'filter',
    params: { predicate: 'x => x % 2 === 0' },
    py: { predicate: 'lambda x: x % 2 == 0' },
    events: [1, 2, 3, 4],
    expected: [2, 4],
  },
  {
    name: 'filter without predicate (Python truthiness)',
    type: 'filter',
    params: {},
    events: [0, 1, '', 'a', [], [1], null, {}, { a: 1 }],
    expected: [1, 'a', [1], { a: 1 }],
  },
  { name: 'remove', type: 'remove', params: { predicate: 'x => x > 1' }, py: { predicate: 'lambda x: x > 1' }, events: [1, 2, 0], expected: [1, 0] },
  { name: 'unique', type: 'unique', params: {}, events: [1, 2, 1, 3, true], expected: [1, 2, 3] },
  { name: 'unique with maxsize (LRU)', type: 'unique', params: { maxsize: 2 }, events: [1, 2, 1, 3, 2], expected: [1, 2, 3, 2] },
  {
    name: 'unique by key, not hashable',
    type: 'unique',
    params: { key: 'x => x.k', hashable: false },
    py: { key: "lambda x: x['k']" },
    events: [{ k: 1 }, { k: 1 }, { k: 2 }],
    expected: [{ k: 1 }, { k: 2 }],
  },
  { name: 'slice', type: 'slice', params: { start: 1, end: 7, step: 2 }, events: [0, 1, 2, 3, 4, 5, 6, 7, 8], expected: [2, 4, 6] },
  { name: 'slice with end only', type: 'slice', params: { end: 2 }, events: ['a', 'b', 'c'], expected: ['a', 'b'] },
  { name: 'accumulate', type: 'accumulate', params: { func: '(a, x) => a + x' }, py: { func: 'lambda a, x: a + x' }, events: [1, 2, 3], expected: [1, 3, 6] },
  {
    name: 'accumulate with start',
    type: 'accumulate',
    params: { func: '(a, x) => a + x', start: 10 },
    py: { func: 'lambda a, x: a + x' },
    events: [1, 2],
    expected: [11, 13],
  },
  {
    name: 'accumulate returning state, with state',
    type: 'accumulate',
    params: { func: '(s, x) => [s + x, s * x]', start: 1, returnsState: true, withState: true },
    py: { func: 'lambda s, x: (s + x, s * x)' },
    events: [2, 3],
    expected: [[3, 2], [6, 9]],
  },
  { name: 'frequencies', type: 'frequencies', params: {}, events: ['a', 'b', 'a'], expected: [{ a: 1 }, { a: 1, b: 1 }, { a: 2, b: 1 }] },
  { name: 'sliding_window', type: 'sliding_window', params: { n: 2 }, events: [1, 2, 3], expected: [[1], [1, 2], [2, 3]] },
  {
    name: 'sliding_window without partial windows',
    type: 'sliding_window',
    params: { n: 2, returnPartial: false },
    events: [1, 2, 3],
    expected: [[1, 2], [2, 3]],
  },
  { name: 'partition', type: 'partition', params: { n: 2 }, events: [1, 2, 3, 4, 5], expected: [[1, 2], [3, 4]] },
  {
    name: 'partition by key',
    type: 'partition',
    params: { n: 2, key: 'x => x % 2' },
    py: { key: 'lambda x: x % 2' },
    events: [1, 2, 3, 5, 4],
    expected: [[1, 3], [2, 4]],
  },
  { name: 'partition_unique', type: 'partition_unique', params: { n: 2 }, events: [1, 1, 2, 3, 3, 4], expected: [[1, 2], [3, 4]] },
  {
    name: 'partition_unique keeping the last, by key',
    type: 'partition_unique',
    params: { n: 2, keep: 'last', key: 'x => x[0]' },
    py: { key: 'lambda x: x[0]' },
    events: [['a', 1], ['a', 2], ['b', 3]],
    expected: [[['a', 2], ['b', 3]]],
  },
  {
    name: 'zip',
    type: 'zip',
    params: {},
    ports: 2,
    events: [[0, 1], [0, 2], [1, 'x'], [0, 3], [1, 'y']],
    expected: [[1, 'x'], [2, 'y']],
  },
  {
    name: 'zip of three',
    type: 'zip',
    params: { maxsize: 5 },
    ports: 3,
    events: [[2, 'c'], [0, 'a'], [1, 'b']],
    expected: [['a', 'b', 'c']],
  },
  {
    name: 'combine_latest',
    type: 'combine_latest',
    params: {},
    ports: 2,
    events: [[0, 1], [1, 'x'], [0, 2], [1, 'y']],
    expected: [[1, 'x'], [2, 'x'], [2, 'y']],
  },
  {
    name: 'combine_latest emitting on port 1 only',
    type: 'combine_latest',
    params: { emitOn: [1] },
    ports: 2,
    events: [[0, 1], [1, 'x'], [0, 2], [0, 3], [1, 'y']],
    expected: [[1, 'x'], [3, 'y']],
  },
  {
    name: 'zip_latest',
    type: 'zip_latest',
    params: {},
    ports: 2,
    events: [[0, 1], [0, 2], [1, 'x'], [1, 'y'], [0, 3]],
    expected: [[1, 'x'], [2, 'x'], [3, 'y']],
  },
  {
    name: 'union',
    type: 'union',
    params: {},
    ports: 3,
    events: [[0, 1], [2, 2], [1, 3], [0, 4]],
    expected: [1, 2, 3, 4],
  },
  {
    name: 'collect flushed by its second port',
    type: 'collect',
    params: {},
    ports: 2,
    events: [[0, 1], [0, 2], [1, 'tick'], [1, 'tick'], [0, 3], [1, 'tick']],
    expected: [[1, 2], [], [3]],
  },
];

/** Values as JSON sees them: Maps (Python dicts) become objects. */
function normalise(x: unknown): unknown {
  return JSON.parse(
    JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries([...v].map(([k, w]) => [String(k), w])) : v)),
  );
}

function runEngine(c: Case): unknown[] {
  const d = byType.get(c.type)!;
  const node = buildNode(d, c.params, testHost());
  const { inputs, out } = harness(node, c.ports ?? 1);
  for (const [port, x] of pairs(c)) inputs[port]!.emit(structuredClone(x));
  return normalise(out) as unknown[];
}

function runTypeScriptExport(c: Case): unknown[] {
  const d = byType.get(c.type)!;
  const ports = c.ports ?? 1;
  const names = Array.from({ length: ports }, (_, i) => `i${i}`);
  const expr = d.toTypeScript(exportContext(d, c.params, names, 'ts'));
  const js = ts.transpile(`(Stream, ${names.join(', ')}) => (${expr})`, { target: ts.ScriptTarget.ES2022 });
  const make = new Function(`return ${js.trim().replace(/;$/, '')}`)() as (...a: unknown[]) => Stream<any>;
  const inputs = names.map(() => new Stream<any>());
  const node = make(Stream, ...inputs);
  const out: unknown[] = [];
  node.sink((x: unknown) => out.push(x));
  for (const [port, x] of pairs(c)) inputs[port]!.emit(structuredClone(x));
  return normalise(out) as unknown[];
}

/** Python source that runs every case on streamz and prints one JSON line per case. */
function pythonProgram(cases: Case[]): string {
  const lines = [
    'import json',
    'from streamz import Stream',
    'def tup(v):',
    '    if isinstance(v, list): return tuple(tup(x) for x in v)',
    '    if isinstance(v, dict): return {k: tup(x) for k, x in v.items()}',
    '    return v',
    'def run(k, make, n, events):',
    '    try:',
    '        ins = [Stream() for _ in range(n)]',
    '        node = make(*ins)',
    '        out = []',
    '        node.sink(out.append)',
    '        for port, x in json.loads(events): ins[port].emit(tup(x))',
    '        print(json.dumps({"k": k, "out": out}))',
    '    except Exception as e:',
    '        print(json.dumps({"k": k, "error": repr(e)}))',
  ];
  cases.forEach((c, k) => {
    const d = byType.get(c.type)!;
    const ports = c.ports ?? 1;
    const names = Array.from({ length: ports }, (_, i) => `i${i}`);
    const expr = d.toPython(exportContext(d, c.params, names, 'py', c.py));
    lines.push(`run(${k}, lambda ${names.join(', ')}: ${expr}, ${ports}, ${pyLiteral(JSON.stringify(pairs(c)))})`);
  });
  return lines.join('\n') + '\n';
}

function runPython(source: string): string {
  return execFileSync('/usr/bin/python3', ['-c', source], { encoding: 'utf8', timeout: 60_000 });
}

describe('descriptors run tiny graphs like streamz', () => {
  let python: Map<number, { out?: unknown[]; error?: string }>;

  beforeAll(() => {
    python = new Map();
    for (const line of runPython(pythonProgram(CASES)).trim().split('\n')) {
      const r = JSON.parse(line) as { k: number; out?: unknown[]; error?: string };
      python.set(r.k, r);
    }
  });

  it.each(CASES.map((c, k) => [c.name, c, k] as const))('%s', (_name, c, k) => {
    expect(runEngine(c)).toEqual(c.expected);
    expect(python.get(k)).toEqual({ k, out: c.expected });
    expect(runTypeScriptExport(c)).toEqual(c.expected);
  });

  it('covers every non-source, non-time, non-sink descriptor', () => {
    const covered = new Set(CASES.map((c) => c.type));
    const expected = [...byType.values()]
      .filter((d) => d.category !== 'source' && d.category !== 'sink' && !d.async)
      .map((d) => d.type);
    for (const type of expected) expect(covered, type).toContain(type);
  });
});

describe('sinks', () => {
  let log: MockInstance<typeof console.log>;
  beforeAll(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => {});
  });
  afterAll(() => log.mockRestore());

  it('sink calls its function with the extra arguments, in both exports', () => {
    const calls: unknown[] = [];
    (globalThis as any).__sinkCalls = calls;
    const d = byType.get('sink')!;
    const node = buildNode(d, { func: '(x, tag) => globalThis.__sinkCalls.push([tag, x])', args: ['t'] });
    const { inputs } = harness(node);
    inputs[0]!.emit(1);
    inputs[0]!.emit(2);
    expect(calls).toEqual([['t', 1], ['t', 2]]);
    expect(d.toPython(exportContext(d, { func: 'f', args: ['t'] }, ['s'], 'py', { func: 'print' }))).toBe(
      `s.sink(print, "t")`,
    );
    const out = runPython(
      `from streamz import Stream\ns = Stream()\n${d.toPython(exportContext(d, { func: 'f', args: ['t'] }, ['s'], 'py', { func: 'print' }))}\ns.emit(1)\n`,
    );
    expect(out).toBe('1 t\n');
    delete (globalThis as any).__sinkCalls;
  });

  it('sink_to_list keeps the latest maxlen elements, readable, counting the evicted', () => {
    const d = byType.get('sink_to_list')!;
    const node = buildNode(d, { maxlen: 2 }) as SinkToListNode<number>;
    const { inputs } = harness(node);
    for (const x of [1, 2, 3]) inputs[0]!.emit(x);
    expect(node.list).toEqual([2, 3]);
    expect(node.dropped).toBe(1);
    expect(node.queued).toBe(2);
    expect(node.capacity).toBe(2);
    expect(String(node)).toBe('<sink_to_list: 2>');
    expect((buildNode(d) as SinkToListNode<number>).maxlen).toBe(1000);

    // Both exports evaluate to the kept list (a program keeps every element: no bound).
    const py = d.toPython(exportContext(d, { maxlen: 2 }, ['s'], 'py'));
    expect(runPython(`from streamz import Stream\ns = Stream()\nL = ${py}\nfor x in [1, 2, 3]: s.emit(x)\nprint(list(L))\n`)).toBe(
      '[1, 2, 3]\n',
    );
    const tsExpr = d.toTypeScript(exportContext(d, { maxlen: 2 }, ['s'], 'ts'));
    const js = ts.transpile(`(s) => ${tsExpr}`, { target: ts.ScriptTarget.ES2022 });
    const s = new Stream<number>();
    const list = (new Function(`return ${js.trim().replace(/;$/, '')}`)() as (s: Stream<any>) => unknown[])(s);
    for (const x of [1, 2, 3]) s.emit(x);
    expect(list).toEqual([1, 2, 3]);
  });

  it('log writes one JSON line per element on the host, as the Python export prints', () => {
    const d = byType.get('log')!;
    const host = testHost();
    const node = buildNode(d, {}, host);
    const { inputs } = harness(node);
    const values = [1, 'é', null, [1, [2]], { a: { b: 'c' } }, true, 1.5];
    for (const x of values) inputs[0]!.emit(x);
    inputs[0]!.emit(undefined);
    inputs[0]!.emit(10n);
    inputs[0]!.emit(new Map([['k', 1]]));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    inputs[0]!.emit(cyclic);
    expect(host.lines).toEqual([
      '1', '"é"', 'null', '[1,[2]]', '{"a":{"b":"c"}}', 'true', '1.5', 'null', '"10"', '{"k":1}', '"[object Object]"',
    ]);

    const py = d.toPython(exportContext(d, {}, ['s'], 'py'));
    const helpers = pythonHelpers(['print_json']);
    const printed = runPython(
      `import ${[...helpers.modules].join(', ')}\nfrom streamz import Stream\n${helpers.source}\ns = Stream()\n${py}\nfor x in ${pyLiteral(values)}: s.emit(x)\n`,
    );
    expect(printed.trim().split('\n')).toEqual(host.lines.slice(0, values.length));

    log.mockClear();
    const tsExpr = d.toTypeScript(exportContext(d, {}, ['s'], 'ts'));
    const js = ts.transpile(`(s) => ${tsExpr}`, { target: ts.ScriptTarget.ES2022 });
    const s = new Stream<unknown>();
    (new Function('jsonLine', `return ${js.trim().replace(/;$/, '')}`)(jsonLine) as (s: Stream<any>) => unknown)(s);
    for (const x of values) s.emit(x);
    expect(log.mock.calls.map((c) => c[0])).toEqual(host.lines.slice(0, values.length));
  });
});

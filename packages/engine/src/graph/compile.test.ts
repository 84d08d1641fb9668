import { describe, expect, it, vi } from 'vitest';
import { catalog } from '../catalog/catalog.js';
import type { OperatorDescriptor } from '../catalog/types.js';
import { getDefaultScheduler } from '../core/scheduler.js';
import { Stream } from '../core/stream.js';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import '../index.js';
import { plainHost } from '../testing/plainHost.js';
import { compile, type CompiledRun, type CompileOptions } from './compile.js';
import { NodeFailure } from './types.js';

type Node = {
  id: string;
  type: string;
  params?: Record<string, unknown>;
  onError?: 'drop' | 'stop';
};
type Edge = { source: string; target: string; targetPort?: number };

/** A graph document from nodes and edges (edge ids generated, in order). */
function graph(nodes: Node[], edges: Edge[]) {
  return { version: 1, name: 't', nodes, edges: edges.map((e, i) => ({ id: `e${i}`, ...e })) };
}

/** A source node that only receives values pushed by hand. */
const manual = (id = 'src'): Node => ({ id, type: 'from_iterable', params: { items: [] } });
const map = (id: string, func: string, onError?: 'drop' | 'stop'): Node => ({
  id,
  type: 'map',
  params: { func },
  ...(onError ? { onError } : {}),
});
const list = (id: string): Node => ({ id, type: 'sink_to_list', params: {} });
const log = (id: string): Node => ({ id, type: 'log', params: {} });

function compiled(doc: unknown, options: CompileOptions = {}, extra: OperatorDescriptor[] = []) {
  const scheduler = new VirtualScheduler();
  const host = plainHost(scheduler);
  const result = compile(doc, host, [...catalog, ...extra], options);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return { run: result.graph, host, scheduler };
}

const listOf = (run: CompiledRun, id: string) =>
  (run.nodes.get(id) as unknown as { list: unknown[] }).list;

/** A descriptor for tests, built from a factory. */
function testDescriptor(
  type: string,
  build: OperatorDescriptor['build'],
  extra: Partial<OperatorDescriptor> = {},
): OperatorDescriptor {
  return {
    type,
    label: type,
    category: 'transform',
    doc: 'test',
    example: '',
    inputs: { min: 0, max: null },
    outputs: 1,
    params: [],
    build,
    toTypeScript: () => '',
    toPython: () => '',
    ...extra,
  };
}

describe('compile: validation', () => {
  it('returns issues, never throws, whatever it is given', () => {
    const host = plainHost();
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic.self = cyclic;
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    for (const input of [
      undefined,
      null,
      42,
      '{',
      '{"version":1}',
      cyclic,
      hostile,
      { version: 1, nodes: [{ id: 'a', type: 'nope' }], edges: [] },
    ]) {
      const result = compile(input, host, catalog);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    }
  });

  it('names the node whose type is unknown', () => {
    const result = compile(graph([{ id: 'x', type: 'mapp' }], []), plainHost(), catalog);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ code: 'unknown_type', nodeId: 'x' });
  });

  it('accepts JSON text', () => {
    const text = JSON.stringify(graph([manual(), list('out')], [{ source: 'src', target: 'out' }]));
    const { run } = compiled(text);
    void run.emit('src', 7);
    expect(listOf(run, 'out')).toEqual([7]);
  });

  it('turns an exception from build into an issue naming the node, and builds nothing', () => {
    const boom = testDescriptor('boom', () => {
      throw new RangeError('bad size');
    });
    const scheduler = new VirtualScheduler();
    const doc = graph(
      [
        { id: 'c', type: 'counter', params: { interval: 10 } },
        { id: 'b', type: 'boom' },
      ],
      [{ source: 'c', target: 'b' }],
    );
    const result = compile(doc, plainHost(scheduler), [...catalog, boom]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { code: 'invalid_param', message: expect.stringContaining('bad size'), nodeId: 'b' },
      ]);
    }
    expect(scheduler.pending).toBe(0);
  });

  it('cancels the timers of a graph whose wiring fails', () => {
    const picky = testDescriptor('picky', () => {
      const node = new Stream();
      node.addUpstream = () => {
        throw new Error('no inputs, thanks');
      };
      return node;
    });
    const scheduler = new VirtualScheduler();
    const doc = graph(
      [
        { id: 'c', type: 'counter', params: { interval: 10 } },
        { id: 'tw', type: 'timed_window', params: { interval: 10 } },
        { id: 'p', type: 'picky' },
      ],
      [
        { source: 'c', target: 'tw' },
        { source: 'tw', target: 'p' },
      ],
    );
    const result = compile(doc, plainHost(scheduler), [...catalog, picky]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/no inputs, thanks/);
    expect(scheduler.pending).toBe(0);
  });

  it('reports a function the host cannot compile with its parameter', () => {
    const host = {
      ...plainHost(),
      compileFunction: () => {
        throw new SyntaxError('Unexpected token');
      },
    };
    const result = compile(
      graph(
        [manual(), map('m', 'x => x'), list('out')],
        [
          { source: 'src', target: 'm' },
          { source: 'm', target: 'out' },
        ],
      ),
      host,
      catalog,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues[0]).toMatchObject({
        code: 'function_syntax',
        nodeId: 'm',
        param: 'func',
      });
  });

  it('builds on the host scheduler as the default, and restores the default after', () => {
    const before = getDefaultScheduler();
    let during: unknown;
    const probe = testDescriptor('probe_default', () => {
      during = getDefaultScheduler();
      return new Stream();
    });
    const { run, scheduler } = compiled(graph([{ id: 'p', type: 'probe_default' }], []), {}, [
      probe,
    ]);
    expect(getDefaultScheduler()).toBe(before);
    expect(during).not.toBe(before);
    expect(run.nodes.get('p')!.scheduler.now()).toBe(scheduler.now());
  });

  it('does not share parameters between runs (a mutated start state stays in its run)', () => {
    const doc = graph(
      [
        manual(),
        {
          id: 'acc',
          type: 'accumulate',
          params: { func: '(s, x) => { s.push(x); return s; }', start: [] },
        },
        list('out'),
      ],
      [
        { source: 'src', target: 'acc' },
        { source: 'acc', target: 'out' },
      ],
    );
    const a = compiled(doc).run;
    void a.emit('src', 1);
    const b = compiled(doc).run;
    void b.emit('src', 2);
    expect(listOf(b, 'out')).toEqual([[2]]);
    expect(doc.nodes[1]!.params!.start).toEqual([]);
  });
});

describe('compile: wiring', () => {
  it('delivers in edge order, exactly as the fluent API does', () => {
    // src → a (map) → log1, src → log2, a → log3: edges in this order.
    const doc = graph(
      [manual(), map('a', 'x => x * 10'), log('l1'), log('l2'), log('l3')],
      [
        { source: 'src', target: 'a' },
        { source: 'a', target: 'l1' },
        { source: 'src', target: 'l2' },
        { source: 'a', target: 'l3' },
      ],
    );
    const { run, host } = compiled(doc);
    for (const x of [1, 2]) void run.emit('src', x);

    const fluent: string[] = [];
    const src = new Stream<number>();
    const a = src.map((x: number) => x * 10);
    a.sink((x: unknown) => fluent.push(JSON.stringify(x)));
    src.sink((x: unknown) => fluent.push(JSON.stringify(x)));
    a.sink((x: unknown) => fluent.push(JSON.stringify(x)));
    for (const x of [1, 2]) src.emit(x);

    expect(host.lines).toEqual(['10', '10', '1', '20', '20', '2']);
    expect(host.lines).toEqual(fluent);
  });

  it('gives inputs in port order, whatever the edge order', () => {
    const doc = graph(
      [manual('a'), manual('b'), { id: 'z', type: 'zip', params: {} }, list('out')],
      [
        { source: 'b', target: 'z', targetPort: 1 },
        { source: 'z', target: 'out' },
        { source: 'a', target: 'z', targetPort: 0 },
      ],
    );
    const { run } = compiled(doc);
    void run.emit('b', 'b1');
    void run.emit('a', 'a1');
    expect(listOf(run, 'out')).toEqual([['a1', 'b1']]);
  });

  it('runs a feedback loop through an asynchronous node', async () => {
    // union ← rate_limit: each value comes back 100 ms later, +1, until it reaches 3.
    const doc = graph(
      [
        manual(),
        { id: 'u', type: 'union', params: {} },
        map('inc', 'x => x + 1'),
        { id: 'f', type: 'filter', params: { predicate: 'x => x < 4' } },
        { id: 'rl', type: 'rate_limit', params: { interval: 100 } },
        list('out'),
      ],
      [
        { source: 'src', target: 'u' },
        { source: 'u', target: 'inc' },
        { source: 'inc', target: 'out' },
        { source: 'inc', target: 'f' },
        { source: 'f', target: 'rl' },
        { source: 'rl', target: 'u', targetPort: 1 },
      ],
    );
    const { run, scheduler } = compiled(doc);
    void run.emit('src', 0);
    await scheduler.advance(1000);
    expect(listOf(run, 'out')).toEqual([1, 2, 3, 4]);
  });
});

describe('compile: errors', () => {
  const fanOut = (onError?: 'drop' | 'stop') =>
    graph(
      [
        manual(),
        map('bad', 'x => { if (x === 2) throw new TypeError(`no ${x}`); return x; }', onError),
        list('first'),
        list('second'),
      ],
      [
        { source: 'src', target: 'bad' },
        { source: 'bad', target: 'first' },
        { source: 'src', target: 'second' },
      ],
    );

  it('counts the error on the node that threw, drops the element there, and carries on', async () => {
    const { run } = compiled(fanOut());
    expect(run.guarded).toBe(true);
    run.inspect('bad', true);
    for (const x of [1, 2, 3]) await run.emit('src', x);
    expect(listOf(run, 'first')).toEqual([1, 3]);
    // The other branch still gets the element that failed.
    expect(listOf(run, 'second')).toEqual([1, 2, 3]);
    const frame = run.snapshot();
    expect(frame.nodes.bad).toMatchObject({
      in: 3,
      out: 2,
      errors: 1,
      lastError: 'TypeError: no 2',
    });
    expect(frame.nodes.src!.errors).toBe(0);
    const samples = run.samples('bad');
    expect(samples.errors).toEqual([
      { t: expect.any(Number), message: 'TypeError: no 2', element: 2 },
    ]);
    expect(samples.values.map((v) => v.value)).toEqual([1, 3]);
  });

  it("guard 'on-error' is the same as 'always': every error is caught where it happens", async () => {
    const { run } = compiled(
      graph(
        [
          manual(),
          map('double', 'x => x * 2'),
          map('bad', 'x => { if (x % 4 === 0) throw new Error(`bad ${x}`); return x; }'),
          list('first'),
          list('second'),
        ],
        [
          { source: 'src', target: 'double' },
          { source: 'double', target: 'bad' },
          { source: 'bad', target: 'first' },
          { source: 'src', target: 'second' },
        ],
      ),
      { guard: 'on-error' },
    );
    expect(run.guarded).toBe(true);
    for (const x of [1, 2, 3, 4]) await run.emit('src', x);
    expect(listOf(run, 'first')).toEqual([2, 6]);
    // Both errors stopped their element at the node that threw; the other branch got them.
    expect(listOf(run, 'second')).toEqual([1, 2, 3, 4]);
    const frame = run.snapshot();
    expect(frame.nodes.bad).toMatchObject({ errors: 2, lastError: 'Error: bad 8' });
    expect(frame.nodes.double!.errors).toBe(0);
    expect(frame.nodes.src!.errors).toBe(0);
    expect(run.samples('bad').errors.map((e) => e.element)).toEqual([4, 8]);
  });

  it("onError 'stop' stops the run with a NodeFailure naming the node", async () => {
    const onFailure = vi.fn();
    // A node that stops the run guards the graph from the start, whatever the mode.
    const { run, scheduler } = compiled(fanOut('stop'), { onFailure, guard: 'on-error' });
    expect(run.guarded).toBe(true);
    await run.emit('src', 1);
    await expect(run.emit('src', 2)).rejects.toBeInstanceOf(NodeFailure);
    expect(run.failure).toBeInstanceOf(NodeFailure);
    expect(run.failure!.nodeId).toBe('bad');
    expect((run.failure!.cause as Error).message).toBe('no 2');
    expect(onFailure).toHaveBeenCalledTimes(1);
    expect(onFailure).toHaveBeenCalledWith(run.failure);
    expect(scheduler.errors.map((e) => e.error)).toEqual([run.failure]);
    expect(run.stopped).toBe(true);
    // The failing element reached nothing after the failure.
    expect(listOf(run, 'second')).toEqual([1]);
    await expect(run.emit('src', 3)).rejects.toBe(run.failure);
  });

  it("onError 'stop' on a node under a running source stops the source and cancels every timer", async () => {
    const doc = graph(
      [
        { id: 'c', type: 'counter', params: { interval: 100 } },
        map('m', 'x => { if (x === 3) throw new Error("three"); return x; }', 'stop'),
        { id: 'd', type: 'delay', params: { interval: 1000 } },
        list('out'),
      ],
      [
        { source: 'c', target: 'm' },
        { source: 'm', target: 'd' },
        { source: 'd', target: 'out' },
      ],
    );
    const { run, scheduler } = compiled(doc);
    run.start();
    await scheduler.advance(10_000);
    expect(run.failure?.nodeId).toBe('m');
    expect(scheduler.pending).toBe(0);
    expect(run.snapshot().nodes.c!.out).toBe(4);
  });

  it('charges an error reported by background work to the node that reported it', async () => {
    const flaky = testDescriptor('flaky', (ctx) => {
      const node = new Stream(null, { scheduler: ctx.host.scheduler });
      ctx.host.scheduler.setTimeout(
        () => node.scheduler.reportError(new Error('lost connection'), node),
        50,
      );
      return node;
    });
    const { run, scheduler } = compiled(
      graph([{ id: 'f', type: 'flaky' }, list('out')], [{ source: 'f', target: 'out' }]),
      {},
      [flaky],
    );
    await scheduler.advance(100);
    expect(run.snapshot().nodes.f).toMatchObject({
      errors: 1,
      lastError: 'Error: lost connection',
    });
    expect(run.samples('f').errors[0]!.element).toEqual({ $type: 'undefined' });
    expect(scheduler.errors).toEqual([]);
  });

  it('charges a rejected promise to the sink whose function returned it', async () => {
    const doc = graph(
      [
        { id: 'it', type: 'from_iterable', params: { items: [1, 2] } },
        {
          id: 's',
          type: 'sink',
          params: { func: 'async (x) => { throw new Error(`rejected ${x}`); }' },
        },
      ],
      [{ source: 'it', target: 's' }],
    );
    for (const guard of ['always', 'on-error'] as const) {
      const { run, scheduler } = compiled(doc, { guard });
      run.start();
      await scheduler.advance(10);
      expect(run.snapshot().nodes.s).toMatchObject({ errors: 2, lastError: 'Error: rejected 2' });
      expect(run.snapshot().nodes.it!.errors).toBe(0);
    }
  });

  it('charges an error thrown by a source callback to the source', async () => {
    const doc = graph(
      [
        {
          id: 'p',
          type: 'from_periodic',
          params: { callback: '() => { throw new Error("sensor down"); }', pollInterval: 100 },
        },
        list('out'),
      ],
      [{ source: 'p', target: 'out' }],
    );
    const { run, scheduler } = compiled(doc);
    run.start();
    await scheduler.advance(250);
    expect(run.snapshot().nodes.p).toMatchObject({ errors: 3, lastError: 'Error: sensor down' });
  });
});

describe('compile: start, stop, emit', () => {
  it('starts every source once, and stop() cancels every timer for good', async () => {
    const doc = graph(
      [{ id: 'c', type: 'counter', params: { interval: 100 } }, list('out')],
      [{ source: 'c', target: 'out' }],
    );
    const { run, scheduler } = compiled(doc);
    expect(run.running).toBe(false);
    run.start();
    run.start();
    expect(run.running).toBe(true);
    await scheduler.advance(250);
    expect(listOf(run, 'out')).toEqual([0, 1, 2]);
    run.stop();
    run.stop();
    expect(run.stopped).toBe(true);
    expect(scheduler.pending).toBe(0);
    run.start();
    await scheduler.advance(1000);
    expect(listOf(run, 'out')).toEqual([0, 1, 2]);
    await expect(run.emit('c', 9)).rejects.toThrow(/stopped/);
  });

  it('rejects an emit to an unknown node, and throws for inspecting one', async () => {
    const { run } = compiled(graph([manual()], []));
    await expect(run.emit('nope', 1)).rejects.toBeInstanceOf(RangeError);
    expect(() => run.inspect('nope', true)).toThrow(RangeError);
    expect(() => run.samples('nope')).toThrow(RangeError);
  });

  it('emit resolves once the asynchronous work the element started is done', async () => {
    const doc = graph(
      [manual(), { id: 'rl', type: 'rate_limit', params: { interval: 100 } }, list('out')],
      [
        { source: 'src', target: 'rl' },
        { source: 'rl', target: 'out' },
      ],
    );
    const { run, scheduler } = compiled(doc);
    await run.emit('src', 1);
    let done = false;
    void run.emit('src', 2).then(() => (done = true));
    await scheduler.advance(50);
    expect(done).toBe(false);
    await scheduler.advance(100);
    expect(done).toBe(true);
    expect(listOf(run, 'out')).toEqual([1, 2]);
  });
});

describe('compile: telemetry', () => {
  it('counts in, out and rate per node on the run clock', async () => {
    const doc = graph(
      [
        { id: 'c', type: 'counter', params: { interval: 100 } },
        { id: 'even', type: 'filter', params: { predicate: 'x => x % 2 === 0' } },
        list('out'),
      ],
      [
        { source: 'c', target: 'even' },
        { source: 'even', target: 'out' },
      ],
    );
    const { run, scheduler } = compiled(doc, { runId: 'r1' });
    run.start();
    await scheduler.advance(999);
    const frame = run.snapshot();
    expect(frame.runId).toBe('r1');
    expect(frame.nodes.c).toMatchObject({
      in: 0,
      out: 10,
      rate: 10.01,
      errors: 0,
      last: 9,
      backpressure: 0,
    });
    expect(frame.nodes.even).toMatchObject({ in: 10, out: 5, last: 8 });
    expect(frame.nodes.out).toMatchObject({ in: 5, out: 0, rate: 0, queue: 5, capacity: 1000 });
    expect(frame.nodes.out!.last).toBeUndefined();
    await scheduler.advance(1000);
    expect(run.snapshot().nodes.c!.rate).toBe(10);
    expect(run.snapshot('other').runId).toBe('other');
  });

  it('counts pushes by hand as input, and reports elements dropped at a bound', async () => {
    const doc = graph(
      [manual(), { id: 'keep', type: 'sink_to_list', params: { maxlen: 2 } }],
      [{ source: 'src', target: 'keep' }],
    );
    const { run } = compiled(doc);
    for (const x of [1, 2, 3]) await run.emit('src', x);
    const frame = run.snapshot();
    expect(frame.nodes.src).toMatchObject({ in: 3, out: 3 });
    expect(frame.nodes.keep).toMatchObject({ in: 3, queue: 2, capacity: 2, dropped: 1 });
  });

  it('reports the time a source waits on back-pressure, per second', async () => {
    const doc = graph(
      [
        { id: 'c', type: 'counter', params: { interval: 0 } },
        { id: 'rl', type: 'rate_limit', params: { interval: 100 } },
        list('out'),
      ],
      [
        { source: 'c', target: 'rl' },
        { source: 'rl', target: 'out' },
      ],
    );
    const { run, scheduler } = compiled(doc);
    run.start();
    await scheduler.advance(1000);
    const t = run.snapshot().nodes.c!;
    expect(t.out).toBeGreaterThanOrEqual(10);
    expect(t.backpressure).toBeGreaterThan(800);
    expect(t.backpressure).toBeLessThanOrEqual(1000);
  });

  it('keeps a frame small however big the values are', async () => {
    const doc = graph(
      [
        manual(),
        map('big', 'n => ({ text: "x".repeat(n), items: Array.from({ length: n }, (_, i) => i) })'),
        list('out'),
      ],
      [
        { source: 'src', target: 'big' },
        { source: 'big', target: 'out' },
      ],
    );
    const { run } = compiled(doc);
    await run.emit('src', 1_000_000);
    expect(JSON.stringify(run.snapshot()).length).toBeLessThan(2000);
  });

  it('samples latency and busy time from the start, then restores the fast path', async () => {
    const doc = graph(
      [
        manual(),
        map(
          'slow',
          'x => { const end = performance.now() + 0.2; while (performance.now() < end); return x; }',
        ),
        list('out'),
      ],
      [
        { source: 'src', target: 'slow' },
        { source: 'slow', target: 'out' },
      ],
    );
    const { run, scheduler } = compiled(doc);
    run.snapshot();
    for (let i = 0; i < 40; i++) await run.emit('src', i);
    await scheduler.advance(1000);
    // The window (LATENCY_DELIVERIES root deliveries) has closed: every node has `next` back.
    expect(run.nodes.get('src')!.next).toBe(run.nodes.get('slow'));
    expect(run.nodes.get('slow')!.next).toBe(run.nodes.get('out'));
    const frame = run.snapshot();
    const t = frame.nodes.slow!;
    expect(t.latencyP50).toBeGreaterThanOrEqual(0.2);
    expect(t.latencyP99).toBeGreaterThanOrEqual(t.latencyP50!);
    expect(t.busy).toBeGreaterThan(0);
    // The sink's own time does not include the map's.
    expect(frame.nodes.out!.latencyP50).toBeLessThan(0.2);
    expect(run.snapshot().nodes.out!.latencyP50).toBeUndefined();
    // The snapshot armed the next window.
    expect(run.nodes.get('src')!.next).toBe(null);
    await run.emit('src', 0);
    expect(listOf(run, 'out')).toHaveLength(41);
  });

  it('records an inspected node’s values, bounded, and counts the rest as omitted', async () => {
    const { run } = compiled(
      graph(
        [manual(), map('m', 'x => x + 1'), list('out')],
        [
          { source: 'src', target: 'm' },
          { source: 'm', target: 'out' },
        ],
      ),
      { guard: 'on-error' },
    );
    const m = run.nodes.get('m')!;
    run.inspect('m', true);
    for (let i = 0; i < 150; i++) await run.emit('src', i);
    const samples = run.samples('m');
    expect(samples.values).toHaveLength(100);
    expect(samples.omitted).toBe(50);
    expect(samples.values[0]!.value).toBe(51);
    expect(samples.values[99]!.value).toBe(150);
    expect(run.samples('m')).toMatchObject({ values: [], omitted: 0, errors: [] });
    run.inspect('m', false);
    expect(m.downstreams).toHaveLength(1);
    await run.emit('src', 1);
    expect(run.samples('m').values).toEqual([]);
    expect(listOf(run, 'out')).toHaveLength(151);
  });

  it('opens an inspector with what the node already holds: its last output, a list sink’s kept elements', async () => {
    const { run } = compiled(
      graph(
        [manual(), map('m', 'x => x * 10'), list('out')],
        [
          { source: 'src', target: 'm' },
          { source: 'm', target: 'out' },
        ],
      ),
    );
    for (let i = 1; i <= 3; i++) await run.emit('src', i);
    run.inspect('m', true);
    run.inspect('out', true);
    await run.emit('src', 4);
    expect(run.samples('m').values.map((v) => v.value)).toEqual([30, 40]);
    expect(run.samples('out').values.map((v) => v.value)).toEqual([10, 20, 30, 40]);
  });
});

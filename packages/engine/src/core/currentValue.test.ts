// The telemetry contract of `emitted` and `currentValue` (see the Stream class comment): every
// element is counted, values are recorded within a budget that each telemetry read renews.
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog.js';
import { compile } from '../graph/compile.js';
import '../index.js';
import { plainHost } from '../testing/plainHost.js';
import { Stream, VALUE_BUDGET } from './stream.js';
import { VirtualScheduler } from './virtualScheduler.js';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('currentValue', () => {
  it('is the latest element while the budget lasts, then the last one recorded', () => {
    const source = new Stream<number>();
    const doubled = source.map((x: number) => x * 2);
    doubled.sinkToList();
    expect(doubled.hasLatestValue()).toBe(false);
    source.emit(1);
    expect(doubled.currentValue).toBe(2);
    expect(doubled.hasLatestValue()).toBe(true);
    for (const x of range(VALUE_BUDGET + 10, 2)) source.emit(x);
    // Every element is counted; the value stays at the last one the budget allowed.
    expect(doubled.emitted).toBe(VALUE_BUDGET + 11);
    expect(doubled.currentValue).toBe(2 * VALUE_BUDGET);
    expect(doubled.hasLatestValue()).toBe(false);
    expect(doubled.valueBudget).toBe(0);
  });

  it('is recorded again after each telemetry read (sampleValue)', () => {
    const source = new Stream<number>();
    for (const x of range(VALUE_BUDGET + 5)) source.emit(x);
    expect(source.sampleValue()).toBe(VALUE_BUDGET - 1);
    expect(source.valueBudget).toBe(VALUE_BUDGET);
    source.emit(-1);
    expect(source.currentValue).toBe(-1);
    expect(source.hasLatestValue()).toBe(true);
    expect(source.sampleValue()).toBe(-1);
  });

  it('is every element under keepValues(), as streamz current_value', () => {
    const source = new Stream<number>();
    source.keepValues();
    for (const x of range(3 * VALUE_BUDGET)) source.emit(x);
    expect(source.currentValue).toBe(3 * VALUE_BUDGET - 1);
    expect(source.hasLatestValue()).toBe(true);
    source.sampleValue(); // a telemetry read does not end it
    source.emit(-7);
    expect(source.currentValue).toBe(-7);
    source.keepValues(false);
    expect(source.valueBudget).toBe(VALUE_BUDGET);
  });

  it('is recorded on every delivery path: one downstream, several, none, a zip tuple', () => {
    const a = new Stream<number>();
    const inc = a.map((x: number) => x + 1); // several downstreams below: _emit's loop
    inc.sinkToList();
    const zipped = inc.zip(a.map((x: number) => -x)); // one downstream: the fast path
    zipped.sinkToList();
    const alone = a.filter((x: number) => x > 0); // no downstream
    a.emit(5);
    expect(a.currentValue).toBe(5);
    expect(inc.currentValue).toBe(6);
    expect(zipped.currentValue).toEqual([6, -5]);
    expect(alone.currentValue).toBe(5);
    for (const node of [a, inc, zipped, alone]) expect(node.hasLatestValue()).toBe(true);
  });
});

describe('currentValue under telemetry', () => {
  function counterRun(interval: number) {
    const doc = {
      version: 1,
      name: 't',
      nodes: [
        { id: 'c', type: 'counter', params: { interval } },
        { id: 'out', type: 'sink_to_list', params: {} },
      ],
      edges: [{ id: 'e0', source: 'c', target: 'out' }],
    };
    const scheduler = new VirtualScheduler();
    const result = compile(doc, plainHost(scheduler), catalog, {});
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    return { run: result.graph, scheduler };
  }

  it('shows the true latest element of a stream below the budget per tick, however long it runs', async () => {
    // 500 elements per 1 s tick, 5 ticks: 2,500 elements in all, more than one budget.
    const { run, scheduler } = counterRun(2);
    run.start();
    for (let tick = 1; tick <= 5; tick++) {
      await scheduler.advance(1000);
      const c = run.snapshot().nodes.c!;
      expect(c.last).toBe(c.out - 1);
    }
    run.stop();
  });
});

// Every node of a compiled graph catches its own errors (both guard modes), with the element it
// was given: the element never depends on what `currentValue` recorded.
describe("an error in a compiled graph ('on-error', now the same as 'always')", () => {
  function failing() {
    const doc = {
      version: 1,
      name: 't',
      nodes: [
        { id: 'src', type: 'from_iterable', params: { items: [] } },
        { id: 'double', type: 'map', params: { func: 'x => x * 2' } },
        { id: 'bad', type: 'map', params: { func: 'x => { if (x < 0) throw new Error("neg"); return x; }' } },
        { id: 'out', type: 'sink_to_list', params: {} },
      ],
      edges: [
        { id: 'e0', source: 'src', target: 'double' },
        { id: 'e1', source: 'double', target: 'bad' },
        { id: 'e2', source: 'bad', target: 'out' },
      ],
    };
    const result = compile(doc, plainHost(new VirtualScheduler()), catalog, { guard: 'on-error' });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
    return result.graph;
  }

  it('names the element that caused it when its input recorded it', async () => {
    const run = failing();
    await run.emit('src', 1);
    await run.emit('src', -3);
    expect(run.samples('bad').errors.map((e) => e.element)).toEqual([-6]);
  });

  it('names the element also when its input did not record its latest one', async () => {
    const run = failing();
    for (const x of range(VALUE_BUDGET + 1, 1)) await run.emit('src', x);
    await run.emit('src', -3);
    const errors = run.samples('bad').errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.element).toBe(-6);
  });
});

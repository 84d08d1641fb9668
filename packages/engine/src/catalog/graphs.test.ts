// Small graphs through the real compiler (validate, build detached, wire by port, probes), built
// from the catalog: the port conventions of collect, combine_latest and zip_latest, sources, log.
import { describe, expect, it } from 'vitest';
import { runGraph } from '../testing/runGraph.js';

let edgeId = 0;
const graph = (nodes: Array<[string, string, Record<string, unknown>?]>, edges: Array<[string, string, number?]>) => ({
  version: 1,
  nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
  edges: edges.map(([source, target, targetPort]) => ({ id: `e${edgeId++}`, source, target, targetPort: targetPort ?? 0 })),
});

describe('catalog graphs through compile', () => {
  it('counter → map → sink_to_list and log', async () => {
    const g = graph(
      [
        ['c', 'counter', { interval: 100, limit: 4 }],
        ['m', 'map', { func: 'x => x * 10' }],
        ['out', 'sink_to_list', { maxlen: 3 }],
        ['log', 'log'],
      ],
      [
        ['c', 'm'],
        ['m', 'out'],
        ['m', 'log'],
      ],
    );
    const r = await runGraph(g, { advance: 1000 });
    expect(r.outputs.out).toEqual([10, 20, 30]);
    expect(r.log).toEqual(['0', '10', '20', '30']);
    expect(r.errors).toEqual([]);
  });

  it('collect: data on port 0, flush on port 1, whatever the edge order', async () => {
    const g = graph(
      [
        ['data', 'from_iterable', { items: [1, 2, 3, 4, 5], interval: 100 }],
        ['tick', 'counter', { interval: 250, limit: 3 }],
        ['batch', 'collect'],
        ['out', 'sink_to_list'],
      ],
      [
        ['tick', 'batch', 1],
        ['data', 'batch', 0],
        ['batch', 'out'],
      ],
    );
    const r = await runGraph(g, { advance: 1000 });
    // data at 0, 100, 200, 300, 400; ticks at 0, 250, 500 (sources start in node order, so the
    // first tick comes after the first datum)
    expect(r.outputs.out).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('combine_latest emits on the ports it is told', async () => {
    const g = graph(
      [
        ['a', 'from_iterable', { items: [1, 2, 3], interval: 100 }],
        ['b', 'from_iterable', { items: ['x', 'y'], interval: 150 }],
        ['cl', 'combine_latest', { emitOn: [1] }],
        ['out', 'sink_to_list'],
      ],
      [
        ['b', 'cl', 1],
        ['a', 'cl', 0],
        ['cl', 'out'],
      ],
    );
    const r = await runGraph(g, { advance: 1000 });
    // a: 1@0 2@100 3@200; b: x@0 y@150 → b emits: x@0 ([1,'x']), y@150 ([2,'y'])
    expect(r.outputs.out).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
  });

  it('zip_latest takes port 0 as its lossless input', async () => {
    const g = graph(
      [
        ['other', 'from_iterable', { items: ['x', 'y'], interval: 150 }],
        ['lossless', 'from_iterable', { items: [1, 2, 3], interval: 100 }],
        ['zl', 'zip_latest'],
        ['out', 'sink_to_list'],
      ],
      [
        ['other', 'zl', 1],
        ['lossless', 'zl', 0],
        ['zl', 'out'],
      ],
    );
    const r = await runGraph(g, { advance: 1000 });
    expect(r.outputs.out).toEqual([
      [1, 'x'],
      [2, 'x'],
      [3, 'y'],
    ]);
  });

  it('random_walk → sliding_window → map: a smoothed simulated sensor', async () => {
    const g = graph(
      [
        ['s', 'random_walk', { seed: 3, initial: 20, step: 1, interval: 1000, limit: 10 }],
        ['w', 'sliding_window', { n: 3, returnPartial: false }],
        ['avg', 'map', { func: 'w => w.reduce((a, b) => a + b, 0) / w.length' }],
        ['out', 'sink_to_list'],
      ],
      [
        ['s', 'w'],
        ['w', 'avg'],
        ['avg', 'out'],
      ],
    );
    const r = await runGraph(g, { advance: 20_000 });
    expect(r.outputs.out).toHaveLength(8);
    for (const v of r.outputs.out as number[]) expect(Math.abs(v - 20)).toBeLessThan(10);
    const again = await runGraph(g, { advance: 20_000 });
    expect(again.outputs.out).toEqual(r.outputs.out);
  });
});

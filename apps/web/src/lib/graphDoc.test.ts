import { describe, expect, it } from 'vitest';
import type { Graph } from '@streamloom/engine/protocol';
import { testCatalog } from '../store/testing';
import { freshId, fromGraph, initialParams, inputCount, portOf, toGraph } from './graphDoc';

const byType = new Map(testCatalog.map((d) => [d.type, d]));

describe('graphDoc', () => {
  it('round-trips a graph through React Flow nodes and edges, keeping edge order and ports', () => {
    const graph: Graph = {
      version: 1,
      name: 'zip it',
      nodes: [
        { id: 'a', type: 'counter', params: { interval: 100 }, position: { x: 1, y: 2 } },
        { id: 'b', type: 'counter', params: {}, position: { x: 1, y: 80 } },
        { id: 'z', type: 'zip', params: {}, position: { x: 300, y: 40 }, onError: 'stop' },
      ],
      edges: [
        { id: 'e2', source: 'b', target: 'z', targetPort: 1 },
        { id: 'e1', source: 'a', target: 'z', targetPort: 0 },
      ],
    };
    const { nodes, edges } = fromGraph(graph);
    expect(edges[0]!.targetHandle).toBe('in-1');
    expect(toGraph('zip it', nodes, edges)).toEqual(graph);
  });

  it('reads ports from handle ids', () => {
    expect(portOf('in-3')).toBe(3);
    expect(portOf(null)).toBe(0);
  });

  it('prefills required parameters from their placeholder so a new node is valid', () => {
    expect(initialParams(byType.get('map')!)).toEqual({ func: 'x => x * 2' });
    expect(initialParams(byType.get('from_iterable')!)).toEqual({ items: [1, 2, 3] });
    expect(initialParams(byType.get('sliding_window')!)).toEqual({ n: 3 });
    expect(initialParams(byType.get('counter')!)).toEqual({});
  });

  it('grows a variadic node by one free input', () => {
    const zip = byType.get('zip')!;
    expect(inputCount(zip, [])).toBe(2);
    expect(inputCount(zip, [0, 1])).toBe(3);
    expect(inputCount(zip, [0, 1, 2])).toBe(4);
    expect(inputCount(byType.get('collect')!, [0])).toBe(2);
    expect(inputCount(byType.get('map')!, [0])).toBe(1);
  });

  it('makes readable unique ids', () => {
    expect(freshId('map', new Set(['map-1', 'map-2']))).toBe('map-3');
  });
});

// Generated graphs for the scale scenario: many chains, each from a counter to a sink.
import type { GraphDoc } from './api.js';

const STAGES: Array<{ type: string; params: Record<string, unknown> }> = [
  { type: 'map', params: { func: '(x) => x + 1' } },
  { type: 'filter', params: { predicate: '(x) => x % 1 === 0' } },
  { type: 'map', params: { func: '(x) => x * 2' } },
  { type: 'map', params: { func: '(x) => ({ n: x, even: x % 2 === 0 })' } },
  { type: 'pluck', params: { pick: 'n' } },
  { type: 'map', params: { func: '(x) => x - 1' } },
  { type: 'filter', params: { predicate: '(x) => x >= 0' } },
  { type: 'map', params: { func: '(x) => x / 2' } },
];

/**
 * `chains` rows of `length` nodes: counter → stages… → sink_to_list, laid out left to right.
 * 30 × 10 is 300 nodes and 270 edges.
 */
export function chainsGraph(chains: number, length: number, intervalMs: number, name: string): GraphDoc {
  const graph: GraphDoc = { version: 1, name, nodes: [], edges: [] };
  for (let c = 0; c < chains; c++) {
    const ids: string[] = [];
    for (let i = 0; i < length; i++) {
      const id = `c${c}n${i}`;
      ids.push(id);
      const position = { x: i * 240, y: c * 120 };
      if (i === 0) graph.nodes.push({ id, type: 'counter', params: { interval: intervalMs }, position });
      else if (i === length - 1) graph.nodes.push({ id, type: 'sink_to_list', params: { maxlen: 10 }, position });
      else graph.nodes.push({ id, type: STAGES[(i - 1) % STAGES.length]!.type, params: STAGES[(i - 1) % STAGES.length]!.params, position });
      if (i > 0) graph.edges.push({ id: `c${c}e${i}`, source: ids[i - 1]!, target: id, targetPort: 0 });
    }
  }
  return graph;
}

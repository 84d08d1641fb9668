import type { Stream } from '../core/stream.js';
import type { GraphEdge } from './schema.js';

/**
 * Connects detached nodes along a graph's edges, the way the fluent API would have connected them:
 *
 * - delivery order follows edge order: every edge, in array order, adds its target to its source's
 *   downstreams (a set, as in streamz: a second edge between the same two nodes delivers once);
 * - input order follows ports: each target then receives its upstreams sorted by `targetPort`
 *   (edges with equal ports keep their array order), so port 0 is `zip`'s first input.
 *
 * Cycles need nothing special: a feedback edge is an edge like any other.
 */
export function wireEdges(
  nodes: ReadonlyMap<string, Stream<any>>,
  edges: readonly GraphEdge[],
): void {
  const endpoint = (id: string): Stream<any> => {
    const node = nodes.get(id);
    if (node === undefined) throw new Error(`edge to unknown node ${JSON.stringify(id)}`);
    return node;
  };
  const incoming = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    endpoint(edge.source).addDownstream(endpoint(edge.target));
    const list = incoming.get(edge.target);
    if (list === undefined) incoming.set(edge.target, [edge]);
    else list.push(edge);
  }
  for (const [id, node] of nodes) {
    const list = incoming.get(id);
    if (list === undefined) continue;
    const ordered = list
      .map((edge, i) => ({ edge, i }))
      .sort((a, b) => (a.edge.targetPort ?? 0) - (b.edge.targetPort ?? 0) || a.i - b.i);
    for (const { edge } of ordered) node.addUpstream(endpoint(edge.source));
  }
}

// Auto-layout with elkjs (layered, left to right): positions for every node.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { XYPosition } from '@xyflow/react';
import type { OperatorNode, RateEdge } from './graphDoc';

let elk: InstanceType<typeof ELK> | null = null;

export async function layoutPositions(nodes: readonly OperatorNode[], edges: readonly RateEdge[]): Promise<Map<string, XYPosition>> {
  elk ??= new ELK();
  const ids = new Set(nodes.map((n) => n.id));
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '28',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    // Room for the live numbers a node shows once the graph runs.
    children: nodes.map((n) => ({ id: n.id, width: n.measured?.width ?? 212, height: Math.max(n.measured?.height ?? 70, 112) })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const positions = new Map<string, XYPosition>();
  for (const child of result.children ?? []) positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}

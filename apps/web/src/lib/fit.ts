// Fitting the view to a graph from its nodes' positions: no need to wait for React Flow to
// measure nodes (offscreen ones are never rendered with onlyRenderVisibleElements).
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';
import type { OperatorNode } from './graphDoc';

const NODE_W = 212;
const NODE_H = 90;

export function graphBounds(nodes: readonly OperatorNode[]): Rect | null {
  if (nodes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.measured?.width ?? NODE_W));
    y1 = Math.max(y1, n.position.y + (n.measured?.height ?? NODE_H));
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The viewport that shows every node (or the origin, unzoomed, for an empty graph). */
export function viewportFor(nodes: readonly OperatorNode[], width: number, height: number): Viewport {
  const bounds = graphBounds(nodes);
  if (bounds === null || width === 0 || height === 0) return { x: 0, y: 0, zoom: 1 };
  return getViewportForBounds(bounds, width, height, 0.1, 1.2, 0.1);
}

/** Fits the view of the canvas element on the page to the nodes. */
export function fitGraph(
  flow: { setViewport(v: Viewport, o?: { duration?: number }): Promise<boolean> | void },
  nodes: readonly OperatorNode[],
  duration = 0,
): void {
  const el = document.querySelector('[data-testid="canvas"]');
  const width = el?.clientWidth ?? 0;
  const height = el?.clientHeight ?? 0;
  void flow.setViewport(viewportFor(nodes, width, height), { duration });
}

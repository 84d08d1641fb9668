// The only translation point between React Flow's nodes and edges and the graph JSON document
// (`Graph` from the engine). Everything that saves, exports, validates or copies goes through here.
import type { Edge, Node } from '@xyflow/react';
import type { DescriptorData, Graph, GraphEdge, GraphNode } from '@streamloom/engine/protocol';

/** What an operator node carries: its catalog type and its parameters, exactly as in the JSON. */
export interface OperatorData extends Record<string, unknown> {
  op: string;
  params: Record<string, unknown>;
  onError?: 'drop' | 'stop';
}

export type OperatorNode = Node<OperatorData, 'operator'>;
export type RateEdge = Edge<Record<string, never>, 'rate'>;

export const GRAPH_VERSION = 1;
export const OUT_HANDLE = 'out';
export const inHandle = (port: number): string => `in-${port}`;

/** The input port of a target handle id (`in-2` → 2); 0 when absent. */
export function portOf(handle: string | null | undefined): number {
  if (handle == null) return 0;
  const m = /^in-(\d+)$/.exec(handle);
  return m === null ? 0 : Number(m[1]);
}

export function toGraphNode(node: OperatorNode): GraphNode {
  const out: GraphNode = {
    id: node.id,
    type: node.data.op,
    params: node.data.params,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  };
  if (node.data.onError !== undefined) out.onError = node.data.onError;
  return out;
}

export function toGraphEdge(edge: RateEdge): GraphEdge {
  return { id: edge.id, source: edge.source, target: edge.target, targetPort: portOf(edge.targetHandle) };
}

/** The canvas as a graph document. Edge order is kept: it is delivery order. */
export function toGraph(name: string, nodes: readonly OperatorNode[], edges: readonly RateEdge[]): Graph {
  return { version: GRAPH_VERSION, name, nodes: nodes.map(toGraphNode), edges: edges.map(toGraphEdge) };
}

export function fromGraphNode(node: GraphNode, selected = false): OperatorNode {
  const data: OperatorData = { op: node.type, params: { ...(node.params ?? {}) } };
  if (node.onError !== undefined) data.onError = node.onError;
  return {
    id: node.id,
    type: 'operator',
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    data,
    selected,
  };
}

export function fromGraphEdge(edge: GraphEdge, selected = false): RateEdge {
  return {
    id: edge.id,
    type: 'rate',
    source: edge.source,
    target: edge.target,
    sourceHandle: OUT_HANDLE,
    targetHandle: inHandle(edge.targetPort ?? 0),
    selected,
  };
}

/** A graph document on the canvas. */
export function fromGraph(graph: Pick<Graph, 'nodes' | 'edges'>): { nodes: OperatorNode[]; edges: RateEdge[] } {
  return { nodes: graph.nodes.map((n) => fromGraphNode(n)), edges: graph.edges.map((e) => fromGraphEdge(e)) };
}

/** An empty document. */
export function emptyGraph(name = 'Untitled'): Graph {
  return { version: GRAPH_VERSION, name, nodes: [], edges: [] };
}

/** A new node id for a type, unique among `taken` (`map-1`, `map-2` …: readable in errors and exports). */
export function freshId(op: string, taken: ReadonlySet<string>): string {
  const base = op.replace(/[^A-Za-z0-9_]/g, '_');
  for (let i = 1; ; i++) {
    const id = `${base}-${i}`;
    if (!taken.has(id)) return id;
  }
}

/**
 * The parameters a new node starts with: required parameters get the descriptor's placeholder
 * (`x => x * 2`), so a node dropped on the canvas is valid at once and shows what it expects.
 */
export function initialParams(d: DescriptorData): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of d.params) {
    if (!p.required || p.placeholder === undefined) continue;
    const value = placeholderValue(p.kind, p.placeholder);
    if (value !== undefined) params[p.name] = value;
  }
  return params;
}

function placeholderValue(kind: string, text: string): unknown {
  switch (kind) {
    case 'function':
    case 'string':
      return text;
    case 'number':
    case 'integer':
    case 'duration': {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'json':
    case 'list':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    default:
      return undefined;
  }
}

/** How many input handles a node shows: fixed ports, or for variadic ones every used port plus one free. */
export function inputCount(d: DescriptorData | undefined, usedPorts: Iterable<number>): number {
  if (d === undefined) return 1;
  if (d.inputs.max !== null) return d.inputs.max;
  let highest = -1;
  for (const p of usedPorts) if (p > highest) highest = p;
  return Math.max(d.inputs.min, highest + 2);
}

// Graph → its saved JSON, laid out for diffs: fixed key order, one block per node with one line
// per field, one line per edge. Values inside params keep their own key order (it is data:
// JavaScript and Python print objects in it).
import type { OperatorDescriptor } from '../catalog/types.js';
import type { Graph, GraphEdge, GraphNode } from '../graph/schema.js';
import type { ExportResult } from './types.js';

const GRAPH_KEYS = ['version', 'name', 'description'];
const NODE_KEYS = ['id', 'type', 'params', 'position', 'onError'];
const EDGE_KEYS = ['id', 'source', 'target', 'targetPort'];

/** The keys of `o` that are set: the known ones in their order, then any others by name. */
function keysOf(o: object, known: readonly string[], skip: readonly string[] = []): string[] {
  const present = Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined && !skip.includes(k));
  return [...known.filter((k) => present.includes(k)), ...present.filter((k) => !known.includes(k)).sort()];
}

/** A JSON value on one line, with a space after `:` and `,` as people write it. */
function inline(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => inline(v === undefined ? null : v)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
}

/** A node's params in its descriptor's order, then any others by name. */
function orderedParams(node: GraphNode, descriptor: OperatorDescriptor | undefined): Record<string, unknown> {
  const known = descriptor?.params.map((p) => p.name) ?? [];
  const keys = Object.keys(node.params);
  const order = [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k)).sort()];
  const out: Record<string, unknown> = {};
  for (const k of order) if (node.params[k] !== undefined) out[k] = node.params[k];
  return out;
}

function nodeBlock(node: GraphNode, descriptor: OperatorDescriptor | undefined): string {
  const fields: string[] = [];
  for (const key of keysOf(node, NODE_KEYS)) {
    const raw = (node as Record<string, unknown>)[key];
    const value = key === 'params' ? orderedParams(node, descriptor) : key === 'position' ? { x: node.position.x, y: node.position.y } : raw;
    if (key === 'params' && Object.keys(value as object).length > 0) {
      const params = Object.entries(value as Record<string, unknown>).map(([k, v]) => `        ${JSON.stringify(k)}: ${inline(v)}`);
      fields.push(`      "params": {\n${params.join(',\n')}\n      }`);
    } else {
      fields.push(`      ${JSON.stringify(key)}: ${inline(value)}`);
    }
  }
  return `    {\n${fields.join(',\n')}\n    }`;
}

function edgeLine(edge: GraphEdge): string {
  const fields = keysOf(edge, EDGE_KEYS).map((k) => `${JSON.stringify(k)}: ${inline((edge as Record<string, unknown>)[k])}`);
  return `    { ${fields.join(', ')} }`;
}

export function exportJson(graph: Graph, byType: ReadonlyMap<string, OperatorDescriptor>): ExportResult {
  const nodes = graph.nodes.map((n) => nodeBlock(n, byType.get(n.type)));
  const edges = graph.edges.map(edgeLine);
  const list = (items: string[]): string => (items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n  ]`);
  const head = keysOf(graph, GRAPH_KEYS, ['nodes', 'edges']).map((k) => `  ${JSON.stringify(k)}: ${inline((graph as Record<string, unknown>)[k])},`);
  const code = ['{', ...head, `  "nodes": ${list(nodes)},`, `  "edges": ${list(edges)}`, '}'].join('\n');
  return { code: code + '\n', warnings: [] };
}

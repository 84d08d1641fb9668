// The graph validator: every problem of a graph document at once, each saying where it is.
// Browser-safe (the editor runs it live) and total: it never throws, whatever it is given.
import type { CatalogData, DescriptorData } from '../catalog/types.js';
import type { GraphIssue } from './issues.js';
import { findSyncCycles } from './cycles.js';
import { migrate } from './migrate.js';
import { nodeParamIssues, paramsBytes } from './params.js';
import { parseJsonText } from './parseJson.js';
import { GRAPH_LIMITS, GraphSchema, type Graph } from './schema.js';
import { validateEdges } from './validateEdges.js';
import { describeValue, didYouMean, edgeLabel, listOr, nodeLabel, q } from './validateMessages.js';
import { shapeIssues } from './validateShape.js';

/** More issues than this are cut, with one last issue saying how many were left out. */
export const MAX_ISSUES = 1000;

/** A node as the checks see it: only entries with a readable string id. */
export interface NodeView {
  index: number;
  id: string;
  type: string | undefined;
  descriptor: DescriptorData | undefined;
}

/** An edge as the checks see it; fields that are ill-typed are undefined (the schema reports them). */
export interface EdgeView {
  index: number;
  id: string | undefined;
  source: string | undefined;
  target: string | undefined;
  port: number | undefined;
}

/** What checking a document found: the issues, and the graph when it has the right shape. */
export interface GraphCheck {
  issues: GraphIssue[];
  /** The document parsed by the schema (structural defaults applied), when its shape is right. */
  graph: Graph | undefined;
}

/**
 * Every problem of a graph, at once: its JSON (a string is parsed first), version, shape, ids,
 * operator types, parameters, edges and ports, synchronous feedback loops and size. An empty list
 * means the graph compiles. Never throws.
 */
export function validate(graph: unknown, catalog: CatalogData): GraphIssue[] {
  return checkGraph(graph, catalog).issues;
}

/** `validate`, also returning the parsed graph; `parseGraph` is built on it. Never throws. */
export function checkGraph(input: unknown, catalog: CatalogData): GraphCheck {
  const issues: GraphIssue[] = [];
  let graph: Graph | undefined;
  try {
    graph = check(input, catalog, issues);
  } catch (error) {
    // Only a value that fights being read (a Proxy, a throwing getter) gets here.
    graph = undefined;
    issues.push({ code: 'invalid_shape', message: `The graph cannot be read: ${errorText(error)}` });
  }
  if (issues.length > MAX_ISSUES) {
    const left = issues.length - MAX_ISSUES;
    issues.length = MAX_ISSUES;
    issues.push({ code: 'too_large', message: `${left} more problems are not listed; fix these first` });
  }
  return { issues, graph };
}

function check(input: unknown, catalog: CatalogData, issues: GraphIssue[]): Graph | undefined {
  let doc = input;
  if (typeof doc === 'string') {
    const parsed = parseJsonText(doc);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      return undefined;
    }
    doc = parsed.value;
  }
  const migrated = migrate(doc);
  if (!migrated.ok) {
    issues.push(...migrated.issues);
    return undefined;
  }
  doc = migrated.doc;
  const { nodes, edges } = migrated.doc;

  // Bounded work: a graph over the limits is rejected before anything walks it.
  for (const [name, list, limit] of [['nodes', nodes, GRAPH_LIMITS.nodes], ['edges', edges, GRAPH_LIMITS.edges]] as const) {
    if (Array.isArray(list) && list.length > limit) {
      issues.push({ code: 'too_large', message: `The graph has ${list.length} ${name}; at most ${limit} are allowed`, path: name });
    }
  }
  if (issues.length > 0) return undefined;

  let parsed: ReturnType<typeof GraphSchema.safeParse>;
  try {
    parsed = GraphSchema.safeParse(doc);
  } catch (error) {
    parsed = { success: false } as typeof parsed;
    issues.push({ code: 'invalid_shape', message: `The graph cannot be read: ${errorText(error)}` });
  }
  if (!parsed.success && parsed.error !== undefined) issues.push(...shapeIssues(doc, parsed.error.issues));

  const byType = catalogIndex(catalog);
  const nodeViews = Array.isArray(nodes) ? readNodes(nodes, byType) : [];
  const edgeViews = Array.isArray(edges) ? readEdges(edges) : [];
  const nodesById = new Map<string, NodeView>();
  for (const node of nodeViews) {
    const first = nodesById.get(node.id);
    if (first === undefined) nodesById.set(node.id, node);
    else {
      issues.push({
        code: 'duplicate_id',
        message: `${nodeLabel(node.id, node.type)}: id ${q(node.id)} is already used by node #${first.index + 1}; node ids must be unique`,
        nodeId: node.id,
        path: `nodes.${node.index}`,
      });
    }
  }
  for (const node of nodeViews) {
    try {
      checkNode(node, (nodes as unknown[])[node.index], byType, issues);
    } catch (error) {
      issues.push({ code: 'invalid_shape', message: `${nodeLabel(node.id)} cannot be read: ${errorText(error)}`, nodeId: node.id });
    }
  }

  const edgeIds = new Map<string, EdgeView>();
  for (const edge of edgeViews) {
    if (edge.id === undefined) continue;
    const first = edgeIds.get(edge.id);
    if (first === undefined) edgeIds.set(edge.id, edge);
    else {
      issues.push({
        code: 'duplicate_id',
        message: `${edgeLabel(edge.id, edge.index, edge.source, edge.target)}: id ${q(edge.id)} is already used by edge #${first.index + 1}; edge ids must be unique`,
        edgeId: edge.id,
        path: `edges.${edge.index}`,
      });
    }
  }
  const wired = validateEdges(edgeViews, nodeViews, nodesById, issues);

  const cycles = findSyncCycles(
    nodeViews.filter((n) => n.descriptor !== undefined).map((n) => n.id),
    wired.map((e) => [e.source!, e.target!] as const),
    (id) => nodesById.get(id)?.descriptor?.async === true,
  );
  if (cycles.length > 0) {
    // Nodes that can sit inside a loop: asynchronous, with an input and an output.
    const asyncTypes = catalog
      .filter((d) => d.async && !d.source && d.outputs === 1 && d.inputs.max !== 0)
      .map((d) => d.type);
    const hint = asyncTypes.length > 0 ? ` such as ${listOr(asyncTypes.slice(0, 3))}` : '';
    for (const cycle of cycles) {
      const shown = cycle.length > 12 ? [...cycle.slice(0, 11), '…', cycle[cycle.length - 1]!] : cycle;
      issues.push({
        code: 'sync_cycle',
        message: `Feedback loop ${shown.map(q).join(' → ')} has no asynchronous node, so an element would go round it forever; put an asynchronous node${hint} in the loop`,
        nodeId: cycle[0]!,
      });
    }
  }
  return parsed.success && issues.length === 0 ? parsed.data : undefined;
}

function checkNode(node: NodeView, raw: unknown, byType: ReadonlyMap<string, DescriptorData>, issues: GraphIssue[]): void {
  if (node.type === undefined) return; // the schema reports it
  const descriptor = node.descriptor;
  if (descriptor === undefined) {
    issues.push({
      code: 'unknown_type',
      message: `${nodeLabel(node.id)}: unknown operator type ${q(node.type)}${didYouMean(node.type, byType.keys())}`,
      nodeId: node.id,
    });
    return;
  }
  const params = (raw as Record<string, unknown>).params;
  if (params === undefined) {
    issues.push(...nodeParamIssues({ nodeId: node.id, type: node.type, path: `nodes.${node.index}.params` }, descriptor, {}));
    return;
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return; // the schema reports it
  const bytes = paramsBytes(params, GRAPH_LIMITS.paramBytes);
  if (bytes !== undefined && bytes > GRAPH_LIMITS.paramBytes) {
    issues.push({
      code: 'too_large',
      message: `${nodeLabel(node.id, node.type)}: parameters take more than ${GRAPH_LIMITS.paramBytes / 1024} KB as JSON; at most ${GRAPH_LIMITS.paramBytes / 1024} KB are allowed`,
      nodeId: node.id,
    });
    return;
  }
  issues.push(
    ...nodeParamIssues(
      { nodeId: node.id, type: node.type, path: `nodes.${node.index}.params` },
      descriptor,
      params as Record<string, unknown>,
    ),
  );
}

function readNodes(nodes: readonly unknown[], byType: ReadonlyMap<string, DescriptorData>): NodeView[] {
  const views: NodeView[] = [];
  for (let index = 0; index < nodes.length; index++) {
    try {
      const node = readObject(nodes[index]);
      if (node === undefined || typeof node.id !== 'string' || node.id === '') continue;
      const type = typeof node.type === 'string' && node.type !== '' ? node.type : undefined;
      views.push({ index, id: node.id, type, descriptor: type === undefined ? undefined : byType.get(type) });
    } catch {
      // unreadable entries are left to the schema
    }
  }
  return views;
}

function readEdges(edges: readonly unknown[]): EdgeView[] {
  const views: EdgeView[] = [];
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  for (let index = 0; index < edges.length; index++) {
    try {
      const edge = readObject(edges[index]);
      if (edge === undefined) continue;
      const raw = edge.targetPort;
      const port = raw === undefined ? 0 : typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : undefined;
      views.push({ index, id: str(edge.id), source: str(edge.source), target: str(edge.target), port });
    } catch {
      // unreadable entries are left to the schema
    }
  }
  return views;
}

function readObject(raw: unknown): Record<string, unknown> | undefined {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

const indexes = new WeakMap<CatalogData, Map<string, DescriptorData>>();

/** The catalog by type (the first descriptor of a type wins), cached per catalog array. */
function catalogIndex(catalog: CatalogData): Map<string, DescriptorData> {
  let index = indexes.get(catalog);
  if (index === undefined) {
    index = new Map();
    for (const d of catalog) if (!index.has(d.type)) index.set(d.type, d);
    indexes.set(catalog, index);
  }
  return index;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : describeValue(error);
  } catch {
    return 'unknown error';
  }
}

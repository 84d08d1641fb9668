import { applyEdgeChanges, applyNodeChanges } from '@xyflow/react';
import type { DescriptorData, Graph, GraphIssue } from '@streamloom/engine/protocol';
import { GraphSchema, migrate, validate } from '@streamloom/engine/graph';
import type { StateCreator } from 'zustand';
import {
  freshId,
  fromGraphEdge,
  fromGraphNode,
  inHandle,
  initialParams,
  OUT_HANDLE,
  portOf,
  toGraph,
  toGraphNode,
  type OperatorNode,
  type RateEdge,
} from '../lib/graphDoc';
import type { EditorState, GraphSlice } from './types';

const EMPTY: readonly GraphIssue[] = [];

/** A node as people read it in messages: `map "map-1"`. */
export function nodeName(node: OperatorNode | undefined, d: DescriptorData | undefined): string {
  if (node === undefined) return 'the node';
  return `${d?.label ?? node.data.op} “${node.id}”`;
}

function selectedOf(nodes: readonly OperatorNode[]): string[] {
  const ids: string[] = [];
  for (const n of nodes) if (n.selected) ids.push(n.id);
  return ids;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function freshEdgeId(taken: ReadonlySet<string>): string {
  for (let i = taken.size + 1; ; i++) {
    const id = `e${i}`;
    if (!taken.has(id)) return id;
  }
}

export const createGraphSlice: StateCreator<EditorState, [], [], GraphSlice> = (set, get) => {
  /** After an edit: bump versions, validate when the meaning changed, save. */
  const changed = (structure: boolean) => {
    set((s) => ({ docVersion: s.docVersion + 1, structureVersion: structure ? s.structureVersion + 1 : s.structureVersion }));
    if (structure) get().revalidate();
    get().scheduleSave();
  };

  return {
    name: 'Untitled',
    nodes: [],
    edges: [],
    docVersion: 0,
    structureVersion: 0,
    issues: [],
    issuesByNode: {},
    selectedIds: [],

    onNodesChange(changes) {
      let removes = false;
      let moved = false;
      for (const c of changes) {
        if (c.type === 'remove') removes = true;
        else if (c.type === 'position' && !c.dragging && c.position !== undefined) moved = true;
      }
      if (removes) get().record();
      const nodes = applyNodeChanges(changes, get().nodes);
      let edges = get().edges;
      if (removes) {
        const ids = new Set(nodes.map((n) => n.id));
        edges = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      }
      const selectedIds = selectedOf(nodes);
      if (sameIds(selectedIds, get().selectedIds)) set({ nodes, edges });
      else set({ nodes, edges, selectedIds });
      if (removes) changed(true);
      else if (moved) changed(false);
    },

    onEdgesChange(changes) {
      const removes = changes.some((c) => c.type === 'remove');
      if (removes) get().record();
      set({ edges: applyEdgeChanges(changes, get().edges) });
      if (removes) changed(true);
    },

    connectionProblem(c) {
      const { nodes, edges, byType } = get();
      if (c.source === null || c.target === null) return 'Drop the connection on a port';
      const source = nodes.find((n) => n.id === c.source);
      const target = nodes.find((n) => n.id === c.target);
      if (source === undefined || target === undefined) return 'That node no longer exists';
      const sd = byType.get(source.data.op);
      const td = byType.get(target.data.op);
      if (sd !== undefined && sd.outputs === 0) return `${nodeName(source, sd)} is a sink: it has no output`;
      if (td !== undefined && td.inputs.max === 0) return `${nodeName(target, td)} is a source: it takes no input`;
      const port = portOf(c.targetHandle);
      if (td !== undefined && td.inputs.max !== null && port >= td.inputs.max) {
        return `${nodeName(target, td)} has only ${td.inputs.max} input${td.inputs.max === 1 ? '' : 's'}`;
      }
      if (closesSyncLoop(source.id, target.id, nodes, edges, byType)) {
        return source.id === target.id
          ? `${nodeName(source, sd)} cannot feed itself without an asynchronous node (delay, buffer, rate_limit …) in between`
          : 'This would close a feedback loop with no asynchronous node (delay, buffer, rate_limit …): an element would go round it forever';
      }
      const taken = edges.find((e) => e.target === target.id && portOf(e.targetHandle) === port);
      if (taken !== undefined) {
        const label = td?.inputs.labels?.[port];
        const from = taken.source === source.id ? 'already comes from this node' : `is already connected to “${taken.source}”`;
        return `Input ${port}${label ? ` (${label})` : ''} of ${nodeName(target, td)} ${from}; an input takes one edge`;
      }
      return null;
    },

    connect(c) {
      if (get().connectionProblem(c) !== null) return;
      get().record();
      const edges = get().edges;
      const edge = fromGraphEdge({
        id: freshEdgeId(new Set(edges.map((e) => e.id))),
        source: c.source,
        target: c.target,
        targetPort: portOf(c.targetHandle),
      });
      set({ edges: [...edges, edge] });
      changed(true);
    },

    addNode(op, position) {
      const d = get().byType.get(op);
      if (d === undefined) return null;
      get().record();
      const nodes = get().nodes;
      const id = freshId(op, new Set(nodes.map((n) => n.id)));
      const node = fromGraphNode({ id, type: op, params: initialParams(d), position }, true);
      set({ nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], selectedIds: [id] });
      changed(true);
      return id;
    },

    setParam(nodeId, param, value) {
      const node = get().nodes.find((n) => n.id === nodeId);
      if (node === undefined) return;
      const current = node.data.params[param];
      if (JSON.stringify(current) === JSON.stringify(value)) return;
      get().record(`param:${nodeId}:${param}`);
      const params = { ...node.data.params };
      if (value === undefined) delete params[param];
      else params[param] = value;
      set({ nodes: get().nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, params } } : n)) });
      changed(true);
    },

    setOnError(nodeId, onError) {
      get().record();
      set({
        nodes: get().nodes.map((n) => {
          if (n.id !== nodeId) return n;
          const data = { ...n.data };
          if (onError === undefined) delete data.onError;
          else data.onError = onError;
          return { ...n, data };
        }),
      });
      changed(true);
    },

    rename(name) {
      const trimmed = name.trim().slice(0, 200) || 'Untitled';
      if (trimmed === get().name) return;
      get().record('rename');
      set({ name: trimmed });
      changed(false);
    },

    deleteSelection() {
      const { nodes, edges } = get();
      const gone = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
      const keptEdges = edges.filter((e) => !e.selected && !gone.has(e.source) && !gone.has(e.target));
      if (gone.size === 0 && keptEdges.length === edges.length) return;
      get().record();
      set({ nodes: nodes.filter((n) => !gone.has(n.id)), edges: keptEdges, selectedIds: [] });
      changed(true);
    },

    selectAll() {
      const nodes = get().nodes.map((n) => (n.selected ? n : { ...n, selected: true }));
      set({ nodes, selectedIds: nodes.map((n) => n.id) });
    },

    selectOnly(nodeId) {
      const nodes = get().nodes.map((n) => {
        const want = n.id === nodeId;
        return n.selected === want ? n : { ...n, selected: want };
      });
      const edges = get().edges.map((e) => (e.selected ? { ...e, selected: false } : e));
      set({ nodes, edges, selectedIds: nodeId === null ? [] : [nodeId] });
    },

    selectionAsGraph() {
      const { nodes, edges, name } = get();
      const chosen = nodes.filter((n) => n.selected);
      if (chosen.length === 0) return null;
      const ids = new Set(chosen.map((n) => n.id));
      return toGraph(
        name,
        chosen,
        edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
      );
    },

    paste(fragment, at) {
      if (fragment.nodes.length === 0) return 0;
      get().record();
      const { nodes, edges } = get();
      const takenNodes = new Set(nodes.map((n) => n.id));
      const takenEdges = new Set(edges.map((e) => e.id));
      const idMap = new Map<string, string>();
      const minX = Math.min(...fragment.nodes.map((n) => n.position.x));
      const minY = Math.min(...fragment.nodes.map((n) => n.position.y));
      const dx = at ? at.x - minX : 40;
      const dy = at ? at.y - minY : 40;
      const added: OperatorNode[] = [];
      for (const n of fragment.nodes) {
        const id = takenNodes.has(n.id) ? freshId(n.type, takenNodes) : n.id;
        takenNodes.add(id);
        idMap.set(n.id, id);
        added.push(fromGraphNode({ ...n, id, position: { x: n.position.x + dx, y: n.position.y + dy } }, true));
      }
      const addedEdges: RateEdge[] = [];
      for (const e of fragment.edges) {
        const source = idMap.get(e.source);
        const target = idMap.get(e.target);
        if (source === undefined || target === undefined) continue;
        const id = freshEdgeId(takenEdges);
        takenEdges.add(id);
        addedEdges.push(fromGraphEdge({ ...e, id, source, target }));
      }
      set({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...added],
        edges: [...edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
        selectedIds: added.map((n) => n.id),
      });
      changed(true);
      return added.length;
    },

    duplicateSelection() {
      const fragment = get().selectionAsGraph();
      if (fragment !== null) get().paste(fragment);
    },

    moveNodes(positions) {
      if (positions.size === 0) return;
      get().record();
      set({
        nodes: get().nodes.map((n) => {
          const p = positions.get(n.id);
          return p === undefined ? n : { ...n, position: p };
        }),
      });
      changed(false);
    },

    beginDrag() {
      get().record();
    },

    loadDocument(graph) {
      const prev = new Map(get().nodes.map((n) => [n.id, n]));
      const nodes = graph.nodes.map((gn) => {
        const old = prev.get(gn.id);
        if (old !== undefined && JSON.stringify(toGraphNode(old)) === JSON.stringify(gn)) return old;
        const node = fromGraphNode(gn, old?.selected ?? false);
        if (old?.measured) node.measured = old.measured;
        return node;
      });
      const prevEdges = new Map(get().edges.map((e) => [e.id, e]));
      const edges = graph.edges.map((ge) => {
        const old = prevEdges.get(ge.id);
        const edge = fromGraphEdge(ge, old?.selected ?? false);
        return old !== undefined && old.source === edge.source && old.target === edge.target && old.targetHandle === edge.targetHandle
          ? old
          : edge;
      });
      set((s) => ({
        name: graph.name,
        nodes,
        edges,
        selectedIds: selectedOf(nodes),
        structureVersion: s.structureVersion + 1,
      }));
      get().revalidate();
    },

    revalidate() {
      const { catalog, nodes, edges, name, issuesByNode: before } = get();
      if (catalog.length === 0) return;
      const issues = validate(toGraph(name, nodes, edges), catalog);
      const grouped: Record<string, GraphIssue[]> = {};
      for (const issue of issues) {
        if (issue.nodeId === undefined) continue;
        (grouped[issue.nodeId] ??= []).push(issue);
      }
      const issuesByNode: Record<string, readonly GraphIssue[]> = {};
      for (const [id, list] of Object.entries(grouped)) {
        const old = before[id];
        const same = old !== undefined && old.length === list.length && old.every((o, i) => o.message === list[i]!.message);
        issuesByNode[id] = same ? old : list;
      }
      set({ issues, issuesByNode });
    },
  };
};

/** Does a new edge source → target close a loop that passes through no asynchronous node? */
export function closesSyncLoop(
  source: string,
  target: string,
  nodes: readonly OperatorNode[],
  edges: readonly RateEdge[],
  byType: ReadonlyMap<string, DescriptorData>,
): boolean {
  const op = new Map(nodes.map((n) => [n.id, n.data.op]));
  const isAsync = (id: string) => byType.get(op.get(id) ?? '')?.async === true;
  if (isAsync(source) || isAsync(target)) return false;
  if (source === target) return true;
  const out = new Map<string, string[]>();
  for (const e of edges) {
    const list = out.get(e.source);
    if (list === undefined) out.set(e.source, [e.target]);
    else list.push(e.target);
  }
  const seen = new Set<string>([target]);
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const next of out.get(id) ?? []) {
      if (next === source) return true;
      if (seen.has(next) || isAsync(next)) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return false;
}

/**
 * A clipboard or file text as a graph document: migrated, shape-checked. The reason when it is
 * not one (operator problems are left to validation, which marks the nodes).
 */
export function readGraphText(text: string): { ok: true; graph: Graph } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const migrated = migrate(value);
  if (!migrated.ok) return { ok: false, reason: migrated.issues.map((i) => i.message).join('; ') };
  const parsed = GraphSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') ?? '';
    return { ok: false, reason: `it is not a Streamloom graph${where ? ` (at ${where}: ${first?.message})` : ''}` };
  }
  return { ok: true, graph: parsed.data };
}

export { EMPTY as NO_ISSUES, inHandle, OUT_HANDLE };

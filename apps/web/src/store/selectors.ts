// Module-level selectors (xyflow's style): stable identities, so components subscribe narrowly.
import type { RateEdge } from '../lib/graphDoc';
import type { EditorState } from './types';

export const selectNodes = (s: EditorState) => s.nodes;
export const selectEdges = (s: EditorState) => s.edges;
export const selectCatalog = (s: EditorState) => s.catalog;
export const selectByType = (s: EditorState) => s.byType;
export const selectName = (s: EditorState) => s.name;
export const selectRun = (s: EditorState) => s.run;
export const selectRunState = (s: EditorState) => s.run?.state ?? null;
export const selectSelectedIds = (s: EditorState) => s.selectedIds;
export const selectIssues = (s: EditorState) => s.issues;
export const selectSaveState = (s: EditorState) => s.saveState;
export const selectDialog = (s: EditorState) => s.dialog;
export const selectConnection = (s: EditorState) => s.connection;
export const selectInspected = (s: EditorState) => s.inspected;
export const selectCanUndo = (s: EditorState) => s.past.length > 0;
export const selectCanRedo = (s: EditorState) => s.future.length > 0;

/** Per-node selectors, made once per node id and kept. */
const liveSelectors = new Map<string, (s: EditorState) => EditorState['live'][string] | undefined>();
export function liveOf(id: string) {
  let f = liveSelectors.get(id);
  if (f === undefined) liveSelectors.set(id, (f = (s) => s.live[id]));
  return f;
}

const hasLiveSelectors = new Map<string, (s: EditorState) => boolean>();
/** Whether a node has live numbers at all (the badge's structure appears once). */
export function hasLiveOf(id: string) {
  let f = hasLiveSelectors.get(id);
  if (f === undefined) hasLiveSelectors.set(id, (f = (s) => s.live[id] !== undefined));
  return f;
}

const issueSelectors = new Map<string, (s: EditorState) => EditorState['issuesByNode'][string] | undefined>();
export function issuesOf(id: string) {
  let f = issueSelectors.get(id);
  if (f === undefined) issueSelectors.set(id, (f = (s) => s.issuesByNode[id]));
  return f;
}

const bottleneckSelectors = new Map<string, (s: EditorState) => boolean>();
export function isBottleneck(id: string) {
  let f = bottleneckSelectors.get(id);
  if (f === undefined) bottleneckSelectors.set(id, (f = (s) => s.bottleneck === id));
  return f;
}

const failedSelectors = new Map<string, (s: EditorState) => boolean>();
export function hasFailed(id: string) {
  let f = failedSelectors.get(id);
  if (f === undefined) failedSelectors.set(id, (f = (s) => s.run?.state === 'failed' && s.run.nodeId === id));
  return f;
}

/** Which input ports of each node are connected, indexed once per edges array. */
const portIndex = new WeakMap<readonly RateEdge[], Map<string, string>>();
function portKeys(edges: readonly RateEdge[]): Map<string, string> {
  let index = portIndex.get(edges);
  if (index === undefined) {
    index = new Map();
    for (const e of edges) index.set(e.target, `${index.get(e.target) ?? ''}${e.targetHandle},`);
    portIndex.set(edges, index);
  }
  return index;
}
const portSelectors = new Map<string, (s: EditorState) => string>();
/** A node's connected input handles as a string key (compares by value). */
export function usedPortsOf(id: string) {
  let f = portSelectors.get(id);
  if (f === undefined) portSelectors.set(id, (f = (s) => portKeys(s.edges).get(id) ?? ''));
  return f;
}

export const selectIsLive = (s: EditorState) => s.run?.state === 'running' || s.run?.state === 'starting';

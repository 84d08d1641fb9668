// Edges and input ports: endpoints that exist, outputs that exist, ports in range, and every input
// port connected as its InputSpec says.
import type { InputSpec } from '../catalog/types.js';
import type { GraphIssue } from './issues.js';
import type { EdgeView, NodeView } from './validate.js';
import { edgeLabel, nodeLabel, nodeRef, portRanges, q } from './validateMessages.js';

/**
 * Checks every edge and every node's inputs, pushing issues; returns the edges that carry data
 * (both ends exist, the source has an output, the port exists), for the feedback-loop check.
 */
export function validateEdges(
  edges: readonly EdgeView[],
  nodes: readonly NodeView[],
  nodesById: ReadonlyMap<string, NodeView>,
  issues: GraphIssue[],
): EdgeView[] {
  const wired: EdgeView[] = [];
  /** Per target node: port → the edges into it, in document order. */
  const inputs = new Map<NodeView, Map<number, EdgeView[]>>();
  for (const edge of edges) {
    const label = edgeLabel(edge.id, edge.index, edge.source, edge.target);
    const where = edge.id === undefined ? { path: `edges.${edge.index}` } : { edgeId: edge.id };
    const source = edge.source === undefined ? undefined : nodesById.get(edge.source);
    const target = edge.target === undefined ? undefined : nodesById.get(edge.target);
    let carries = source !== undefined && target !== undefined && edge.port !== undefined;
    if (edge.source !== undefined && source === undefined) {
      issues.push({ code: 'missing_node', message: `${label} comes from node ${q(edge.source)}, which does not exist`, ...where });
    }
    if (edge.target !== undefined && target === undefined) {
      issues.push({ code: 'missing_node', message: `${label} goes to node ${q(edge.target)}, which does not exist`, ...where });
    }
    if (source?.descriptor !== undefined && source.descriptor.outputs === 0) {
      carries = false;
      issues.push({
        code: 'no_output',
        message: `${label} starts at ${nodeRef(source.id, source.type)}, which has no output`,
        nodeId: source.id,
        ...where,
      });
    }
    if (target?.descriptor === undefined || edge.port === undefined) {
      if (target?.descriptor === undefined) carries = false;
      continue;
    }
    const spec = target.descriptor.inputs;
    if (spec.max !== null && edge.port >= spec.max) {
      carries = false;
      const has = spec.max === 0 ? 'takes no inputs' : `has only ${portList(spec)}`;
      issues.push({
        code: 'invalid_port',
        message: `${label} goes to input ${edge.port} of ${nodeRef(target.id, target.type)}, which ${has}`,
        nodeId: target.id,
        ...where,
      });
      continue;
    }
    let ports = inputs.get(target);
    if (ports === undefined) inputs.set(target, (ports = new Map()));
    const list = ports.get(edge.port);
    if (list === undefined) ports.set(edge.port, [edge]);
    else list.push(edge);
    if (carries) wired.push(edge);
  }

  for (const node of nodes) {
    if (node.descriptor === undefined || nodesById.get(node.id) !== node) continue;
    checkInputs(node, node.descriptor.inputs, inputs.get(node) ?? new Map(), issues);
  }
  return wired;
}

function checkInputs(node: NodeView, spec: InputSpec, ports: ReadonlyMap<number, EdgeView[]>, issues: GraphIssue[]): void {
  const label = nodeLabel(node.id, node.type);
  const connected = [...ports.keys()].sort((a, b) => a - b);
  for (const port of connected) {
    const list = ports.get(port)!;
    if (list.length < 2) continue;
    const extra = list[1]!;
    const names = list.slice(0, 5).map((e) => (e.id === undefined ? `#${e.index + 1}` : q(e.id)));
    issues.push({
      code: 'too_many_inputs',
      message: `${label}: ${inputName(spec, port)} has ${list.length} edges (${names.join(', ')}${list.length > 5 ? ', …' : ''}); it takes one`,
      nodeId: node.id,
      ...(extra.id === undefined ? { path: `edges.${extra.index}` } : { edgeId: extra.id }),
    });
  }
  // Fixed ports: the first `min` must be connected. Variadic: every port below the highest one
  // used, and at least `min` of them.
  const needed = spec.max === null ? Math.max(spec.min, (connected[connected.length - 1] ?? -1) + 1) : spec.min;
  const missing = missingBelow(connected, needed);
  if (missing.length === 0) return;
  const count = missing.length === 1 && missing[0]![0] === missing[0]![1] ? 'input' : 'inputs';
  const which = `${count} ${portRanges(missing)}${labels(spec, missing)}`;
  let message: string;
  if (spec.max === null && connected.length < spec.min) {
    message = `${label}: needs at least ${spec.min} input${spec.min === 1 ? '' : 's'}, has ${connected.length}; connect ${which}`;
  } else if (spec.max === null) {
    message = `${label}: ${which} ${count === 'input' ? 'is' : 'are'} not connected; inputs are numbered from 0 without gaps`;
  } else {
    message = `${label}: ${which} ${count === 'input' ? 'is' : 'are'} not connected`;
  }
  issues.push({ code: 'too_few_inputs', message, nodeId: node.id });
}

/** The ranges [from, to] of ports below `needed` that are not in `connected` (sorted). */
function missingBelow(connected: readonly number[], needed: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let next = 0;
  for (const port of connected) {
    if (port >= needed) break;
    if (port > next) ranges.push([next, port - 1]);
    next = port + 1;
  }
  if (next < needed) ranges.push([next, needed - 1]);
  return ranges;
}

function labels(spec: InputSpec, missing: ReadonlyArray<[number, number]>): string {
  if (spec.labels === undefined) return '';
  const names: string[] = [];
  for (const [from, to] of missing) {
    for (let p = from; p <= Math.min(to, from + 10); p++) if (spec.labels[p] !== undefined) names.push(q(spec.labels[p]!));
  }
  return names.length === 0 ? '' : ` (${names.join(', ')})`;
}

function inputName(spec: InputSpec, port: number): string {
  const name = spec.labels?.[port];
  return name === undefined ? `input ${port}` : `input ${port} (${q(name)})`;
}

function portList(spec: InputSpec): string {
  const max = spec.max ?? 0;
  const names = spec.labels?.slice(0, max).map(q).join(', ');
  const ports = max === 1 ? 'input 0' : max === 2 ? 'inputs 0 and 1' : `inputs 0–${max - 1}`;
  return `${ports}${names ? ` (${names})` : ''}`;
}

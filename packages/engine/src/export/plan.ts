// The order in which an exported program builds a graph's nodes, and the plain streams it needs
// where building in that order alone would not reproduce the graph.
//
// A program builds each node with a method call on its inputs (`a.zip(b)`), which appends the new
// node to each input's downstreams. The graph says more: a node delivers to its downstreams in the
// order of their edges, and a feedback loop's input is built after the node that reads it. Both
// are written the way streamz's documentation builds feedback loops: a plain `Stream()` stands
// for the missing input and is connected once its upstream exists (`Stream()` passes every element
// on, synchronously). When a node must deliver to a later-built node before an earlier-built one,
// a plain stream is attached to it at the right moment (`Stream(upstream)`), and the later node
// is built on that stream.
import type { OperatorDescriptor } from '../catalog/types.js';
import type { Graph, GraphNode } from '../graph/schema.js';

/** A plain stream standing for the edge `source → target`. */
export interface Link {
  key: string;
  source: string;
  target: string;
  /** The target is built before the source: a feedback loop. */
  feedback: boolean;
}

export type Input = { node: string } | { link: string };

export type Step =
  /** A plain stream: attached to `link.source` at once (a tap), or connected later (feedback). */
  | { kind: 'link'; link: Link }
  /** A node, built on its inputs in port order. */
  | { kind: 'node'; node: GraphNode; descriptor: OperatorDescriptor; inputs: Input[] }
  /** `source.connect(link)`: a feedback loop closed. */
  | { kind: 'connect'; link: Link };

export interface Plan {
  steps: Step[];
  links: Link[];
  /** Nodes in build order. */
  order: GraphNode[];
  /** Source nodes (descriptor.source), in the graph's order: started at the end. */
  sources: GraphNode[];
}

export function planGraph(graph: Graph, byType: ReadonlyMap<string, OperatorDescriptor>): Plan {
  const nodes = graph.nodes;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const descriptor = (n: GraphNode): OperatorDescriptor => {
    const d = byType.get(n.type);
    if (d === undefined) throw new Error(`export: unknown operator type '${n.type}' (node '${n.id}')`);
    return d;
  };

  // Delivery order: each node's distinct targets in edge order. Inputs: sources in port order.
  const targets = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const incoming = new Map<string, { source: string; port: number; i: number }[]>(nodes.map((n) => [n.id, []]));
  graph.edges.forEach((e, i) => {
    if (!index.has(e.source) || !index.has(e.target)) throw new Error(`export: edge '${e.id}' joins unknown nodes`);
    const list = targets.get(e.source)!;
    if (!list.includes(e.target)) list.push(e.target);
    incoming.get(e.target)!.push({ source: e.source, port: e.targetPort ?? 0, i });
  });
  const inputsOf = new Map<string, string[]>();
  const firstEdge = new Map<string, number>();
  for (const n of nodes) {
    const list = incoming.get(n.id)!.slice().sort((a, b) => a.port - b.port || a.i - b.i);
    inputsOf.set(n.id, list.map((e) => e.source));
    firstEdge.set(n.id, list.length === 0 ? -1 : Math.min(...list.map((e) => e.i)));
  }

  // Build order: sources first, then whatever is ready, earliest edge first; a loop is entered at
  // the node that already has an input built (the first such), its other inputs become feedback.
  const built = new Set<string>();
  const order: GraphNode[] = [];
  const rank = (n: GraphNode): [number, number] => [firstEdge.get(n.id)!, index.get(n.id)!];
  const better = (a: GraphNode, b: GraphNode): boolean => {
    const [ea, ia] = rank(a);
    const [eb, ib] = rank(b);
    return ea < eb || (ea === eb && ia < ib);
  };
  while (order.length < nodes.length) {
    let pick: GraphNode | undefined;
    for (const n of nodes) {
      if (built.has(n.id)) continue;
      if (!inputsOf.get(n.id)!.every((s) => built.has(s))) continue;
      if (pick === undefined || better(n, pick)) pick = n;
    }
    if (pick === undefined) {
      for (const n of nodes) {
        if (built.has(n.id) || !inputsOf.get(n.id)!.some((s) => built.has(s))) continue;
        if (pick === undefined || better(n, pick)) pick = n;
      }
    }
    pick ??= nodes.find((n) => !built.has(n.id))!;
    built.add(pick.id);
    order.push(pick);
  }

  // Walk the build order, attaching each node's downstreams in delivery order.
  const steps: Step[] = [];
  const links = new Map<string, Link>();
  const attached = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  const done = new Set<string>();
  const linkFor = (source: string, target: string, feedback: boolean): Link => {
    const key = `${source}\u0000${target}`;
    let link = links.get(key);
    if (link === undefined) {
      link = { key, source, target, feedback };
      links.set(key, link);
      steps.push({ kind: 'link', link });
    }
    return link;
  };
  /** Connects the source's next downstreams that already exist (their feedback links). */
  const flush = (source: string): void => {
    const list = targets.get(source)!;
    let k = attached.get(source)!;
    while (k < list.length && done.has(list[k]!)) {
      const link = links.get(`${source}\u0000${list[k]!}`);
      if (link === undefined) throw new Error(`export: no link for ${source} → ${list[k]}`);
      steps.push({ kind: 'connect', link });
      k++;
    }
    attached.set(source, k);
  };

  for (const node of order) {
    const inputs: Input[] = [];
    const direct = new Set<string>();
    for (const source of inputsOf.get(node.id)!) {
      const existing = links.get(`${source}\u0000${node.id}`);
      if (existing !== undefined) {
        inputs.push({ link: existing.key });
        continue;
      }
      if (!done.has(source)) {
        inputs.push({ link: linkFor(source, node.id, true).key });
        continue;
      }
      if (direct.has(source)) {
        inputs.push({ node: source });
        continue;
      }
      // Earlier downstreams of `source` not built yet get a plain stream now, in their place.
      const list = targets.get(source)!;
      const position = list.indexOf(node.id);
      let k = attached.get(source)!;
      while (k < position) {
        linkFor(source, list[k]!, false);
        k++;
        attached.set(source, k);
        flush(source);
        k = attached.get(source)!;
      }
      direct.add(source);
      inputs.push({ node: source });
    }
    steps.push({ kind: 'node', node, descriptor: descriptor(node), inputs });
    done.add(node.id);
    for (const source of direct) {
      attached.set(source, attached.get(source)! + 1);
      flush(source);
    }
    flush(node.id);
  }
  for (const n of nodes) {
    flush(n.id);
    if (attached.get(n.id)! !== targets.get(n.id)!.length) throw new Error(`export: downstreams of '${n.id}' left unattached`);
  }

  const sources = nodes.filter((n) => descriptor(n).source === true);
  return { steps, links: [...links.values()], order, sources };
}

// Feedback loops that no asynchronous node breaks: emit() would recurse through them forever.

/**
 * The feedback loops among `nodes` that pass through no node for which `breaks` is true, one per
 * strongly connected component of the graph without those nodes, each as a path of node ids that
 * starts and ends at the same node (`['a', 'b', 'a']`), ordered by their first node. Iterative;
 * linear in nodes and edges.
 */
export function findSyncCycles(
  nodes: readonly string[],
  edges: ReadonlyArray<readonly [source: string, target: string]>,
  breaks: (nodeId: string) => boolean,
): string[][] {
  const index = new Map<string, number>();
  for (const id of nodes) if (!index.has(id) && !breaks(id)) index.set(id, index.size);
  const ids = [...index.keys()];
  const graph = adjacency(ids.length, edges, index);
  const component = stronglyConnected(graph);

  // Vertices by component; a component is a loop if it has two vertices or a self-loop.
  const first = new Map<number, number>();
  const size = new Map<number, number>();
  for (let v = 0; v < ids.length; v++) {
    const c = component[v]!;
    if (!first.has(c)) first.set(c, v);
    size.set(c, (size.get(c) ?? 0) + 1);
  }
  const cycles: string[][] = [];
  for (const [c, start] of first) {
    const loop = hasEdge(graph, start, start)
      ? [start, start]
      : size.get(c)! > 1
        ? shortestLoop(graph, start, component)
        : undefined;
    if (loop !== undefined) cycles.push(loop.map((v) => ids[v]!));
  }
  cycles.sort((a, b) => index.get(a[0]!)! - index.get(b[0]!)!);
  return cycles;
}

/** Compressed adjacency: the targets of v are `targets[offsets[v] .. offsets[v + 1])`. */
interface Adjacency {
  offsets: Int32Array;
  targets: Int32Array;
}

function adjacency(n: number, edges: ReadonlyArray<readonly [string, string]>, index: ReadonlyMap<string, number>): Adjacency {
  const pairs: number[] = [];
  const offsets = new Int32Array(n + 1);
  for (const [source, target] of edges) {
    const s = index.get(source);
    const t = index.get(target);
    if (s === undefined || t === undefined) continue;
    pairs.push(s, t);
    offsets[s + 1]!++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(pairs.length / 2);
  for (let i = 0; i < pairs.length; i += 2) targets[fill[pairs[i]!]!++] = pairs[i + 1]!;
  return { offsets, targets };
}

function hasEdge(g: Adjacency, from: number, to: number): boolean {
  for (let i = g.offsets[from]!; i < g.offsets[from + 1]!; i++) if (g.targets[i] === to) return true;
  return false;
}

/** Tarjan's algorithm without recursion: the component number of each vertex. */
function stronglyConnected(g: Adjacency): Int32Array {
  const n = g.offsets.length - 1;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let stackTop = 0;
  const workVertex = new Int32Array(n);
  const workNext = new Int32Array(n);
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let depth = 0;
    workVertex[0] = root;
    workNext[0] = g.offsets[root]!;
    order[root] = low[root] = counter++;
    stack[stackTop++] = root;
    while (depth >= 0) {
      const v = workVertex[depth]!;
      const next = workNext[depth]!;
      if (next < g.offsets[v + 1]!) {
        workNext[depth] = next + 1;
        const w = g.targets[next]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[stackTop++] = w;
          depth++;
          workVertex[depth] = w;
          workNext[depth] = g.offsets[w]!;
        } else if (component[w] === -1) {
          low[v] = Math.min(low[v]!, order[w]!); // w is on the stack
        }
        continue;
      }
      depth--;
      if (depth >= 0) {
        const parent = workVertex[depth]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack[--stackTop]!;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}

/** A shortest path from `start` back to itself inside its component (breadth-first). */
function shortestLoop(g: Adjacency, start: number, component: Int32Array): number[] {
  const c = component[start];
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (let i = g.offsets[v]!; i < g.offsets[v + 1]!; i++) {
      const w = g.targets[i]!;
      if (component[w] !== c) continue;
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = previous.get(u)!) path.push(u);
        path.push(start);
        return path.reverse();
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

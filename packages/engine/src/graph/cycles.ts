// Feedback loops that no asynchronous node breaks: emit() would recurse through them forever.

/**
 * The feedback loops among `nodes` that pass through no node for which `breaks` is true, one per
 * strongly connected component of the graph without those nodes, each as a path of node ids that
 * starts and ends at the same node (`['a', 'b', 'a']`). Iterative; linear in nodes and edges.
 */
export function findSyncCycles(
  nodes: readonly string[],
  edges: ReadonlyArray<readonly [source: string, target: string]>,
  breaks: (nodeId: string) => boolean,
): string[][] {
  const index = new Map<string, number>();
  for (const id of nodes) if (!index.has(id) && !breaks(id)) index.set(id, index.size);
  const ids = [...index.keys()];
  const adjacency: number[][] = ids.map(() => []);
  for (const [source, target] of edges) {
    const s = index.get(source);
    const t = index.get(target);
    if (s !== undefined && t !== undefined) adjacency[s]!.push(t);
  }

  const cycles: string[][] = [];
  for (const component of stronglyConnected(adjacency)) {
    const start = Math.min(...component);
    const selfLoop = adjacency[start]!.includes(start);
    if (component.length === 1 && !selfLoop) continue;
    const path = selfLoop ? [start, start] : shortestLoop(adjacency, start, new Set(component));
    cycles.push(path.map((i) => ids[i]!));
  }
  cycles.sort((a, b) => index.get(a[0]!)! - index.get(b[0]!)!);
  return cycles;
}

/** Tarjan's algorithm without recursion: the components, each a list of vertex numbers. */
function stronglyConnected(adjacency: readonly number[][]): number[][] {
  const n = adjacency.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: Array<[vertex: number, next: number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, next] = frame;
      const targets = adjacency[v]!;
      if (next < targets.length) {
        frame[1] = next + 1;
        const w = targets[next]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = true;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v]!, order[w]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low[parent[0]] = Math.min(low[parent[0]]!, low[v]!);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = false;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest path from `start` back to itself inside `within` (breadth-first). */
function shortestLoop(adjacency: readonly number[][], start: number, within: ReadonlySet<number>): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of adjacency[v]!) {
      if (!within.has(w)) continue;
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

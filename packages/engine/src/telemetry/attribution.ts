// Which node threw, from an error's stack: for errors that reach the root of an unguarded graph.
import type { Stream } from '../core/stream.js';

/**
 * The script name a host gives a user function it compiles, so that stack traces name the node
 * and the parameter: `streamloom:<nodeId>/<param>`, URI-encoded. The plain host uses it as the
 * `//# sourceURL`; a vm host should use it as the script's `filename`.
 */
export function functionUrl(where: { nodeId: string; param: string }): string {
  return `streamloom:${encodeURIComponent(where.nodeId)}/${encodeURIComponent(where.param)}`;
}

const URL_FRAME = /streamloom:([^/\s():]+)\//;
const METHOD_FRAME = /\bat (?:async )?(?:new )?([A-Za-z_$][\w$]*)\.[\w$#<>]+ /;
const MAX_FRAMES = 64;

/**
 * The node whose code threw `error`, read from the innermost frame of its stack that belongs to a
 * node: a user function named by `functionUrl`, or a method of a node class that only one node of
 * the graph (or only one reachable from `root`) has. Undefined when the stack does not tell
 * (no stack, minified names, two nodes of the class on the path).
 */
export function culpritFromStack(
  error: unknown,
  nodes: ReadonlyMap<string, Stream<any>>,
  root?: Stream<any>,
): string | undefined {
  let stack: unknown;
  try {
    stack = (error as { stack?: unknown } | null | undefined)?.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  let byClass: Map<string, string[]> | undefined;
  for (const line of stack.split('\n', MAX_FRAMES)) {
    const url = URL_FRAME.exec(line);
    if (url !== null) {
      const id = decode(url[1]!);
      if (id !== undefined && nodes.has(id)) return id;
      continue;
    }
    const method = METHOD_FRAME.exec(line);
    if (method === null) continue;
    byClass ??= classIndex(nodes);
    const ids = byClass.get(method[1]!);
    if (ids === undefined) continue;
    if (ids.length === 1) return ids[0];
    if (root === undefined) return undefined;
    const reachable = downstreamOf(root, nodes);
    const candidates = ids.filter((id) => reachable.has(id));
    return candidates.length === 1 ? candidates[0] : undefined;
  }
  return undefined;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function classIndex(nodes: ReadonlyMap<string, Stream<any>>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const [id, node] of nodes) {
    const name = (node.constructor as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name === '') continue;
    const list = index.get(name);
    if (list === undefined) index.set(name, [id]);
    else list.push(id);
  }
  return index;
}

/** The ids of `root` and every graph node downstream of it. */
function downstreamOf(root: Stream<any>, nodes: ReadonlyMap<string, Stream<any>>): Set<string> {
  const idOf = new Map<Stream<any>, string>();
  for (const [id, node] of nodes) idOf.set(node, id);
  const seen = new Set<string>();
  const queue: Stream<any>[] = [root];
  while (queue.length > 0) {
    const node = queue.pop()!;
    const id = idOf.get(node);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    queue.push(...node.downstreams);
  }
  return seen;
}

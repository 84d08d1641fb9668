// Graph → a Python program on streamz: streamz's names and keyword arguments (durations in
// seconds), one variable per node in build order, user functions translated from JavaScript
// (jsToPython.ts) or, where that is not possible faithfully, stubs that raise NotImplementedError.
import type { ExportContext, OperatorDescriptor } from '../catalog/types.js';
import { withDefaults } from '../catalog/define.js';
import type { Graph, GraphNode } from '../graph/schema.js';
import { PYTHON_RESERVED, translateFunction, type Translation } from './jsToPython.js';
import { pyList, pyLiteral } from './literals.js';
import { NameAllocator, baseName, wordsOf } from './names.js';
import { planGraph, type Input, type Link } from './plan.js';
import { helpersUsedIn, pythonHelpers } from './pythonRuntime.js';
import { oneLine } from './typescript.js';
import type { ExportOptions, ExportResult, ExportWarning } from './types.js';

/** Standard modules generated code may use, imported when it does. */
const MODULES = ['collections', 'decimal', 'functools', 'itertools', 'json', 'math', 'queue', 'random', 're', 'time'];

/** What a function parameter becomes: a lambda, a def, or a stub. */
interface FunctionCode {
  param: string;
  source: string;
  translation: Translation;
  /** The module-level name of its def or stub, once names are given. */
  name?: string;
}

const RUN_HELPER = `
def run(*sources):
    """Starts the sources and returns once nothing is left to do: streamz runs them on an event
    loop in a background thread, and this waits until that loop has no callback, timer or socket
    left, which is when a Node.js program ends."""

    def start():
        # On the loop's thread: mark it asynchronous, as streamz's own emit() does (or a node that
        # re-emits through emit(), slice, would wait for the thread it runs on), and start every
        # source before any of them runs.
        streamz.core.thread_state.asynchronous = True
        for source in sources:
            source.start()

    sources[0].loop.add_callback(start)
    loop = sources[0].loop.asyncio_loop
    answers = queue.Queue()

    def idle():
        ready = [h for h in loop._ready if not h.cancelled()]
        busy = any(getattr(h._callback, "__name__", "") != "_read_from_self" for h in ready)
        timers = any(not h.cancelled() for h in loop._scheduled)
        answers.put(not busy and not timers and len(loop._selector.get_map()) <= 1)

    while True:
        loop.call_soon_threadsafe(idle)
        if answers.get():
            return
        time.sleep(0.01)
`.trim();

function context(
  descriptor: OperatorDescriptor,
  params: Record<string, unknown>,
  inputs: readonly string[],
  fn: (param: string) => string,
): ExportContext {
  const full = withDefaults(descriptor, params);
  const spec = (name: string) => descriptor.params.find((p) => p.name === name);
  return {
    params: full,
    inputs,
    literal: (value) => pyLiteral(value),
    code(param) {
      const value = full[param];
      const kind = spec(param)?.kind;
      if (kind === 'function' && typeof value === 'string') return fn(param);
      if (kind === 'list' && Array.isArray(value)) return pyList(value);
      return pyLiteral(value);
    },
  };
}

export function exportPython(graph: Graph, byType: ReadonlyMap<string, OperatorDescriptor>, options: ExportOptions): ExportResult {
  const plan = planGraph(graph, byType);
  const warnings: ExportWarning[] = streamzCaveats(graph, byType);

  // Translate every function parameter once, to know which need a def (or a stub).
  const functions = new Map<string, FunctionCode[]>();
  for (const node of graph.nodes) {
    const d = byType.get(node.type)!;
    const full = withDefaults(d, node.params);
    const list: FunctionCode[] = [];
    for (const p of d.params) {
      const source = full[p.name];
      if (p.kind !== 'function' || typeof source !== 'string') continue;
      list.push({ param: p.name, source, translation: translateFunction(source, { defName: 'func' }) });
    }
    functions.set(node.id, list);
  }
  // Translated functions only use their own names, helpers and modules (all reserved): the words
  // of each descriptor's own code are kept away from the nodes' names.
  const reserved = new Set(PYTHON_RESERVED);
  for (const step of plan.steps) {
    if (step.kind !== 'node') continue;
    const probes = step.inputs.map((_, i) => `__in${i}__`);
    const code = step.descriptor.toPython(context(step.descriptor, step.node.params, probes, () => '__fn__'));
    for (const w of wordsOf(code)) if (!/^__(in\d+|fn)__$/.test(w)) reserved.add(w);
  }
  const names = new NameAllocator(reserved);
  const nodeName = new Map<string, string>();
  for (const n of graph.nodes) nodeName.set(n.id, names.take(baseName(n.id, 'py'), 'py'));
  const linkName = new Map<string, string>();
  const feedbackCount = new Map<string, number>();
  for (const l of plan.links) if (l.feedback) feedbackCount.set(l.source, (feedbackCount.get(l.source) ?? 0) + 1);
  for (const l of plan.links) {
    const source = nodeName.get(l.source)!;
    const base = l.feedback && feedbackCount.get(l.source) === 1 ? `${source}_feedback` : `${source}_to_${nodeName.get(l.target)!}`;
    linkName.set(l.key, names.take(base, 'py'));
  }
  const definitions: string[] = [];
  for (const node of plan.order) {
    for (const f of functions.get(node.id)!) {
      if (f.translation.ok && f.translation.fn.definition === undefined) continue;
      f.name = names.take(`${nodeName.get(node.id)!}_${baseName(f.param, 'py')}`, 'py');
      if (f.translation.ok) {
        const final = translateFunction(f.source, { defName: f.name });
        if (!final.ok || final.fn.definition === undefined) throw new Error(`export: translation of ${node.id}.${f.param} changed`);
        definitions.push(final.fn.definition);
      } else {
        definitions.push(stub(node, f, f.name));
        warnings.push({
          nodeId: node.id,
          message:
            `${f.param}: not translated to Python (it ${f.translation.reason}); ` +
            `the program defines ${f.name}(), which raises NotImplementedError: translate it by hand`,
        });
      }
    }
  }
  const fnCode = (node: GraphNode) => (param: string): string => {
    const f = functions.get(node.id)!.find((x) => x.param === param)!;
    return f.name ?? (f.translation.ok ? f.translation.fn.expression : 'None');
  };
  const ref = (input: Input): string => ('node' in input ? nodeName.get(input.node)! : linkName.get(input.link)!);

  const body: string[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'link') body.push(linkStatement(step.link, linkName, nodeName));
    else if (step.kind === 'connect') body.push(`${nodeName.get(step.link.source)!}.connect(${linkName.get(step.link.key)!})`);
    else {
      const code = step.descriptor.toPython(context(step.descriptor, step.node.params, step.inputs.map(ref), fnCode(step.node)));
      body.push(step.descriptor.outputs > 0 ? `${nodeName.get(step.node.id)!} = ${code}` : code);
    }
  }

  const graphCode = body.join('\n');
  const sections: string[] = [];
  const helpers = pythonHelpers(helpersUsedIn(graphCode + '\n' + definitions.join('\n')));
  if (helpers.source !== '') sections.push(helpers.source);
  sections.push(...definitions);
  const main: string[] = [];
  if (plan.sources.length > 0) {
    sections.push(RUN_HELPER);
    main.push('if __name__ == "__main__":', `    run(${plan.sources.map((s) => nodeName.get(s.id)!).join(', ')})`);
  }
  const everything = [graphCode, ...sections].join('\n');
  const modules = MODULES.filter((m) => helpers.modules.has(m) || new RegExp(`\\b${m}\\.`).test(everything));

  const lines = [...header(graph, options)];
  lines.push(...modules.map((m) => `import ${m}`));
  if (modules.length > 0) lines.push('');
  if (plan.sources.length > 0) lines.push('import streamz.core');
  lines.push('from streamz import Stream');
  const blocks = [lines.join('\n'), ...sections.filter((s) => s !== RUN_HELPER), graphCode];
  if (plan.sources.length > 0) blocks.push(RUN_HELPER, main.join('\n'));
  return { code: blocks.join('\n\n\n') + '\n', warnings };
}

/**
 * streamz 0.6.4 behaviours the engine does not share, which a Python program started by its
 * sources shows (its sources run on streamz's event loop): the nodes concerned get a warning. They
 * belong in the descriptors once the catalog's contract has a place for Python-only notes.
 */
function streamzCaveats(graph: Graph, byType: ReadonlyMap<string, OperatorDescriptor>): ExportWarning[] {
  const sources = graph.nodes.filter((n) => byType.get(n.type)?.source === true).length;
  const warnings: ExportWarning[] = [];
  for (const node of graph.nodes) {
    if (node.type === 'partition' && sources > 1) {
      warnings.push({
        nodeId: node.id,
        message:
          "streamz's partition hands back a Future for every element, so each source feeding it waits for the event " +
          'loop after every element and the sources interleave element by element (the engine runs a source to its end ' +
          'first): the Python program may print in a different order',
      });
    }
    if (node.type === 'zip_latest' && sources > 0) {
      warnings.push({
        nodeId: node.id,
        message:
          "streamz's zip_latest hands nested lists back to its upstream, which a source cannot await: in the Python " +
          'program the source stops with a TypeError (asyncio.gather) at the first element zip_latest emits',
      });
    }
  }
  return warnings;
}

function stub(node: GraphNode, f: FunctionCode, name: string): string {
  const reason = f.translation.ok ? '' : f.translation.reason;
  const js = f.source.split('\n').map((l) => `#     ${l}`.trimEnd());
  return [
    `# TODO: not translated from JavaScript (it ${reason}).`,
    `# Node ${JSON.stringify(node.id)}, parameter ${f.param}:`,
    ...js,
    `def ${name}(*args):`,
    `    raise NotImplementedError(${JSON.stringify(`node ${JSON.stringify(node.id)}: ${f.param} is JavaScript that was not translated to Python`)})`,
  ].join('\n');
}

function linkStatement(link: Link, linkName: Map<string, string>, nodeName: Map<string, string>): string {
  const name = linkName.get(link.key)!;
  const source = nodeName.get(link.source)!;
  const target = nodeName.get(link.target)!;
  if (link.feedback) return `# ${source} is built below and feeds back into ${target}.\n${name} = Stream()`;
  return `# ${source} delivers to ${target} before the nodes built next.\n${name} = Stream(upstream=${source})`;
}

function header(graph: Graph, options: ExportOptions): string[] {
  const revision = options.revision !== undefined ? ` (revision ${options.revision})` : '';
  return [
    `# ${oneLine(graph.name)}${revision}: a stream graph exported from Streamloom.`,
    '# Runs on streamz (pip install streamz, or apt-get install python3-streamz): python3 <this file>',
  ];
}

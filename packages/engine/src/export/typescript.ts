// Graph → a TypeScript program on @streamloom/engine's fluent API: one `const` per node, named
// after it, in build order, user functions inlined as written, the sources started at the end.
import type { ExportContext, OperatorDescriptor } from '../catalog/types.js';
import { withDefaults } from '../catalog/define.js';
import type { Graph } from '../graph/schema.js';
import { tsLiteral, tsString } from './literals.js';
import { NameAllocator, TS_RESERVED, baseName, wordsOf } from './names.js';
import { planGraph, type Input, type Link } from './plan.js';
import { freeIdentifiers, typedFunction } from './tsFunction.js';
import type { ExportOptions, ExportResult } from './types.js';

/** Names the engine exports that generated code may use: imported when it does. */
const ENGINE_NAMES = ['Stream', 'jsonLine'];

/** The context a descriptor's toTypeScript gets; `fn` writes its function parameters. */
function context(
  descriptor: OperatorDescriptor,
  params: Record<string, unknown>,
  inputs: readonly string[],
  fn: (source: string, param: string) => string = typedFunction,
): ExportContext {
  const full = withDefaults(descriptor, params);
  const spec = (name: string) => descriptor.params.find((p) => p.name === name);
  return {
    params: full,
    inputs,
    literal: (value) => tsLiteral(value),
    code(param) {
      const value = full[param];
      if (spec(param)?.kind === 'function' && typeof value === 'string') return fn(value, param);
      return tsLiteral(value);
    },
  };
}

export function exportTypeScript(graph: Graph, byType: ReadonlyMap<string, OperatorDescriptor>, options: ExportOptions): ExportResult {
  const plan = planGraph(graph, byType);

  // Kept away from the nodes' names: the words of each descriptor's own code (functions aside),
  // and the names functions use without declaring them.
  const reserved = new Set(TS_RESERVED);
  for (const step of plan.steps) {
    if (step.kind !== 'node') continue;
    const probes = step.inputs.map((_, i) => `__in${i}__`);
    const template = step.descriptor.toTypeScript(
      context(step.descriptor, step.node.params, probes, (source) => {
        for (const name of freeIdentifiers(source)) reserved.add(name);
        return '__fn__';
      }),
    );
    for (const w of wordsOf(template)) if (!/^__(in\d+|fn)__$/.test(w)) reserved.add(w);
  }
  const names = new NameAllocator(reserved);
  const nodeName = new Map<string, string>();
  for (const n of graph.nodes) nodeName.set(n.id, names.take(baseName(n.id, 'ts'), 'ts'));
  const linkName = new Map<string, string>();
  const feedbackCount = new Map<string, number>();
  for (const l of plan.links) if (l.feedback) feedbackCount.set(l.source, (feedbackCount.get(l.source) ?? 0) + 1);
  for (const l of plan.links) {
    const base =
      l.feedback && feedbackCount.get(l.source) === 1
        ? `${nodeName.get(l.source)!}Feedback`
        : `${nodeName.get(l.source)!}To${capitalize(nodeName.get(l.target)!)}`;
    linkName.set(l.key, names.take(base, 'ts'));
  }
  const ref = (input: Input): string => ('node' in input ? nodeName.get(input.node)! : linkName.get(input.link)!);

  const body: string[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'link') body.push(linkStatement(step.link, linkName, nodeName));
    else if (step.kind === 'connect') body.push(`${nodeName.get(step.link.source)!}.connect(${linkName.get(step.link.key)!});`);
    else {
      const code = step.descriptor.toTypeScript(context(step.descriptor, step.node.params, step.inputs.map(ref)));
      body.push(step.descriptor.outputs > 0 ? `const ${nodeName.get(step.node.id)!} = ${code};` : `${code};`);
    }
  }

  const program = body.join('\n');
  const imports = ENGINE_NAMES.filter((n) => new RegExp(`\\b${n}\\b`).test(program));
  const engine = options.engineImport ?? '@streamloom/engine';
  const lines = [...header(graph, options)];
  if (imports.length > 0) lines.push(`import { ${imports.join(', ')} } from ${tsString(engine)};`);
  if (plan.order.some((n) => byType.get(n.type)!.needs !== undefined)) {
    lines.push(`import ${tsString(options.engineNodeImport ?? `${engine}/node`)};`);
  }
  lines.push('', program);
  if (plan.sources.length > 0) {
    lines.push('', ...plan.sources.map((s) => `${nodeName.get(s.id)!}.start();`));
  }
  return { code: lines.join('\n') + '\n', warnings: [] };
}

function linkStatement(link: Link, linkName: Map<string, string>, nodeName: Map<string, string>): string {
  const name = linkName.get(link.key)!;
  if (link.feedback) {
    return `// ${nodeName.get(link.source)!} is built below and feeds back into ${nodeName.get(link.target)!}.\nconst ${name} = new Stream();`;
  }
  return `// ${nodeName.get(link.source)!} delivers to ${nodeName.get(link.target)!} before the nodes built next.\nconst ${name} = new Stream(${nodeName.get(link.source)!});`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function header(graph: Graph, options: ExportOptions): string[] {
  const revision = options.revision !== undefined ? ` (revision ${options.revision})` : '';
  return [`// ${oneLine(graph.name)}${revision}: a stream graph exported from Streamloom.`, '// Run it with: npx tsx <this file>', ''];
}

export function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').trim() || 'Untitled';
}

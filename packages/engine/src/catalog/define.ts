import { setDefaultScheduler } from '../core/scheduler.js';
import type { Stream } from '../core/stream.js';
import type {
  BuildContext,
  DescriptorData,
  ExportContext,
  OperatorDescriptor,
  RunHost,
} from './types.js';

/** Identity with type checking, so every descriptor file reads `defineOperator({ … })`. */
export function defineOperator<D extends OperatorDescriptor>(descriptor: D): D {
  return descriptor;
}

/**
 * Builds a node on the run's scheduler. Nodes are built detached, so they cannot inherit a
 * scheduler from an upstream, and most operator constructors take no options: the default
 * scheduler is swapped for the host's while the constructor runs (timers a constructor starts,
 * as timed_window's does, land on the right clock), then the node is pinned to it.
 */
export function onHost<S extends Stream<any>>(ctx: BuildContext, make: () => S): S {
  const previous = setDefaultScheduler(ctx.host.scheduler);
  try {
    const node = make();
    node.scheduler = ctx.host.scheduler;
    return node;
  } finally {
    setDefaultScheduler(previous);
  }
}

/** The function of a required `function` parameter; throws if the host gave none. */
export function requiredFn(ctx: BuildContext, param: string): (...args: any[]) => any {
  const f = ctx.fn(param);
  if (f === null) throw new TypeError(`${ctx.nodeId}: parameter '${param}' needs a function`);
  return f;
}

/** A collection of descriptors that fails at module load on a duplicate type id. */
export function defineCatalog(descriptors: readonly OperatorDescriptor[]): readonly OperatorDescriptor[] {
  const seen = new Set<string>();
  for (const d of descriptors) {
    if (seen.has(d.type)) throw new Error(`catalog: duplicate operator type '${d.type}'`);
    seen.add(d.type);
  }
  return Object.freeze([...descriptors]);
}

/** Lookup by type id. */
export function indexByType(
  catalog: readonly OperatorDescriptor[],
): ReadonlyMap<string, OperatorDescriptor> {
  return new Map(catalog.map((d) => [d.type, d]));
}

/** The catalog as JSON-serialisable data (functions stripped): what the browser is built from. */
export function catalogData(catalog: readonly OperatorDescriptor[]): DescriptorData[] {
  return catalog.map(descriptorData);
}

export function descriptorData(d: OperatorDescriptor): DescriptorData {
  const data: DescriptorData = {
    type: d.type,
    label: d.label,
    category: d.category,
    doc: d.doc,
    example: d.example,
    inputs: { ...d.inputs, ...(d.inputs.labels ? { labels: [...d.inputs.labels] } : {}) },
    outputs: d.outputs,
    params: d.params.map((p) => ({ ...p, ...(p.options ? { options: [...p.options] } : {}) })),
  };
  if (d.keyParam !== undefined) data.keyParam = d.keyParam;
  if (d.needs !== undefined) data.needs = { ...d.needs };
  if (d.async !== undefined) data.async = d.async;
  if (d.source !== undefined) data.source = d.source;
  return data;
}

/** A node's parameters with the descriptor's defaults filled in (explicit values win). */
export function withDefaults(
  d: Pick<OperatorDescriptor, 'params'>,
  params: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of d.params) {
    if (Object.prototype.hasOwnProperty.call(params, p.name) && params[p.name] !== undefined) {
      out[p.name] = params[p.name];
    } else if (p.default !== undefined) {
      out[p.name] = structuredClone(p.default);
    }
  }
  return out;
}

/**
 * A BuildContext over a host: defaults applied, `function` parameters compiled by the host
 * (null stays null). What the compiler hands to `build`.
 */
export function buildContext(
  d: OperatorDescriptor,
  nodeId: string,
  params: Readonly<Record<string, unknown>>,
  host: RunHost,
): BuildContext {
  const full = withDefaults(d, params);
  const compiled = new Map<string, ((...args: any[]) => any) | null>();
  return {
    nodeId,
    params: full,
    host,
    fn(param: string) {
      if (compiled.has(param)) return compiled.get(param)!;
      const source = full[param];
      const f =
        source === null || source === undefined
          ? null
          : typeof source === 'function'
            ? (source as (...args: any[]) => any)
            : host.compileFunction(String(source), { nodeId, param });
      compiled.set(param, f);
      return f;
    },
  };
}

// ---- export helpers ---------------------------------------------------------------------------

/** A duration parameter (ms) as a Python number of seconds. */
export function pySeconds(ctx: ExportContext, param: string): string {
  return ctx.literal((ctx.params[param] as number) / 1000);
}

/** Joins call arguments, leaving out the empty ones (keyword arguments left at their default). */
export function args(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(', ');
}

/** `...args` spread of a `list` parameter as positional arguments, or nothing when empty. */
export function spread(ctx: ExportContext, param: string): string {
  const list = ctx.params[param];
  if (!Array.isArray(list) || list.length === 0) return '';
  return list.map((v) => ctx.literal(v)).join(', ');
}

/** The single input of a one-input node. */
export function input(ctx: ExportContext, i = 0): string {
  const name = ctx.inputs[i];
  if (name === undefined) throw new Error(`export: input ${i} is not connected`);
  return name;
}

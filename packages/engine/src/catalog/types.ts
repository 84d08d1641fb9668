import type { Stream } from '../core/stream.js';
import type { Scheduler } from '../core/types.js';

/** Palette groups, in the order the palette shows them. */
export const CATEGORIES = [
  'source',
  'transform',
  'filter',
  'aggregate',
  'window',
  'join',
  'time',
  'sink',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type ParamKind =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'string'
  | 'enum'
  | 'duration'
  | 'function'
  | 'json'
  | 'list';

/** One parameter of an operator; the editor's form field and the validator's rule. */
export interface ParamSpec {
  name: string;
  label: string;
  kind: ParamKind;
  doc: string;
  /** Must be given: there is no default. */
  required?: boolean;
  /** JSON value used when the parameter is absent. */
  default?: unknown;
  /** null is a meaningful value (e.g. `filter`'s predicate, `slice`'s end). */
  nullable?: boolean;
  /** Bounds: value for number/integer/duration (ms), length for string/list. */
  min?: number;
  max?: number;
  /** Choices for `enum`. */
  options?: readonly string[];
  /** Item kind for `list`. */
  items?: 'number' | 'integer' | 'string' | 'json';
  /** For `function`: how it is called, e.g. `(state, x) => newState`. */
  signature?: string;
  /** An example value shown in an empty field. */
  placeholder?: string;
}

/** Input ports: a fixed count (min === max) or variadic (max null) with a minimum. */
export interface InputSpec {
  min: number;
  max: number | null;
  /** Names of the fixed ports, e.g. `['lossless', 'other']`. */
  labels?: readonly string[];
}

/** What a node needs from the host process, which grants only that (Node's permission model). */
export interface HostNeeds {
  /** Name of the parameter holding a path the node reads. */
  fileRead?: string;
  /** Name of the parameter holding a path the node writes. */
  fileWrite?: string;
  network?: boolean;
  childProcess?: boolean;
}

/** Where a run's output and outside resources come from; the server's run host implements it. */
export interface RunHost {
  scheduler: Scheduler;
  /** Compiles a user function's source text (the server uses a hardened vm context). */
  compileFunction(source: string, where: { nodeId: string; param: string }): (...args: any[]) => any;
  /** One line of the run's output (the `log` sink writes JSON lines here, with its node's id). */
  log(line: string, nodeId?: string): void;
}

/** What a descriptor's `build` gets: its node's parameters with defaults applied, and the host. */
export interface BuildContext {
  nodeId: string;
  params: Readonly<Record<string, any>>;
  /** The compiled function of a `function` parameter (null when the parameter is null). */
  fn(param: string): ((...args: any[]) => any) | null;
  host: RunHost;
}

/** What a descriptor's exporters get: variable names of the inputs and code for each parameter. */
export interface ExportContext {
  params: Readonly<Record<string, any>>;
  /** The variables holding this node's inputs, in port order. */
  inputs: readonly string[];
  /** The parameter as code in the target language (a function's translated source, a literal …). */
  code(param: string): string;
  /** Any JSON value as a literal in the target language. */
  literal(value: unknown): string;
}

/**
 * Everything about one operator, source or sink: the single source of truth for the palette, the
 * parameter forms, validation, compilation and export.
 */
export interface OperatorDescriptor {
  /** Stable wire id: streamz's own name, e.g. `sliding_window`. */
  type: string;
  label: string;
  category: Category;
  /** One paragraph for people, shown in the palette and the inspector. */
  doc: string;
  /** A short example, in the fluent API. */
  example: string;
  inputs: InputSpec;
  /** Sinks have no output; everything else has one. */
  outputs: 0 | 1;
  params: readonly ParamSpec[];
  /** The parameter shown on the node in short (`map: x => x * 2`). */
  keyParam?: string;
  needs?: HostNeeds;
  /** Delivers later than it receives (timers, queues): a feedback loop needs one to terminate. */
  async?: boolean;
  /** A source with start/stop. */
  source?: boolean;
  /** Builds the node detached (no upstreams); the compiler wires the edges. */
  build(ctx: BuildContext): Stream<any>;
  /** An expression building the node on our fluent API (`${inputs[0]}.map(${code('func')})`). */
  toTypeScript(ctx: ExportContext): string;
  /** The same in Python on streamz (durations in seconds). */
  toPython(ctx: ExportContext): string;
}

/** A descriptor as JSON: what the browser's palette and forms are generated from. */
export type DescriptorData = Omit<OperatorDescriptor, 'build' | 'toTypeScript' | 'toPython'>;
export type CatalogData = readonly DescriptorData[];

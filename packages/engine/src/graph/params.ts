// Parameter rules: one value checked against its ParamSpec, a node's params against its descriptor,
// and defaults filled in. The inspector uses paramIssues to show a field's problem as it is typed.
import type { CatalogData, DescriptorData, ParamSpec } from '../catalog/types.js';
import type { GraphIssue } from './issues.js';
import type { Graph } from './schema.js';
import { checkFunctionSource } from './functionSource.js';
import { describeValue, didYouMean, listOr, nodeLabel, q, utf8Length, withArticle } from './validateMessages.js';

/** Where a parameter is: its node, and the path of the node's params in the document. */
export interface ParamContext {
  nodeId: string;
  type: string;
  /** Path of the node's `params` object, e.g. `nodes.3.params`; used for items inside a value. */
  path?: string;
}

const MAX_ITEM_ISSUES = 10;
const MAX_JSON_DEPTH = 200;

/** Every problem of one parameter's value (undefined means absent). Never throws. */
export function paramIssues(ctx: ParamContext, spec: ParamSpec, value: unknown): GraphIssue[] {
  try {
    return checkValue(ctx, spec, value);
  } catch (error) {
    return [issue(ctx, spec, 'invalid_param', `cannot be read (${safeString(error)})`)];
  }
}

/** Every problem of a node's params: missing, unknown, ill-typed and out-of-range ones. */
export function nodeParamIssues(ctx: ParamContext, descriptor: DescriptorData, params: Record<string, unknown>): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const known = new Set<string>();
  for (const spec of descriptor.params) {
    known.add(spec.name);
    let value: unknown;
    try {
      value = Object.prototype.hasOwnProperty.call(params, spec.name) ? params[spec.name] : undefined;
    } catch (error) {
      issues.push(issue(ctx, spec, 'invalid_param', `cannot be read (${safeString(error)})`));
      continue;
    }
    issues.push(...paramIssues(ctx, spec, value));
  }
  for (const name of Object.keys(params)) {
    // An undefined value is absent, as in the JSON the graph is saved as.
    if (known.has(name) || readOwnValue(params, name) === undefined) continue;
    const names = descriptor.params.map((p) => p.name);
    const expected = names.length === 0 ? `${descriptor.type} takes no parameters` : `it takes ${listOr(names)}`;
    const hint = didYouMean(name, names);
    issues.push({
      code: 'unknown_param',
      message: `${nodeLabel(ctx.nodeId, ctx.type)}: unknown parameter ${q(name)}${hint || `; ${expected}`}`,
      nodeId: ctx.nodeId,
      param: name,
    });
  }
  return issues;
}

/** The graph with every absent parameter set to its default (a copy; the input is not changed). */
export function applyDefaults(graph: Graph, catalog: CatalogData): Graph {
  const byType = new Map<string, DescriptorData>();
  for (const d of catalog) if (!byType.has(d.type)) byType.set(d.type, d);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const descriptor = byType.get(node.type);
      if (descriptor === undefined) return node;
      const params: Record<string, unknown> = { ...node.params };
      for (const spec of descriptor.params) {
        if (params[spec.name] === undefined && spec.default !== undefined) params[spec.name] = cloneJson(spec.default);
      }
      return { ...node, params };
    }),
  };
}

function readOwnValue(params: Record<string, unknown>, name: string): unknown {
  try {
    return params[name];
  } catch {
    return null; // unreadable, but present
  }
}

function cloneJson(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
}

function checkValue(ctx: ParamContext, spec: ParamSpec, value: unknown): GraphIssue[] {
  if (value === undefined) {
    return spec.required ? [issue(ctx, spec, 'missing_param', 'is required')] : [];
  }
  if (value === null) {
    if (spec.nullable) return [];
    if (spec.required) return [issue(ctx, spec, 'missing_param', 'is required (null is not allowed)')];
    return [issue(ctx, spec, 'invalid_param', `must not be null${defaultHint(spec)}`)];
  }
  switch (spec.kind) {
    case 'number':
    case 'integer':
    case 'duration':
      return checkNumber(ctx, spec, value);
    case 'boolean':
      return typeof value === 'boolean' ? [] : [mustBe(ctx, spec, 'true or false', value)];
    case 'string':
      if (typeof value !== 'string') return [mustBe(ctx, spec, 'text', value)];
      return checkLength(ctx, spec, value.length, 'character');
    case 'enum': {
      const options = spec.options ?? [];
      if (typeof value === 'string' && options.includes(value)) return [];
      return [issue(ctx, spec, 'invalid_param', `must be one of ${listOr(options)}, got ${describeValue(value)}`)];
    }
    case 'function':
      return checkFunction(ctx, spec, value);
    case 'json': {
      const problem = jsonProblem(value, '', [], 0);
      return problem === null ? [] : [issue(ctx, spec, 'invalid_param', `must be a JSON value: ${problem.text}`, problem.path)];
    }
    case 'list':
      return checkList(ctx, spec, value);
    default:
      return [];
  }
}

function checkNumber(ctx: ParamContext, spec: ParamSpec, value: unknown): GraphIssue[] {
  const unit = spec.kind === 'duration' ? ' ms' : '';
  const wanted =
    spec.kind === 'integer' ? 'a whole number' : spec.kind === 'duration' ? 'a duration in milliseconds (a number)' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value)) return [mustBe(ctx, spec, wanted, value)];
  if (spec.kind === 'integer' && !Number.isSafeInteger(value)) return [mustBe(ctx, spec, wanted, value)];
  if (spec.kind === 'duration' && value < 0) {
    return [issue(ctx, spec, 'out_of_range', `must be 0 ms or more, got ${value}${unit}`)];
  }
  const range = rangeText(spec, unit);
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    return [issue(ctx, spec, 'out_of_range', `must be ${range}, got ${value}${unit}`)];
  }
  return [];
}

function rangeText(spec: ParamSpec, unit: string): string {
  if (spec.min !== undefined && spec.max !== undefined) return `between ${spec.min} and ${spec.max}${unit}`;
  if (spec.min !== undefined) return `at least ${spec.min}${unit}`;
  return `at most ${spec.max}${unit}`;
}

function checkLength(ctx: ParamContext, spec: ParamSpec, length: number, noun: string): GraphIssue[] {
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (spec.min !== undefined && length < spec.min) {
    const text = spec.min === 1 && noun === 'character' ? 'must not be empty' : `must have at least ${plural(spec.min)}, got ${length}`;
    return [issue(ctx, spec, 'out_of_range', text)];
  }
  if (spec.max !== undefined && length > spec.max) {
    return [issue(ctx, spec, 'out_of_range', `must have at most ${plural(spec.max)}, got ${length}`)];
  }
  return [];
}

function checkFunction(ctx: ParamContext, spec: ParamSpec, value: unknown): GraphIssue[] {
  if (typeof value !== 'string') {
    return [mustBe(ctx, spec, `the source text of a function${spec.signature ? ` ${spec.signature}` : ''}`, value)];
  }
  if (value.trim() === '' && spec.required) return [issue(ctx, spec, 'missing_param', 'is required')];
  const length = checkLength(ctx, spec, value.length, 'character');
  if (length.length > 0) return length;
  const problem = checkFunctionSource(value);
  if (problem === null) return [];
  const found: GraphIssue = issue(ctx, spec, problem.code, problem.message);
  if (problem.line !== undefined) {
    found.line = problem.line;
    found.column = problem.column!;
  }
  return [found];
}

function checkList(ctx: ParamContext, spec: ParamSpec, value: unknown): GraphIssue[] {
  if (!Array.isArray(value)) return [mustBe(ctx, spec, `a list${spec.items ? ` of ${plural(spec.items)}` : ''}`, value)];
  const issues = checkLength(ctx, spec, value.length, 'item');
  let bad = 0;
  for (let i = 0; i < value.length; i++) {
    const problem = itemProblem(spec.items, value[i]);
    if (problem === null) continue;
    bad++;
    if (bad > MAX_ITEM_ISSUES) continue;
    issues.push(issue(ctx, spec, 'invalid_param', `item ${i} ${problem.text}`, `.${i}${problem.path}`));
  }
  if (bad > MAX_ITEM_ISSUES) {
    issues.push(issue(ctx, spec, 'invalid_param', `has ${bad - MAX_ITEM_ISSUES} more invalid items`));
  }
  return issues;
}

function plural(kind: string): string {
  return kind === 'json' ? 'JSON values' : kind === 'integer' ? 'whole numbers' : `${kind}s`;
}

function itemProblem(kind: ParamSpec['items'], item: unknown): { text: string; path: string } | null {
  switch (kind) {
    case 'number':
      return typeof item === 'number' && Number.isFinite(item) ? null : { text: `must be a number, got ${describeValue(item)}`, path: '' };
    case 'integer':
      return Number.isSafeInteger(item) ? null : { text: `must be a whole number, got ${describeValue(item)}`, path: '' };
    case 'string':
      return typeof item === 'string' ? null : { text: `must be text, got ${describeValue(item)}`, path: '' };
    default: {
      const problem = jsonProblem(item, '', [], 0);
      return problem === null ? null : { text: `must be a JSON value: ${problem.text}`, path: problem.path };
    }
  }
}

/** Why `value` is not JSON (and where, as `.a.2`), or null. Cycles, functions, NaN, Dates … */
function jsonProblem(value: unknown, path: string, ancestors: object[], depth: number): { text: string; path: string } | null {
  const at = path === '' ? '' : ` at ${path.slice(1)}`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return null;
    case 'number':
      return Number.isFinite(value) ? null : { text: `${describeValue(value)} is not a JSON number${at}`, path };
    case 'object':
      break;
    default:
      return { text: `${describeValue(value)} is not JSON${at}`, path };
  }
  if (value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { text: `nested more than ${MAX_JSON_DEPTH} levels deep${at}`, path };
  if (ancestors.includes(value)) return { text: `contains a cycle${at}`, path };
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) return { text: `undefined is not JSON at ${(path + '.' + i).slice(1)}`, path: `${path}.${i}` };
        const problem = jsonProblem(item, `${path}.${i}`, ancestors, depth + 1);
        if (problem !== null) return problem;
      }
      return null;
    }
    if (!isPlainObject(value)) return { text: `${withArticle(kindOf(value))} is not JSON${at}`, path };
    for (const key of Object.keys(value)) {
      const item: unknown = (value as Record<string, unknown>)[key];
      if (item === undefined) continue; // JSON leaves it out
      const problem = jsonProblem(item, `${path}.${key}`, ancestors, depth + 1);
      if (problem !== null) return problem;
    }
    return null;
  } finally {
    ancestors.pop();
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return true;
  // An object literal from another realm (a vm context): its prototype is that realm's Object.prototype.
  return Object.getPrototypeOf(proto) === null && typeof proto.constructor === 'function' && proto.constructor.name === 'Object';
}

function kindOf(value: object): string {
  try {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === 'string' && name !== '' ? name : 'object';
  } catch {
    return 'object';
  }
}

function defaultHint(spec: ParamSpec): string {
  return spec.default === undefined ? '' : `; leave it out to use the default ${safeJson(spec.default)}`;
}

function mustBe(ctx: ParamContext, spec: ParamSpec, wanted: string, value: unknown): GraphIssue {
  return issue(ctx, spec, 'invalid_param', `must be ${wanted}, got ${describeValue(value)}`);
}

/** `inner` is a path inside the value (`.2.a`); with the context's path it locates the issue. */
function issue(ctx: ParamContext, spec: ParamSpec, code: GraphIssue['code'], problem: string, inner?: string): GraphIssue {
  const found: GraphIssue = {
    code,
    message: `${nodeLabel(ctx.nodeId, ctx.type)}: parameter ${q(spec.name)} ${problem}`,
    nodeId: ctx.nodeId,
    param: spec.name,
  };
  if (inner && ctx.path !== undefined) found.path = `${ctx.path}.${spec.name}${inner}`;
  return found;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return '(unprintable)';
  }
}

function safeString(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'unknown error';
  }
}

/**
 * The size in bytes of `params` as JSON, or `limit + 1` as soon as it is known to be larger, or
 * undefined when it has no JSON form (a cycle, a throwing getter). Bounded work: it stops early.
 */
export function paramsBytes(params: unknown, limit: number): number | undefined {
  // A lower bound first, walked without recursion and stopped at the limit, so a huge or deep value
  // costs no more than `limit` steps; then the exact size.
  try {
    let estimate = 0;
    const stack: unknown[] = [params];
    const seen = new Set<object>();
    while (stack.length > 0) {
      const value = stack.pop();
      if (typeof value === 'string') estimate += value.length + 2;
      else if (typeof value === 'number' || typeof value === 'boolean') estimate += 1;
      else if (value !== null && typeof value === 'object' && !seen.has(value)) {
        seen.add(value);
        if (Array.isArray(value)) {
          estimate += 1 + value.length;
          if (estimate > limit) return limit + 1;
          for (let i = 0; i < value.length; i++) stack.push(value[i]);
        } else {
          estimate += 2;
          for (const key of Object.keys(value)) {
            estimate += key.length + 4;
            if (estimate > limit) return limit + 1;
            stack.push((value as Record<string, unknown>)[key]);
          }
        }
      }
      if (estimate > limit) return limit + 1;
    }
    const text = JSON.stringify(params);
    return text === undefined ? 0 : utf8Length(text);
  } catch {
    return undefined;
  }
}

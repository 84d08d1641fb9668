// zod's issues for the graph document, turned into GraphIssues that name the node or edge.
import type { z } from 'zod';
import type { GraphIssue } from './issues.js';
import { describeValue, edgeLabel, listOr, nodeLabel, q } from './validateMessages.js';

/** One `invalid_shape` issue per zod issue, with the path and the node or edge it is in. */
export function shapeIssues(doc: unknown, zodIssues: readonly z.core.$ZodIssue[]): GraphIssue[] {
  return zodIssues.map((zi) => shapeIssue(doc, zi));
}

function shapeIssue(doc: unknown, zi: z.core.$ZodIssue): GraphIssue {
  const path = zi.path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p)));
  const actual = at(doc, zi.path);
  const problem = describeProblem(zi, actual);
  const found: GraphIssue = { code: 'invalid_shape', message: '', path: path.join('.') };
  const [list, index] = zi.path;
  if ((list === 'nodes' || list === 'edges') && typeof index === 'number') {
    const entry = at(doc, [list, index]);
    const id = isObject(entry) && typeof entry.id === 'string' && entry.id !== '' ? entry.id : undefined;
    let label: string;
    if (list === 'nodes') {
      label = id === undefined ? `Node #${index + 1}` : nodeLabel(id, undefined);
      if (id !== undefined) found.nodeId = id;
    } else {
      label = edgeLabel(id, index, isObject(entry) ? entry.source : undefined, isObject(entry) ? entry.target : undefined);
      if (id !== undefined) found.edgeId = id;
    }
    const field = path.slice(2).join('.');
    found.message = field === '' ? `${label} ${problem}` : `${label}: field ${q(field)} ${problem}`;
    if (field === 'params') found.message += ' (parameter names and their values)';
  } else {
    found.message = path.length === 0 ? `The graph ${problem}` : `Graph field ${q(path.join('.'))} ${problem}`;
  }
  return found;
}

function describeProblem(zi: z.core.$ZodIssue, actual: unknown): string {
  switch (zi.code) {
    case 'invalid_type':
      if (actual === undefined) return 'is required';
      return `must be ${expectedNoun(zi.expected)}, got ${describeValue(actual)}`;
    case 'too_small':
    case 'too_big': {
      const small = zi.code === 'too_small';
      const bound = Number(small ? (zi as { minimum: unknown }).minimum : (zi as { maximum: unknown }).maximum);
      const inclusive = (zi as { inclusive?: boolean }).inclusive !== false;
      if (zi.origin === 'string') {
        if (small && bound === 1) return 'must not be empty';
        return `must have ${small ? 'at least' : 'at most'} ${bound} characters, got ${lengthOf(actual)}`;
      }
      if (zi.origin === 'array' || zi.origin === 'set') {
        return `must have ${small ? 'at least' : 'at most'} ${bound} items, got ${lengthOf(actual)}`;
      }
      const relation = small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than';
      return `must be ${relation} ${bound}, got ${describeValue(actual)}`;
    }
    case 'invalid_value':
      return `must be ${zi.values.length === 1 ? JSON.stringify(zi.values[0]) : `one of ${listOr(zi.values.map(String))}`}, got ${describeValue(actual)}`;
    default:
      return `is invalid: ${zi.message}`;
  }
}

function expectedNoun(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a finite number';
    case 'int':
      return 'a whole number';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'boolean':
      return 'true or false';
    default:
      return `a value of type ${expected}`;
  }
}

function lengthOf(value: unknown): string {
  try {
    return typeof value === 'string' || Array.isArray(value) ? String(value.length) : describeValue(value);
  } catch {
    return 'an unreadable value';
  }
}

/** The value at `path` in `doc`, or undefined (never throws). */
function at(doc: unknown, path: readonly PropertyKey[]): unknown {
  let current = doc;
  try {
    for (const key of path) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

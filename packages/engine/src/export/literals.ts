// JSON values as literals in the exported programs: TypeScript as prettier would write them, Python
// with JavaScript's arrays as tuples (what streamz's own operators emit) and objects as dicts.
import { pyNumber } from './jsToPython.js';

/** Literals longer than this are broken into lines. */
const WIDTH = 80;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A string in single quotes, as prettier writes it (double quotes when that needs fewer escapes). */
export function tsString(s: string): string {
  const json = JSON.stringify(s);
  const singles = (s.match(/'/g) ?? []).length;
  const doubles = (s.match(/"/g) ?? []).length;
  if (singles > doubles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A JSON value as a TypeScript literal. */
export function tsLiteral(value: unknown, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return tsString(value);
  if (Array.isArray(value)) return list(value.map((v) => tsLiteral(v, indent + '  ')), '[', ']', indent, '  ', ',');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const key = k === '__proto__' ? `['__proto__']` : IDENTIFIER.test(k) ? k : tsString(k);
      return `${key}: ${tsLiteral(v, indent + '  ')}`;
    });
    if (entries.length === 0) return '{}';
    return list(entries, '{ ', ' }', indent, '  ', ',', '{', '}');
  }
  throw new TypeError(`no TypeScript literal for a ${typeof value}`);
}

/** A JSON value as a Python literal: arrays are tuples, objects dicts. */
export function pyLiteral(value: unknown, indent = ''): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => pyLiteral(v, indent + '    '));
    if (items.length === 1 && !items[0]!.includes('\n')) return `(${items[0]},)`;
    return list(items, '(', ')', indent, '    ', '');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v, indent + '    ')}`,
    );
    return list(entries, '{', '}', indent, '    ', '');
  }
  throw new TypeError(`no Python literal for a ${typeof value}`);
}

/** A list parameter in Python (a list, as streamz's own signatures take), its items as literals. */
export function pyList(values: readonly unknown[], indent = ''): string {
  return list(
    values.map((v) => pyLiteral(v, indent + '    ')),
    '[',
    ']',
    indent,
    '    ',
    '',
  );
}

/**
 * Items between brackets, on one line when short, else packed into lines of at most WIDTH
 * characters (one item per line when an item spans lines), with a trailing comma.
 */
function list(
  items: string[],
  open: string,
  close: string,
  indent: string,
  step: string,
  trailing: string,
  openBroken = open.trim(),
  closeBroken = close.trim(),
): string {
  const flat = `${open}${items.join(', ')}${close}`;
  if (items.length === 0) return `${open.trim()}${close.trim()}`;
  if (flat.length <= WIDTH && !flat.includes('\n')) return flat;
  const inner = indent + step;
  const lines: string[] = [];
  const multiline = items.some((i) => i.includes('\n') || i.length > WIDTH / 2);
  if (multiline) {
    for (const item of items) lines.push(`${inner}${item},`);
  } else {
    let line = '';
    for (const item of items) {
      const next = line === '' ? `${item},` : `${line} ${item},`;
      if (inner.length + next.length > WIDTH && line !== '') {
        lines.push(inner + line);
        line = `${item},`;
      } else {
        line = next;
      }
    }
    if (line !== '') lines.push(inner + line);
  }
  const body = lines.join('\n');
  return `${openBroken}\n${trailing === ',' ? body : body}\n${indent}${closeBroken}`;
}

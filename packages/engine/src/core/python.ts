/**
 * Python's rules where streamz's behaviour depends on them: truthiness, equality and hashing
 * (`1 == 1.0 == True`, tuples by value), and indexing with negative positions.
 */

/** Python's `bool(x)`: None, False, 0, '', and empty containers are false; NaN is true. */
export function truthy(x: unknown): boolean {
  if (x === null || x === undefined || x === false) return false;
  if (x === true) return true;
  switch (typeof x) {
    case 'number':
      return x !== 0;
    case 'string':
      return x.length !== 0;
    case 'bigint':
      return x !== 0n;
    case 'object':
      if (Array.isArray(x)) return x.length !== 0;
      if (x instanceof Map || x instanceof Set) return x.size !== 0;
      if (ArrayBuffer.isView(x)) return (x as unknown as { length?: number }).length !== 0;
      if (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null) {
        for (const _ in x) return true;
        return false;
      }
      return true;
    default:
      return true;
  }
}

/** The exception streamz raises, with Python's class name, so messages read the same. */
export function pythonError(type: 'KeyError' | 'IndexError' | 'TypeError' | 'ValueError', message: string): Error {
  const error = new Error(message);
  error.name = type;
  return error;
}

/**
 * A key under which Python would consider two values equal and hash them alike: booleans become
 * numbers, arrays (tuples) compare by value. Throws TypeError for unhashable values (dicts, lists
 * used as containers of dicts, sets), as Python does.
 */
export function hashKey(x: unknown): unknown {
  if (x === undefined) return null; // both are Python's None
  if (x === true) return 1;
  if (x === false) return 0;
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return '\u0000tuple:' + x.map(tupleItemKey).join('\u0001');
  if (x instanceof Date) return '\u0000date:' + x.getTime();
  throw pythonError('TypeError', `unhashable type: '${Object.getPrototypeOf(x)?.constructor?.name ?? 'object'}'`);
}

function tupleItemKey(x: unknown): string {
  const k = hashKey(x);
  return typeof k === 'string' ? 's' + JSON.stringify(k) : typeof k + ':' + String(k);
}

/** Python `==` on values built from JSON-like data: deep for arrays and plain objects. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'boolean') a = a ? 1 : 0;
  if (typeof b === 'boolean') b = b ? 1 : 0;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !pyEquals(v, b.get(k))) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!pyEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * `x[index]` with Python's rules: negative positions count from the end of arrays and strings; a
 * missing position raises IndexError and a missing key KeyError.
 */
export function pyIndex(x: any, index: any): unknown {
  if (typeof x === 'string' || Array.isArray(x) || ArrayBuffer.isView(x)) {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw pythonError('TypeError', `indices must be integers, not ${typeof index}`);
    }
    const length = (x as { length: number }).length;
    const i = index < 0 ? length + index : index;
    if (i < 0 || i >= length) throw pythonError('IndexError', 'index out of range');
    return (x as ArrayLike<unknown>)[i];
  }
  if (x instanceof Map) {
    if (!x.has(index)) throw pythonError('KeyError', String(index));
    return x.get(index);
  }
  if (x !== null && typeof x === 'object') {
    // Own keys only: a dict has no inherited entries (`toString` is not a key of `{}`).
    if (!Object.hasOwn(x, index)) throw pythonError('KeyError', JSON.stringify(index) ?? String(index));
    return x[index];
  }
  throw pythonError('TypeError', `'${x === null ? 'NoneType' : typeof x}' object is not subscriptable`);
}

/**
 * The user functions of the differential tests, referred to by name from a pipeline description.
 * Each one behaves as its namesake in streamz_runner.py does on the values the generators produce:
 * same result, and the same Python exception (by `name`) where Python raises one, including a
 * TypeError for a wrong number of arguments or a value of the wrong type (None, a string, a dict
 * where Python wants a number), so a divergence can only come from the engine.
 */

export class PythonError extends Error {
  constructor(type: string, message: string) {
    super(message);
    this.name = type;
  }
}

type Fn = (...args: any[]) => unknown;

/** Python `int` arithmetic operand: numbers and booleans (bool is an int subclass). */
function int(x: unknown): number {
  if (typeof x === 'number' && Number.isInteger(x)) return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  throw new PythonError('TypeError', `unsupported operand type: ${typeName(x)}`);
}

function typeName(x: unknown): string {
  if (x === null) return 'NoneType';
  if (Array.isArray(x)) return 'tuple';
  if (typeof x === 'object') return 'dict';
  return typeof x;
}

/** Python `a + b` for the types in play: ints (and bools), strings, tuples. */
function plus(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return int(a) + int(b);
}

/** Python `a * b` for ints (and bools), and a string repeated an int number of times. */
function times(a: unknown, b: unknown): unknown {
  if (typeof a === 'string' && typeof b !== 'string') return a.repeat(Math.max(0, int(b)));
  if (typeof b === 'string' && typeof a !== 'string') return b.repeat(Math.max(0, int(a)));
  return int(a) * int(b) + 0;
}

/** Python `a > b` for ints (and bools) and strings. */
function greater(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a > b;
  return int(a) > int(b);
}

/** Python's `%` and `//`: the result takes the divisor's sign. */
function pyMod(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
}

function floorDiv(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
  return Math.floor(a / b) + 0;
}

/** Python `x[i]` on a tuple or a string. */
function index(x: unknown, i: number): unknown {
  if (x !== null && typeof x === 'object' && !Array.isArray(x))
    throw new PythonError('KeyError', String(i));
  if (typeof x !== 'string' && !Array.isArray(x)) {
    throw new PythonError('TypeError', `'${typeName(x)}' object is not subscriptable`);
  }
  const j = i < 0 ? x.length + i : i;
  if (j < 0 || j >= x.length) throw new PythonError('IndexError', 'index out of range');
  return x[j];
}

function len(x: unknown): number {
  if (typeof x === 'string' || Array.isArray(x)) return x.length;
  if (x !== null && typeof x === 'object') return Object.keys(x).length;
  throw new PythonError('TypeError', `object of type '${typeName(x)}' has no len()`);
}

/** Wraps `f` so that calling it with another number of arguments raises TypeError, as Python does. */
function arity(name: string, n: number, f: Fn): Fn {
  const wrapped = (...args: unknown[]) => {
    if (args.length !== n) {
      throw new PythonError(
        'TypeError',
        `${name}() takes ${n} positional arguments but ${args.length} were given`,
      );
    }
    return f(...args);
  };
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}

const definitions: Record<string, [number, Fn]> = {
  inc: [1, (x) => int(x) + 1],
  double: [1, (x) => int(x) * 2],
  neg: [1, (x) => 0 - int(x)],
  mod3: [1, (x) => pyMod(int(x), 3)],
  half: [1, (x) => floorDiv(int(x), 2)],
  is_even: [1, (x) => pyMod(int(x), 2) === 0],
  is_pos: [1, (x) => int(x) > 0],
  identity: [1, (x) => x],
  pair: [1, (x) => [x, 0 - int(x)]],
  tuple_sum: [
    1,
    (x) => {
      if (!Array.isArray(x))
        throw new PythonError('TypeError', `'${typeName(x)}' object is not iterable`);
      return x.reduce((s: number, v) => s + int(v), 0);
    },
  ],
  first: [1, (x) => index(x, 0)],
  last: [1, (x) => index(x, -1)],
  length: [1, (x) => len(x)],
  fail_neg: [
    1,
    (x) => {
      if (int(x) < 0) throw new PythonError('ValueError', `negative: ${String(x)}`);
      return x;
    },
  ],
  div100: [1, (x) => floorDiv(100, int(x))],
  add: [2, (a, b) => plus(a, b)],
  sub: [2, (a, b) => int(a) - int(b)],
  mul: [2, (a, b) => times(a, b)],
  max: [2, (a, b) => (greater(b, a) ? b : a)],
  add3: [3, (a, b, c) => plus(plus(a, b), c)],
  add_returns_state: [2, (state, x) => [plus(state, x), state]],
  count_state: [2, (state) => (state === null ? 0 : int(state)) + 1],
  append: [
    2,
    (state, x) => {
      if (!Array.isArray(state))
        throw new PythonError('TypeError', `can only concatenate tuple to ${typeName(state)}`);
      return [...state, x];
    },
  ],
  add_fail_neg: [
    2,
    (state, x) => {
      if (int(x) < 0) throw new PythonError('ValueError', `negative: ${String(x)}`);
      return plus(state, x);
    },
  ],
};

export const FUNCTIONS: Readonly<Record<string, Fn>> = Object.fromEntries(
  Object.entries(definitions).map(([name, [n, f]]) => [name, arity(name, n, f)]),
);

export type FunctionName = keyof typeof definitions;

export function fn(name: string): Fn {
  const f = FUNCTIONS[name];
  if (f === undefined) throw new Error(`differential library: no function named '${name}'`);
  return f;
}

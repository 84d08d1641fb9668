import { pythonError } from '../core/python.js';
import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { functionName } from './callable.js';

/** Python's name for the type of a JS value, for error messages (`int`, `str`, `NoneType`, …). */
export function pyTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  switch (typeof x) {
    case 'number':
      return Number.isInteger(x) ? 'int' : 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'function':
      return 'function';
    default:
      return x instanceof Map || Object.getPrototypeOf(x) === Object.prototype ? 'dict' : (x.constructor?.name ?? 'object');
  }
}

/**
 * streamz's `starmap(func, *args)`: every element must be an array (a Python tuple), whose items
 * become the leading arguments: emits `func(...x, ...args)`. Any other element throws TypeError
 * (streamz evaluates `x + args`, which fails for anything but a tuple).
 */
export class StarmapNode<U> extends Stream<U> {
  constructor(
    upstream: Stream<readonly unknown[]>,
    readonly func: (...args: any[]) => U,
    readonly args: readonly unknown[] = [],
  ) {
    if (typeof func !== 'function') {
      throw new TypeError(`expected a function, got ${func === null ? 'null' : typeof func}`);
    }
    super(upstream);
  }

  override update(x: readonly unknown[]): Pending {
    let y: unknown;
    try {
      if (!Array.isArray(x)) {
        throw pythonError('TypeError', `starmap: the element must be an array (a tuple), got '${pyTypeName(x)}'`);
      }
      const args = this.args;
      y = args.length === 0 ? this.func(...x) : this.func(...x, ...args);
    } catch (error) {
      return this.fault(error, x);
    }
    const next = this.next;
    if (next !== null) {
      this.emitted++;
      if (this.valueBudget !== 0) {
        this.currentValue = y;
        this.valueAt = this.emitted;
        this.valueBudget--;
      }
      return next.update(y, this);
    }
    return this._emit(y);
  }

  override get kind(): string {
    return 'starmap';
  }

  protected override describe(): string {
    return functionName(this.func);
  }
}

declare module '../core/stream.js' {
  // T must match the declaration being merged, though these signatures do not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Stream<T> {
    /** Apply `func(...x, ...args)` to every element `x`, which must be an array (a tuple). */
    starmap<U>(func: (...args: any[]) => U, ...args: unknown[]): StarmapNode<U>;
  }
}

catchesOwnErrors(StarmapNode);
registerApi('starmap', (upstream, func: (...a: any[]) => any, ...args: unknown[]) =>
  new StarmapNode(upstream, func, args),
);

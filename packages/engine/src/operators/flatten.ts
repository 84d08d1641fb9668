import { joinPending } from '../core/pending.js';
import { pythonError } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { pyTypeName } from './starmap.js';
import { isPlainObject } from './zip.js';

/**
 * streamz's `flatten()` (alias `concat()`): emits each item of an iterable element, one level deep,
 * in order.
 *
 * - Arrays item by item; strings character by character (by code point, as Python iterates);
 *   Maps and plain objects (Python dicts) yield their keys; Sets, typed arrays, generators and any
 *   other iterable are iterated.
 * - An empty iterable emits nothing. Anything else throws TypeError (`'int' object is not
 *   iterable`). Generators are accepted, as in streamz's current source (0.6.4 needed `len(x)`).
 * - If a downstream throws, the items before it have been delivered and the rest are not.
 * - The promises of all the deliveries are joined and returned.
 *
 * Plain-object keys come in JavaScript's property order (integer-like keys first), not
 * necessarily insertion order as in a Python dict.
 */
export class FlattenNode<T> extends Stream<T> {
  constructor(upstream: Stream<Iterable<T>>) {
    super(upstream);
  }

  override update(x: any): Pending {
    let pending: Pending;
    if (Array.isArray(x)) {
      // x.length is read on every step, as Python's list iterator sees items appended meanwhile.
      for (let i = 0; i < x.length; i++) pending = joinPending(pending, this.deliver(x[i]));
    } else if (x instanceof Map) {
      for (const key of x.keys()) pending = joinPending(pending, this.deliver(key));
    } else if (x !== null && x !== undefined && typeof x[Symbol.iterator] === 'function') {
      for (const item of x) pending = joinPending(pending, this.deliver(item));
    } else if (isPlainObject(x)) {
      for (const key in x) pending = joinPending(pending, this.deliver(key));
    } else {
      throw pythonError('TypeError', `'${pyTypeName(x)}' object is not iterable`);
    }
    return pending;
  }

  private deliver(y: unknown): Pending {
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
    return 'flatten';
  }
}

declare module '../core/stream.js' {
  // T must match the declaration being merged, though these signatures do not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Stream<T> {
    /** Emit each item of every iterable element, one level deep (strings by character, dicts by key). */
    flatten(): FlattenNode<any>;
    /** Alias of `flatten`. */
    concat(): FlattenNode<any>;
  }
}

const flatten = (upstream: Stream<any>) => new FlattenNode<any>(upstream);
registerApi('flatten', flatten);
registerApi('concat', flatten);

import { hashKey, pyEquals, pythonError, truthy } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';

export interface UniqueOptions<T> extends StreamOptions {
  /** How many distinct keys to remember (most recently seen); null, undefined or 0: all of them. */
  maxsize?: number | null;
  /** The representation compared, `key(x)`; must be a function. Default: the element itself. */
  key?: (x: T) => unknown;
  /**
   * Keys are hashable (default true): remembered in a hash map (an LRU with `maxsize`), compared
   * with Python equality (`true` and `1` are the same key, arrays by value); a plain object key
   * throws TypeError. With false, keys are kept in a most-recent-first list compared with
   * `pyEquals`, which accepts any value (O(maxsize) per element).
   */
  hashable?: boolean;
}

/**
 * streamz's `unique(maxsize=None, key=identity, hashable=True)`: passes an element only when its
 * key is not among the remembered ones, then remembers it.
 *
 * Both modes behave alike: a repeated key is not emitted and becomes the most recently seen, so
 * with `maxsize: 2` the input `[1, 2, 1, 3, 2]` gives `[1, 2, 3, 2]`. Without `maxsize` every key
 * is remembered forever.
 *
 * `key` must be a function (streamz fails on the first element; here the constructor throws
 * TypeError), and `maxsize` must be a non-negative integer or null (0 means no bound, as in Python).
 */
export class UniqueNode<T> extends Stream<T> {
  readonly maxsize: number | null;
  readonly hashable: boolean;
  private readonly key: ((x: T) => unknown) | null;
  /** hashable: Python-equality key → 1, least recently seen first. */
  private readonly seenMap: Map<unknown, 1> | null;
  /** not hashable: the keys, most recently seen first. */
  private readonly seenList: unknown[] | null;

  constructor(upstream: Stream<T>, options: UniqueOptions<T> = {}) {
    const { maxsize = null, key } = options;
    if (key !== undefined && typeof key !== 'function') {
      throw pythonError('TypeError', `unique: key must be a function, got ${key === null ? 'null' : typeof key}`);
    }
    if (maxsize !== null && (typeof maxsize !== 'number' || !Number.isInteger(maxsize) || maxsize < 0)) {
      throw pythonError('ValueError', `unique: maxsize must be a non-negative integer or null, got ${String(maxsize)}`);
    }
    super(upstream, options);
    this.maxsize = maxsize === 0 ? null : maxsize;
    this.key = key ?? null;
    this.hashable = truthy(options.hashable ?? true);
    this.seenMap = this.hashable ? new Map() : null;
    this.seenList = this.hashable ? null : [];
  }

  override update(x: T): Pending {
    const keyFn = this.key;
    const y = keyFn === null ? x : keyFn(x);
    const maxsize = this.maxsize;
    const seenMap = this.seenMap;
    if (seenMap !== null) {
      const h = hashKey(y);
      if (seenMap.has(h)) {
        if (maxsize !== null) {
          // An LRU hit refreshes recency (zict.LRU.__getitem__).
          seenMap.delete(h);
          seenMap.set(h, 1);
        }
        return undefined;
      }
      seenMap.set(h, 1);
      if (maxsize !== null && seenMap.size > maxsize) {
        for (const oldest of seenMap.keys()) {
          seenMap.delete(oldest);
          break;
        }
      }
    } else {
      const seen = this.seenList!;
      let i = 0;
      while (i < seen.length && !pyEquals(seen[i], y)) i++;
      const hit = i < seen.length;
      if (hit) seen.splice(i, 1);
      seen.unshift(y);
      if (maxsize !== null && seen.length > maxsize) seen.length = maxsize;
      if (hit) return undefined;
    }
    const next = this.next;
    if (next !== null) {
      this.emitted++;
      if (this.valueBudget !== 0) {
        this.currentValue = x;
        this.valueAt = this.emitted;
        this.valueBudget--;
      }
      return next.update(x, this);
    }
    return this._emit(x);
  }

  /** How many keys are remembered. */
  get remembered(): number {
    return this.seenMap !== null ? this.seenMap.size : this.seenList!.length;
  }

  override get kind(): string {
    return 'unique';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Pass only elements whose key was not seen (among the last `maxsize` distinct keys). */
    unique(options?: UniqueOptions<T>): UniqueNode<T>;
  }
}

registerApi('unique', (upstream, options?: UniqueOptions<any>) => new UniqueNode(upstream, options));

import { hashKey, pyIndex, pythonError } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';

export interface PartitionUniqueOptions<T> extends StreamOptions {
  /**
   * What makes two elements the same: a function `key(x)`, or any other value `k` meaning `x[k]`
   * with Python indexing. Default: the element itself. Keys compare with Python equality.
   */
  key?: ((x: T) => unknown) | string | number;
  /** Which of two elements with the same key to keep: the first (default) or the last. */
  keep?: 'first' | 'last';
}

/**
 * streamz's `partition_unique(n, key=identity, keep='first')`: gathers elements with distinct keys
 * and emits them as an array (a tuple) once `n` distinct keys are held, then starts over.
 *
 * With `keep: 'first'` a repeated key is ignored; with `keep: 'last'` it replaces the held element
 * and moves to the end, so the emitted order is the order of the elements kept. As in streamz, any
 * `keep` other than `'last'` behaves as `'first'`. Unhashable keys throw TypeError. There is no
 * flush at the end of the stream. `n` must be a positive integer (streamz accepts 0 and then never
 * emits).
 */
export class PartitionUniqueNode<T> extends Stream<T[]> {
  private readonly getKey: ((x: T) => unknown) | null;
  private readonly pick: unknown;
  private readonly keepLast: boolean;
  /** Python-equality key → the element held for it, in the order the tuple will have. */
  private held = new Map<unknown, T>();

  constructor(
    upstream: Stream<T>,
    readonly n: number,
    options: PartitionUniqueOptions<T> = {},
  ) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw pythonError('ValueError', `partition_unique: n must be a positive integer, got ${String(n)}`);
    }
    super(upstream, options);
    const key = options.key;
    this.getKey = key === undefined ? null : typeof key === 'function' ? key : null;
    this.pick = key === undefined || typeof key === 'function' ? undefined : key;
    this.keepLast = options.keep === 'last';
  }

  override update(x: T): Pending {
    const getKey = this.getKey;
    const k = hashKey(getKey !== null ? getKey(x) : this.pick !== undefined ? pyIndex(x, this.pick) : x);
    const held = this.held;
    if (this.keepLast) {
      held.delete(k);
      held.set(k, x);
    } else if (!held.has(k)) {
      held.set(k, x);
    }
    if (held.size !== this.n) return undefined;
    const y = Array.from(held.values());
    this.held = new Map();
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

  /** Elements held for the next partition. */
  override get queued(): number {
    return this.held.size;
  }

  override get capacity(): number {
    return this.n;
  }

  override get kind(): string {
    return 'partition_unique';
  }

  protected override describe(): string {
    return String(this.n);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Emit arrays of `n` elements with distinct keys (`keep` the first or last of repeats). */
    partitionUnique(n: number, options?: PartitionUniqueOptions<T>): PartitionUniqueNode<T>;
  }
}

registerApi('partitionUnique', (upstream, n: number, options?: PartitionUniqueOptions<any>) =>
  new PartitionUniqueNode(upstream, n, options),
);

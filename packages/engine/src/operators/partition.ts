import { hashKey, pyIndex } from '../core/python.js';
import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending, TimerHandle } from '../core/types.js';

export interface PartitionOptions<T> extends StreamOptions {
  /**
   * Groups elements: undefined or null puts everything in one group; a function groups by
   * `key(x)`; anything else by `x[key]` (Python indexing: negative positions count from the end, a
   * missing key throws KeyError). Keys compare as Python dict keys (`1`, `1.0` and `true` are one
   * key, arrays by value).
   */
  key?: ((x: T) => unknown) | string | number | null;
  /**
   * Milliseconds (streamz: seconds) after which a partial partition is emitted. The timer is armed
   * when an element enters an empty group; later elements do not reset it. null: no timeout.
   */
  timeout?: number | null;
}

interface Group<T> {
  /** The Python key (for the map of groups). */
  readonly id: unknown;
  items: T[];
  timer: TimerHandle | null;
}

/**
 * streamz's `partition(n, timeout=None, key=None)`: emits an array (a Python tuple) of `n`
 * elements each time a group fills, groups being per key; partitions go out in the order they
 * fill. With `timeout`, a group that is still partial `timeout` ms after its first element arrived
 * is emitted as it is. There is no end-of-stream flush: leftovers wait forever (streamz too).
 *
 * A partition that fills inside `update` is emitted synchronously and what downstream returned is
 * returned (undefined on a synchronous graph; streamz's coroutine always returns a future).
 *
 * Divergences:
 * - An error during a timeout flush (thrown by downstream, or a rejected downstream promise) is
 *   reported through `scheduler.reportError(error, this)` and the node keeps working; streamz logs
 *   it from the loop. Errors on the synchronous path propagate out of `emit()` as usual.
 * - `destroy()` cancels every timeout and forgets the partial groups.
 * - `n` must be an integer >= 1 (streamz accepts anything and never emits for `n = 0`).
 */
export class PartitionNode<T> extends Stream<T[]> {
  readonly n: number;
  readonly timeout: number | null;
  readonly key: ((x: T) => unknown) | string | number | null;
  private readonly keyFn: ((x: T) => unknown) | null;
  /** The only group when there is no key. */
  private readonly single: Group<T> = { id: undefined, items: [], timer: null };
  /** Groups by key, created on demand and removed when emitted (so keys do not pile up). */
  private readonly groups = new Map<unknown, Group<T>>();
  private held = 0;

  constructor(upstream: Stream<T> | null, n: number, options?: PartitionOptions<T>) {
    super(upstream, options);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw new RangeError(`partition: n must be an integer >= 1, got ${String(n)}`);
    }
    const timeout = options?.timeout ?? null;
    if (timeout !== null && (typeof timeout !== 'number' || !(timeout >= 0) || !Number.isFinite(timeout))) {
      throw new RangeError(`partition: timeout must be null or a finite number of ms >= 0, got ${String(timeout)}`);
    }
    this.n = n;
    this.timeout = timeout;
    const key = options?.key ?? null;
    this.key = key;
    this.keyFn =
      key === null ? null : typeof key === 'function' ? key : (x: T) => pyIndex(x, key);
  }

  override update(x: T): Pending {
    let group: Group<T>;
    if (this.keyFn === null) {
      group = this.single;
    } else {
      const id = hashKey(this.keyFn(x));
      let found = this.groups.get(id);
      if (found === undefined) {
        found = { id, items: [], timer: null };
        this.groups.set(id, found);
      }
      group = found;
    }
    const items = group.items;
    items.push(x);
    this.held++;
    if (items.length >= this.n) {
      if (group.timer !== null) {
        this.scheduler.clearTimeout(group.timer);
        group.timer = null;
      }
      const out = this.take(group);
      const next = this.next;
      if (next !== null) {
        this.emitted++;
        if (this.valueBudget !== 0) {
          this.currentValue = out;
          this.valueAt = this.emitted;
          this.valueBudget--;
        }
        return next.update(out, this);
      }
      return this._emit(out);
    }
    if (items.length === 1 && this.timeout !== null) {
      group.timer = this.scheduler.setTimeout(() => this.timedFlush(group), this.timeout);
    }
    return undefined;
  }

  /** Empties a group and returns its elements. */
  private take(group: Group<T>): T[] {
    const items = group.items;
    this.held -= items.length;
    group.items = [];
    if (this.keyFn !== null && this.groups.get(group.id) === group) this.groups.delete(group.id);
    return items;
  }

  private timedFlush(group: Group<T>): void {
    group.timer = null;
    const out = this.take(group);
    try {
      const pending = this._emit(out);
      if (pending !== undefined) {
        pending.then(undefined, (error: unknown) => this.scheduler.reportError(error, this));
      }
    } catch (error) {
      this.scheduler.reportError(error, this);
    }
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    for (const group of [this.single, ...this.groups.values()]) {
      if (group.timer !== null) this.scheduler.clearTimeout(group.timer);
      group.timer = null;
      group.items = [];
    }
    this.groups.clear();
    this.held = 0;
  }

  /** Elements waiting in partial groups (all keys together). */
  override get queued(): number {
    return this.held;
  }

  /** `n` with a single group; undefined (unbounded) with a key, as every key has its own group. */
  override get capacity(): number | undefined {
    return this.keyFn === null ? this.n : undefined;
  }

  override get kind(): string {
    return 'partition';
  }

  protected override describe(): string {
    return String(this.n);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /**
     * Emit arrays of `n` elements, per `key` if given; with `timeout` (ms), emit a partial group
     * that long after its first element arrived. No flush at the end of the stream.
     */
    partition(
      n: number,
      options?: { key?: ((x: T) => unknown) | string | number | null; timeout?: number | null },
    ): PartitionNode<T>;
  }
}

registerApi(
  'partition',
  (upstream, n: number, options?: { key?: any; timeout?: number | null }) =>
    new PartitionNode(upstream, n, { key: options?.key, timeout: options?.timeout }),
);

import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `collect()`: holds every element and never emits by itself. `flush()` emits the held
 * elements as a new array (a tuple; `[]` when nothing is held), then empties the cache.
 *
 * `flush` is bound to the node, so it can be used as a sink function:
 * `other.sink(collector.flush)` flushes whenever `other` emits (its argument is ignored).
 *
 * As in streamz, `update` returns nothing and `flush` returns undefined, so downstream promises are
 * dropped (no back-pressure passes through); one that rejects is reported to the scheduler's
 * `reportError`. The cache is emptied after the delivery, so elements that arrive during it are
 * discarded too, and if the delivery throws the cache is kept.
 */
export class CollectNode<T> extends Stream<T[]> {
  /** The held elements, oldest first. */
  cache: T[] = [];
  private readonly reportDropped = (error: unknown): void => {
    this.scheduler.reportError(error, this);
  };

  constructor(upstream: Stream<T>) {
    super(upstream);
    this.flush = this.flush.bind(this);
  }

  override update(x: T): Pending {
    this.cache.push(x);
    return undefined;
  }

  /** Emits a copy of the cache as an array, then clears it. The argument is ignored. */
  flush(_?: unknown): void {
    const pending = this._emit(this.cache.slice());
    if (pending !== undefined) pending.then(undefined, this.reportDropped);
    this.cache.length = 0;
  }

  /** Elements waiting for the next flush. */
  override get queued(): number {
    return this.cache.length;
  }

  override get kind(): string {
    return 'collect';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Hold elements until `flush()` emits them as one array. */
    collect(): CollectNode<T>;
  }
}

registerApi('collect', (upstream) => new CollectNode(upstream));

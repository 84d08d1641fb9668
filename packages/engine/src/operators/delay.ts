import { afterSettled } from '../core/pending.js';
import { Fifo } from '../core/fifo.js';
import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending, TimerHandle } from '../core/types.js';

export interface DelayOptions extends StreamOptions {
  /**
   * How many elements may wait in the queue; when one more arrives the OLDEST waiting element is
   * dropped and counted in `dropped`. Default 100 000; `Infinity` is streamz's unbounded queue.
   */
  limit?: number;
}

/** The default bound of `delay`'s queue. */
export const DEFAULT_DELAY_LIMIT = 100_000;

/**
 * streamz's `delay(interval)`, which paces rather than delays. Its consumer loop is
 *
 *   last = now; x = await queue.get(); await emit(x); sleep(interval - (now - last)) if positive
 *
 * so:
 * - an element arriving at an idle node goes out on the next tick (a microtask), with no added
 *   latency;
 * - queued elements go out `interval` ms apart (measured from the start of each loop turn, so the
 *   time downstream takes counts towards the interval);
 * - after an idle period the first two elements go out back to back (the gap is measured from
 *   when the loop started waiting, long ago);
 * - `update` always returns undefined: no back-pressure. The consumer does wait for the promise
 *   downstream returns before it emits the next element.
 *
 * Intervals are in milliseconds (streamz: seconds).
 *
 * Divergences:
 * - The queue is bounded by `limit` (default 100 000); beyond it the oldest waiting element is
 *   dropped and `dropped` incremented. streamz's queue grows without limit. The element the
 *   consumer already took is never dropped.
 * - An error thrown by downstream, or a rejected downstream promise, is reported through
 *   `scheduler.reportError(error, this)`; pacing goes on and later elements are still delivered.
 *   In streamz the consumer coroutine dies and the node never emits again.
 * - `destroy()` cancels the pacing timer, stops the loop and forgets the queued elements.
 */
export class DelayNode<T> extends Stream<T> {
  readonly interval: number;
  readonly limit: number;
  private readonly queue = new Fifo<T>();
  /** The consumer is waiting in `get()` (the queue is then empty). */
  private waiting = true;
  private current: T | undefined = undefined;
  /** When the consumer's current loop turn began (streamz's `last`). */
  private last: number;
  private timer: TimerHandle | null = null;
  /** Bumped by `destroy()`: continuations of an older generation stop. */
  private generation = 0;

  constructor(upstream: Stream<T> | null, interval: number, options?: DelayOptions) {
    super(upstream, options);
    if (typeof interval !== 'number' || !(interval >= 0) || !Number.isFinite(interval)) {
      throw new RangeError(
        `delay: interval must be a finite number of ms >= 0, got ${String(interval)}`,
      );
    }
    const limit = options?.limit ?? DEFAULT_DELAY_LIMIT;
    if (
      typeof limit !== 'number' ||
      !(limit >= 1) ||
      (limit !== Infinity && !Number.isInteger(limit))
    ) {
      throw new RangeError(
        `delay: limit must be an integer >= 1 or Infinity, got ${String(limit)}`,
      );
    }
    this.interval = interval;
    this.limit = limit;
    this.last = this.scheduler.now();
  }

  override update(x: T): Pending {
    if (this.waiting) {
      this.waiting = false;
      this.current = x;
      const generation = this.generation;
      queueMicrotask(() => this.drain(generation));
      return undefined;
    }
    if (this.queue.length >= this.limit) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(x);
    return undefined;
  }

  /** Emits `current`, then keeps going while no sleep and no downstream promise intervenes. */
  private drain(generation: number): void {
    for (;;) {
      if (generation !== this.generation) return;
      const x = this.current as T;
      this.current = undefined;
      let pending: Pending;
      try {
        pending = this._emit(x);
      } catch (error) {
        this.scheduler.reportError(error, this);
      }
      if (generation !== this.generation) return; // destroyed by downstream
      if (pending !== undefined) {
        afterSettled(pending, this, () => this.afterEmit(generation));
        return;
      }
      if (!this.pace(generation)) return;
    }
  }

  private afterEmit(generation: number): void {
    if (generation === this.generation && this.pace(generation)) this.drain(generation);
  }

  /** Sleeps what is left of the interval, or begins the next turn at once; true: emit now. */
  private pace(generation: number): boolean {
    const rest = this.interval - (this.scheduler.now() - this.last);
    if (rest > 0) {
      this.timer = this.scheduler.setTimeout(() => {
        this.timer = null;
        if (generation === this.generation && this.begin()) this.drain(generation);
      }, rest);
      return false;
    }
    return this.begin();
  }

  /** A new loop turn: takes the next element into `current`, or starts waiting. */
  private begin(): boolean {
    this.last = this.scheduler.now();
    if (this.queue.length === 0) {
      this.waiting = true;
      return false;
    }
    this.current = this.queue.shift();
    return true;
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    this.generation++;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.queue.clear();
    this.current = undefined;
    this.waiting = true;
    this.last = this.scheduler.now();
  }

  /** Elements waiting in the queue (not the one the consumer took). */
  override get queued(): number {
    return this.queue.length;
  }

  /** `limit`, or undefined when unbounded. */
  override get capacity(): number | undefined {
    return this.limit === Infinity ? undefined : this.limit;
  }

  override get kind(): string {
    return 'delay';
  }

  protected override describe(): string {
    return String(this.interval);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /**
     * streamz's `delay`: emit on the next tick, pacing queued elements `interval` ms apart; no
     * back-pressure. At most `limit` elements wait (default 100 000); beyond, the oldest is dropped.
     */
    delay(interval: number, options?: { limit?: number }): DelayNode<T>;
  }
}

registerApi(
  'delay',
  (upstream, interval: number, options?: { limit?: number }) =>
    new DelayNode(upstream, interval, { limit: options?.limit }),
);

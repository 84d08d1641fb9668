import { afterSettled } from '../core/pending.js';
import { Fifo } from '../core/fifo.js';
import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `buffer(n)`: lets up to `n` elements pile up here while downstream is busy.
 *
 * As in streamz (a tornado `Queue(maxsize=n)` and a consumer loop):
 * - `update` returns undefined while there is room, and once `n` elements wait it returns a promise
 *   that resolves when room frees (the element itself is kept, never dropped).
 * - The consumer takes one element at a time, emits it and waits for the promise downstream
 *   returned before it takes the next: order is preserved and one element is in flight. An idle
 *   consumer takes an arriving element at once (it is handed over, not queued) and emits it on the
 *   next tick (a microtask), so with an idle consumer `n + 1` elements are accepted before
 *   back-pressure. While downstream answers synchronously the queue drains synchronously.
 * - `n = 0` means unbounded (tornado's `maxsize=0`); a negative `n` throws.
 *
 * Divergences:
 * - An error thrown by downstream, or a rejected downstream promise, is reported through
 *   `scheduler.reportError(error, this)` and the consumer goes on with the next element; streamz's
 *   consumer coroutine dies silently and the buffer never emits again.
 * - `destroy()` stops the consumer, forgets the queued elements and releases every blocked
 *   producer (their promises resolve), so nothing upstream hangs on a destroyed node.
 * - streamz's consumer only starts waiting one loop tick after construction; here it is idle from
 *   the start (the `n + 1` rule holds even for elements sent in the construction tick).
 */
export class BufferNode<T> extends Stream<T> {
  readonly n: number;
  private readonly queue = new Fifo<T>();
  /** Producers blocked on a full queue, with their elements (tornado's `_putters`). */
  private readonly putters = new Fifo<{ x: T; resolve: () => void }>();
  /** The consumer holds an element (scheduled or in flight); when false the queue is empty. */
  private busy = false;
  private current: T | undefined = undefined;
  /** Bumped by `destroy()`: continuations of an older generation stop. */
  private generation = 0;

  constructor(upstream: Stream<T> | null, n: number, options?: StreamOptions) {
    super(upstream, options);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new RangeError(`buffer: n must be an integer >= 0 (0 = unbounded), got ${String(n)}`);
    }
    this.n = n;
  }

  override update(x: T): Pending {
    if (!this.busy) {
      // The consumer is waiting in `get()`: hand the element over; it goes out on the next tick.
      this.busy = true;
      this.current = x;
      const generation = this.generation;
      queueMicrotask(() => this.drain(generation));
      return undefined;
    }
    if (this.n === 0 || this.queue.length < this.n) {
      this.queue.push(x);
      return undefined;
    }
    return new Promise<void>((resolve) => {
      this.putters.push({ x, resolve });
    });
  }

  /** Emits the current element and every queued one, stopping while downstream is busy. */
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
        afterSettled(pending, this, () => this.resume(generation));
        return;
      }
      if (!this.take()) return;
    }
  }

  private resume(generation: number): void {
    if (generation === this.generation && this.take()) this.drain(generation);
  }

  /** Takes the next queued element into `current`, or goes idle. Frees room for one producer. */
  private take(): boolean {
    if (this.queue.length === 0) {
      this.busy = false;
      return false;
    }
    this.current = this.queue.shift();
    if (this.putters.length > 0) {
      const putter = this.putters.shift()!;
      this.queue.push(putter.x);
      putter.resolve();
    }
    return true;
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    this.generation++;
    this.busy = false;
    this.current = undefined;
    this.queue.clear();
    while (this.putters.length > 0) this.putters.shift()!.resolve();
  }

  /** Elements waiting here: the queue plus those of blocked producers (not the one in flight). */
  override get queued(): number {
    return this.queue.length + this.putters.length;
  }

  /** `n`, or undefined when unbounded (`n = 0`). */
  override get capacity(): number | undefined {
    return this.n === 0 ? undefined : this.n;
  }

  override get kind(): string {
    return 'buffer';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /**
     * Let up to `n` elements wait here while downstream is busy; beyond that, apply back-pressure.
     * `n = 0` is unbounded.
     */
    buffer(n: number): BufferNode<T>;
  }
}

registerApi('buffer', (upstream, n: number) => new BufferNode(upstream, n));

import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `latest()`: passes elements through, but while downstream is busy (its promise is
 * pending) keeps only the newest element; each one replaced is counted in `dropped`.
 *
 * - `update` always returns undefined (no back-pressure) and the element goes out on the next tick
 *   (a microtask), so elements sent within one tick collapse to the last of them, as in streamz.
 * - When downstream's promise settles, the newest waiting element (if any) goes out.
 *
 * Divergences:
 * - streamz wakes its consumer with `Condition.notify()`, which is lost when the consumer is busy:
 *   an element that arrives while downstream is busy then waits for the *next* arrival, which
 *   replaces it (verified: with a slow sink, 1, 2, 3 gives `[1]`, and 4 later gives `[1, 4]`). Here
 *   the newest waiting element goes out as soon as downstream is free (`[1, 3]`, then `[1, 3, 4]`),
 *   which is what streamz's documentation describes.
 * - An error thrown by downstream, or a rejected downstream promise, is reported through
 *   `scheduler.reportError(error, this)` and later elements are still delivered; in streamz the
 *   consumer coroutine dies silently.
 * - `destroy()` stops the consumer and forgets the waiting element.
 */
export class LatestNode<T> extends Stream<T> {
  private hasWaiting = false;
  private waitingValue: T | undefined = undefined;
  /** The consumer is scheduled or waiting on downstream. */
  private busy = false;
  private generation = 0;

  constructor(upstream: Stream<T> | null, options?: StreamOptions) {
    super(upstream, options);
  }

  override update(x: T): Pending {
    if (this.hasWaiting) this.dropped++;
    this.hasWaiting = true;
    this.waitingValue = x;
    if (!this.busy) {
      this.busy = true;
      const generation = this.generation;
      queueMicrotask(() => this.drain(generation));
    }
    return undefined;
  }

  private drain(generation: number): void {
    while (generation === this.generation) {
      if (!this.hasWaiting) {
        this.busy = false;
        return;
      }
      const x = this.waitingValue as T;
      this.hasWaiting = false;
      this.waitingValue = undefined;
      let pending: Pending;
      try {
        pending = this._emit(x);
      } catch (error) {
        this.scheduler.reportError(error, this);
      }
      if (pending !== undefined) {
        pending.then(
          () => this.drain(generation),
          (error: unknown) => {
            this.scheduler.reportError(error, this);
            this.drain(generation);
          },
        );
        return;
      }
    }
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    this.generation++;
    this.busy = false;
    this.hasWaiting = false;
    this.waitingValue = undefined;
  }

  /** 1 while an element waits for downstream, else 0. */
  override get queued(): number {
    return this.hasWaiting ? 1 : 0;
  }

  override get capacity(): number {
    return 1;
  }

  override get kind(): string {
    return 'latest';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** While downstream is busy, keep only the newest element (older ones are dropped). */
    latest(): LatestNode<T>;
  }
}

registerApi('latest', (upstream) => new LatestNode(upstream));

import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending, TimerHandle } from '../core/types.js';

/**
 * streamz's `rate_limit(interval)`: no two elements pass less than `interval` ms apart.
 *
 *   next = max(now, next) + interval; if now < oldNext: sleep(oldNext - now); emit
 *
 * - An element that may pass at once (the first, or one after a quiet interval) is emitted
 *   synchronously inside `emit()`, and what downstream returned is returned (undefined on a
 *   synchronous graph).
 * - Otherwise `update` returns a promise that resolves after the element went downstream (and after
 *   downstream's own promise, if any): back-pressure, so a source sends one element at a time.
 *   Elements sent without waiting are each scheduled at their own slot, in order.
 *
 * Intervals are in milliseconds (streamz: seconds).
 *
 * Errors: a synchronous throw on the immediate path propagates out of `emit()`, as on any
 * synchronous graph. A throw during a delayed emission happens in a timer callback: it is reported
 * through `scheduler.reportError(error, this)` and the element's promise resolves (streamz rejects
 * the update's future; nobody may be waiting for it, and we keep the node's contract "report and
 * carry on"). A promise downstream returned is chained as it is, so its rejection reaches whoever
 * waits, as streamz's future would. `destroy()` cancels the waiting elements (they are not
 * emitted) and resolves their promises.
 */
export class RateLimitNode<T> extends Stream<T> {
  readonly interval: number;
  /** The earliest time the next element may pass (streamz's `self.next`). */
  private nextTime = -Infinity;
  /** Elements sleeping until their slot: timer → resolve of the promise handed upstream. */
  private readonly sleeping = new Map<TimerHandle, (value?: unknown) => void>();

  constructor(upstream: Stream<T> | null, interval: number, options?: StreamOptions) {
    super(upstream, options);
    if (typeof interval !== 'number' || !(interval >= 0) || !Number.isFinite(interval)) {
      throw new RangeError(`rate_limit: interval must be a finite number of ms >= 0, got ${String(interval)}`);
    }
    this.interval = interval;
  }

  override update(x: T): Pending {
    const now = this.scheduler.now();
    const oldNext = this.nextTime;
    this.nextTime = Math.max(now, oldNext) + this.interval;
    if (!(now < oldNext)) {
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
    return new Promise((resolve) => {
      const handle = this.scheduler.setTimeout(() => {
        this.sleeping.delete(handle);
        let pending: Pending;
        try {
          pending = this._emit(x);
        } catch (error) {
          this.scheduler.reportError(error, this);
        }
        resolve(pending);
      }, oldNext - now);
      this.sleeping.set(handle, resolve);
    });
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    for (const [handle, resolve] of this.sleeping) {
      this.scheduler.clearTimeout(handle);
      resolve(undefined);
    }
    this.sleeping.clear();
    this.nextTime = -Infinity;
  }

  /** Elements waiting for their slot. */
  override get queued(): number {
    return this.sleeping.size;
  }

  /** Unbounded (undefined): each waiting element holds back its own sender instead. */
  override get capacity(): number | undefined {
    return undefined;
  }

  override get kind(): string {
    return 'rate_limit';
  }

  protected override describe(): string {
    return String(this.interval);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Let no two elements pass less than `interval` ms apart; later ones wait (back-pressure). */
    rateLimit(interval: number): RateLimitNode<T>;
  }
}

registerApi('rateLimit', (upstream, interval: number) => new RateLimitNode(upstream, interval));

import type { Scheduler, TimerHandle } from '../core/types.js';

/** A timer set through a RunScheduler: the handle the nodes hold. */
interface RunTimer {
  inner: TimerHandle;
}

/**
 * The scheduler of one compiled graph, over the host's: every timer the graph's nodes set goes
 * through it, so `close()` cancels all of them (and refuses new ones), and every error the nodes
 * report goes to the graph, which attributes it to the node that reported it.
 */
export class RunScheduler implements Scheduler {
  private readonly live = new Set<RunTimer>();
  private closed = false;

  constructor(
    readonly inner: Scheduler,
    private readonly onError: (error: unknown, node: unknown) => void,
  ) {}

  now(): number {
    return this.inner.now();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: RunTimer = { inner: undefined };
    if (this.closed) return timer;
    timer.inner = this.inner.setTimeout(() => {
      if (!this.live.delete(timer)) return;
      try {
        callback();
      } catch (error) {
        this.onError(error, undefined);
      }
    }, ms);
    this.live.add(timer);
    return timer;
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = handle as RunTimer;
    if (this.live.delete(timer)) this.inner.clearTimeout(timer.inner);
  }

  reportError(error: unknown, node: unknown): void {
    this.onError(error, node);
  }

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.live.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Cancels every timer; later ones are never set. */
  close(): void {
    this.closed = true;
    for (const timer of this.live) this.inner.clearTimeout(timer.inner);
    this.live.clear();
  }
}

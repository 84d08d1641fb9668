import type { Scheduler, TimerHandle } from './types.js';

interface VirtualTimer {
  readonly id: number;
  readonly time: number;
  readonly callback: () => void;
}

const macrotask: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

/** Lets every pending promise reaction run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => macrotask(resolve));
}

/**
 * A deterministic clock for tests and replays: time moves only when `advance` is called, and timers
 * due at the same instant run in the order they were set (as mostjs's VirtualTimer does).
 */
export class VirtualScheduler implements Scheduler {
  private time = 0;
  private nextId = 1;
  private timers: VirtualTimer[] = [];
  /** Errors reported by background work, in the order they happened. */
  readonly errors: Array<{ error: unknown; node: unknown }> = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, time: this.time + Math.max(0, ms), callback };
    // Keep timers sorted by time, then by creation (stable insertion).
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.time > timer.time) i--;
    this.timers.splice(i, 0, timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    const i = this.timers.findIndex((t) => t.id === handle);
    if (i >= 0) this.timers.splice(i, 1);
  }

  reportError(error: unknown, node: unknown): void {
    this.errors.push({ error, node });
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  /**
   * Moves the clock forward by `ms`, running every timer that falls due on the way, at its own
   * instant, and letting promise reactions settle after each one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.timers[0];
      if (next === undefined || next.time > target) break;
      this.timers.shift();
      this.time = next.time;
      next.callback();
      await flushMicrotasks();
    }
    this.time = target;
    await flushMicrotasks();
  }

  /** Advances until no timer is left, or `limit` ms have passed. */
  async runAll(limit = 3_600_000): Promise<void> {
    const end = this.time + limit;
    while (this.timers.length > 0 && this.timers[0]!.time <= end) {
      await this.advance(this.timers[0]!.time - this.time);
    }
  }
}

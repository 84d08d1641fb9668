import type { Scheduler, TimerHandle } from './types.js';

export type ErrorReporter = (error: unknown, node: unknown) => void;

const logError: ErrorReporter = (error, node) => {
  console.error(`streamloom: error in ${String(node)}:`, error);
};

class Immediate {
  constructor(readonly id: ReturnType<typeof setImmediate>) {}
}

/** The scheduler over the host's real timers and monotonic clock. */
export class RealScheduler implements Scheduler {
  constructor(private readonly onError: ErrorReporter = logError) {}
  now(): number {
    return performance.now();
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    // A zero delay is "next turn of the event loop": timers are clamped to >= 1 ms (4 ms nested in
    // browsers), which would cap a source that yields every 1024 elements at about 1 M/s.
    if (ms <= 0 && typeof setImmediate === 'function') return new Immediate(setImmediate(callback));
    return globalThis.setTimeout(callback, Math.max(0, ms));
  }
  clearTimeout(handle: TimerHandle): void {
    if (handle instanceof Immediate) clearImmediate(handle.id);
    else globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
  }
  reportError(error: unknown, node: unknown): void {
    this.onError(error, node);
  }
}

let defaultScheduler: Scheduler = new RealScheduler();

/** The scheduler a node gets when neither its options nor its upstreams name one. */
export function getDefaultScheduler(): Scheduler {
  return defaultScheduler;
}

/** Replaces the default scheduler; returns the previous one so callers can restore it. */
export function setDefaultScheduler(scheduler: Scheduler): Scheduler {
  const previous = defaultScheduler;
  defaultScheduler = scheduler;
  return previous;
}

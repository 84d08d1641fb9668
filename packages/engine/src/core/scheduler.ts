import type { Scheduler, TimerHandle } from './types.js';

export type ErrorReporter = (error: unknown, node: unknown) => void;

const logError: ErrorReporter = (error, node) => {
  console.error(`streamloom: error in ${String(node)}:`, error);
};

/** The scheduler over the host's real timers and monotonic clock. */
export class RealScheduler implements Scheduler {
  constructor(private readonly onError: ErrorReporter = logError) {}
  now(): number {
    return performance.now();
  }
  setTimeout(callback: () => void, ms: number): TimerHandle {
    return globalThis.setTimeout(callback, Math.max(0, ms));
  }
  clearTimeout(handle: TimerHandle): void {
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>);
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

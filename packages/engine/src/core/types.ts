/**
 * The engine's core contracts, interfaces only.
 *
 * `Pending` is what every `update` returns: `undefined` when the element was handled
 * synchronously, or a promise that settles when the asynchronous work it started has finished
 * (streamz's futures). The synchronous path never allocates one.
 */
export type Pending = Promise<unknown> | undefined;

/** An opaque handle for a scheduled timer. */
export type TimerHandle = unknown;

/**
 * Every timer and every clock read of the engine goes through one of these, so tests can run
 * time-based operators on a virtual clock and a graph can be torn down by clearing its timers.
 */
export interface Scheduler {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /**
   * Receives an error raised where nobody is waiting for it: a background loop (delay, buffer,
   * timed_window, a source) or a timer. streamz lets such errors kill the node silently; we report
   * them here and keep the node alive.
   */
  reportError(error: unknown, node: unknown): void;
}

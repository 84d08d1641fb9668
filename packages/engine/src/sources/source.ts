import { Stream, type StreamOptions } from '../core/stream.js';
import type { Pending, TimerHandle } from '../core/types.js';

export interface SourceOptions extends StreamOptions {
  /** Start at once (streamz's `start=True`). The loop runs from the next tick, so nodes built
   * right after the source, in the same tick, still receive the first element. */
  start?: boolean;
}

/** A source on a purely synchronous graph yields to the host after this many elements. */
export const SOURCE_YIELD_EVERY = 1024;

/**
 * The start node of a graph that produces elements by itself (streamz's `Source`).
 *
 * streamz's semantics:
 * - A source is created stopped (`stopped = true`, `started = false`). `start()` sets
 *   `stopped = false, started = true` and schedules the run loop on the scheduler (it does not run
 *   inside `start()`); `start()` on a running source does nothing.
 * - `stop()` only sets `stopped`: the current cycle (an emission, the wait for downstream, a
 *   sleep) finishes, then the loop ends. `start()` after that runs the loop again.
 * - Each element is emitted with `_emit`, and when downstream returns a promise the loop AWAITS it
 *   before producing the next element (back-pressure: one element in flight). The time spent
 *   waiting is added to `backpressureMs` (only measured when there is a promise).
 * - `node.start()`/`node.stop()` on any downstream node reach the sources (see `Stream.start`).
 *
 * Subclasses implement `pull()` (one element, or `done`) and optionally `beginRun()` (called when a
 * run begins, e.g. to create an iterator); `interval` ms are slept after each element (0: none).
 *
 * Divergences from streamz, deliberate:
 * - An error thrown by `pull()` (a source's callback) or by downstream during an emission, or a
 *   rejected downstream promise, is reported through `scheduler.reportError(error, this)` and the
 *   loop goes on with the next element. In streamz the run coroutine dies silently and `stopped`
 *   stays false.
 * - streamz's `start()` after `stop()`, before the loop noticed the stop, starts a second loop
 *   beside the first (both emit, interleaved). Here the running loop simply carries on: there is
 *   never more than one loop per source.
 * - On a synchronous graph the loop yields to the scheduler (a 0 ms timer) every
 *   `SOURCE_YIELD_EVERY` elements so the host is never blocked for long; streamz's loop never
 *   yields while downstream is synchronous.
 * - `destroy()` stops the source, cancels its timer and abandons a pending wait: nothing more is
 *   emitted. `start()` afterwards begins a new run.
 */
export abstract class Source<T = any> extends Stream<T> {
  stopped = true;
  started = false;
  /** Milliseconds spent waiting for downstream's promises (back-pressure), accumulated. */
  backpressureMs = 0;
  /** Milliseconds slept after each element (0: none). */
  protected readonly interval: number;
  /** A run loop exists (scheduled, emitting, waiting or sleeping). */
  #alive = false;
  /** The next step is the first of a run: call `beginRun()`. */
  #fresh = false;
  #timer: TimerHandle | null = null;
  /** Elements handled since the loop last yielded to the host. */
  #sinceYield = 0;
  /** Bumped by `destroy()`: continuations of an older generation stop. */
  #generation = 0;

  constructor(options?: SourceOptions, interval = 0) {
    super(null, options);
    if (typeof interval !== 'number' || !(interval >= 0) || !Number.isFinite(interval)) {
      throw new RangeError(`source: interval must be a finite number of ms >= 0, got ${String(interval)}`);
    }
    this.interval = interval;
    if (options?.start === true) this.start();
  }

  /** Produces the next element, or `{ done: true }` to end the run (which sets `stopped`). */
  protected abstract pull(): IteratorResult<T>;

  /** Called when a run begins, before its first `pull()`. */
  protected beginRun(): void {}

  /** Starts the run loop on the next tick; does nothing if the source is running. */
  override start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.started = true;
    // A loop that has not yet noticed an earlier stop() just carries on.
    if (this.#alive) return;
    this.#alive = true;
    this.#fresh = true;
    this.#schedule(0);
  }

  /** Asks the loop to end once its current cycle has finished. */
  override stop(): void {
    if (!this.stopped) this.stopped = true;
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    this.stopped = true;
    this.#alive = false;
    this.#generation++;
    if (this.#timer !== null) this.scheduler.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(ms: number): void {
    const generation = this.#generation;
    this.#timer = this.scheduler.setTimeout(() => {
      this.#timer = null;
      this.#sinceYield = 0;
      this.#step(generation);
    }, ms);
  }

  /** Runs cycles until the source stops, ends, waits on downstream, sleeps or yields. */
  #step(generation: number): void {
    if (generation !== this.#generation) return;
    if (this.#fresh) {
      this.#fresh = false;
      try {
        this.beginRun();
      } catch (error) {
        this.scheduler.reportError(error, this);
        this.stopped = true;
        this.#alive = false;
        return;
      }
    }
    for (;;) {
      if (this.stopped) {
        this.#alive = false;
        return;
      }
      let result: IteratorResult<T> | undefined;
      try {
        result = this.pull();
      } catch (error) {
        this.scheduler.reportError(error, this);
      }
      if (result !== undefined) {
        if (result.done === true) {
          this.stopped = true;
          this.#alive = false;
          return;
        }
        let pending: Pending;
        try {
          pending = this._emit(result.value);
        } catch (error) {
          this.scheduler.reportError(error, this);
        }
        if (generation !== this.#generation) return; // destroyed by downstream
        if (pending !== undefined) {
          this.#wait(pending, generation);
          return;
        }
      }
      if (!this.#proceed()) return;
    }
  }

  /** Waits for downstream before the next element, measuring the wait. */
  #wait(pending: Promise<unknown>, generation: number): void {
    const since = this.scheduler.now();
    pending.then(
      () => this.#resume(generation, since),
      (error: unknown) => {
        this.scheduler.reportError(error, this);
        this.#resume(generation, since);
      },
    );
  }

  #resume(generation: number, since: number): void {
    if (generation !== this.#generation) return;
    this.backpressureMs += this.scheduler.now() - since;
    if (this.#proceed()) this.#step(generation);
  }

  /** After an element: sleep `interval`, or yield to the host now and then; true: go on now. */
  #proceed(): boolean {
    if (this.interval > 0) {
      this.#schedule(this.interval);
      return false;
    }
    if (++this.#sinceYield >= SOURCE_YIELD_EVERY) {
      this.#schedule(0);
      return false;
    }
    return true;
  }
}

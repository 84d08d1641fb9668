import { registerApi, Stream, type StreamOptions } from '../core/stream.js';
import type { Pending, TimerHandle } from '../core/types.js';

/**
 * streamz's `timed_window(interval)`: a loop started at construction that forever does
 *
 *   L, buffer = buffer, []; last = emit(L); await last; sleep(interval)
 *
 * - It emits arrays (Python lists), `[]` included: the first right after construction (on the next
 *   scheduler tick), then one per interval, empty or not.
 * - The period drifts: it is `interval` plus the time downstream takes with each window (the sleep
 *   starts when downstream's promise settles).
 * - `update` buffers the element and returns the previous window's pending promise (undefined when
 *   downstream finished with it): back-pressure while downstream is still busy.
 *
 * Intervals are in milliseconds (streamz: seconds).
 *
 * Divergences:
 * - An error thrown by downstream, or a rejected downstream promise, is reported through
 *   `scheduler.reportError(error, this)` and the loop goes on; streamz's loop coroutine dies and
 *   the node never emits again. The promise handed upstream resolves either way (the error was
 *   reported here, not left to whoever waits).
 * - Before the first window `update` returns undefined (streamz returns `gen.moment`, one tick).
 * - `interval` must be > 0: streamz accepts 0, which emits `[]` in a busy loop (and would never let
 *   a virtual clock move on).
 * - `destroy()` cancels the timer, stops the loop and forgets the buffered elements. An element
 *   that reaches the node afterwards (if it is connected again) restarts the loop.
 */
export class TimedWindowNode<T> extends Stream<T[]> {
  readonly interval: number;
  private collected: T[] = [];
  /** What upstream gets from `update`: the previous window's pending downstream work. */
  private last: Pending = undefined;
  private timer: TimerHandle | null = null;
  /** The loop is alive: a timer is set or a window's downstream work is pending. */
  private running = false;
  private generation = 0;

  constructor(upstream: Stream<T> | null, interval: number, options?: StreamOptions) {
    super(upstream, options);
    if (typeof interval !== 'number' || !(interval > 0) || !Number.isFinite(interval)) {
      throw new RangeError(`timed_window: interval must be a finite number of ms > 0, got ${String(interval)}`);
    }
    this.interval = interval;
    this.startLoop();
  }

  override update(x: T): Pending {
    this.collected.push(x);
    if (!this.running) this.startLoop();
    return this.last;
  }

  private startLoop(): void {
    this.running = true;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    const generation = this.generation;
    this.timer = this.scheduler.setTimeout(() => this.tick(generation), ms);
  }

  private tick(generation: number): void {
    this.timer = null;
    if (generation !== this.generation) return;
    const window = this.collected;
    this.collected = [];
    let pending: Pending;
    try {
      pending = this._emit(window);
    } catch (error) {
      this.scheduler.reportError(error, this);
    }
    if (generation !== this.generation) return; // destroyed by downstream
    if (pending === undefined) {
      this.last = undefined;
      this.schedule(this.interval);
      return;
    }
    const settled: Promise<void> = pending.then(
      () => this.afterWindow(generation, settled),
      (error: unknown) => {
        this.scheduler.reportError(error, this);
        this.afterWindow(generation, settled);
      },
    );
    this.last = settled;
  }

  private afterWindow(generation: number, settled: Pending): void {
    if (generation !== this.generation) return;
    if (this.last === settled) this.last = undefined;
    this.schedule(this.interval);
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams !== undefined && this.upstreams.length > 0) return;
    this.generation++;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.running = false;
    this.collected = [];
    this.last = undefined;
  }

  /** Elements collected for the next window. */
  override get queued(): number {
    return this.collected.length;
  }

  /** Unbounded (undefined). */
  override get capacity(): number | undefined {
    return undefined;
  }

  override get kind(): string {
    return 'timed_window';
  }

  protected override describe(): string {
    return String(this.interval);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /**
     * Emit an array of the elements received in each interval of `interval` ms, `[]` included,
     * starting right after construction.
     */
    timedWindow(interval: number): TimedWindowNode<T>;
  }
}

registerApi('timedWindow', (upstream, interval: number) => new TimedWindowNode(upstream, interval));

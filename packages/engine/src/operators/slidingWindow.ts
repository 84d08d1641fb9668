import { pythonError, truthy } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { WindowRing } from './ringBuffer.js';

export interface SlidingWindowOptions {
  /**
   * Emit the growing windows `[x0]`, `[x0, x1]`, … before the first full one. Defaults to true, as
   * in streamz (Python truthiness applies).
   */
  returnPartial?: boolean;
}

/**
 * streamz's `sliding_window(n, return_partial=True)`: keeps the last `n` elements and, on every
 * element, emits them oldest first as a fresh array (a tuple). With `returnPartial: false` nothing
 * is emitted until `n` elements have arrived. It never flushes at the end of the stream.
 *
 * `n` must be a positive integer: a negative `n` throws ValueError and a non-integer TypeError, as
 * Python's `deque(maxlen=n)` does. `n = 0` also throws ValueError here; streamz accepts it but then
 * emits `()` and raises IndexError on every element.
 */
export class SlidingWindowNode<T> extends Stream<T[]> {
  private readonly window: WindowRing<T>;
  private readonly partial: boolean;

  constructor(
    upstream: Stream<T>,
    readonly n: number,
    options: SlidingWindowOptions = {},
  ) {
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw pythonError('TypeError', `sliding_window: n must be an integer, got ${String(n)}`);
    }
    if (n < 0) throw pythonError('ValueError', 'maxlen must be non-negative');
    if (n === 0) throw pythonError('ValueError', 'sliding_window: n must be at least 1');
    super(upstream);
    this.window = new WindowRing<T>(n);
    this.partial = truthy(options.returnPartial ?? true);
  }

  override update(x: T): Pending {
    const window = this.window;
    window.push(x);
    if (!this.partial && window.length !== this.n) return undefined;
    const y = window.toArray();
    const next = this.next;
    if (next !== null) {
      this.emitted++;
      if (this.valueBudget !== 0) {
        this.currentValue = y;
        this.valueAt = this.emitted;
        this.valueBudget--;
      }
      return next.update(y, this);
    }
    return this._emit(y);
  }

  /** Elements in the current window. */
  override get queued(): number {
    return this.window.length;
  }

  override get capacity(): number {
    return this.n;
  }

  override get kind(): string {
    return 'sliding_window';
  }

  protected override describe(): string {
    return String(this.n);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Emit the last `n` elements as an array on every element (partial windows first by default). */
    slidingWindow(n: number, options?: SlidingWindowOptions): SlidingWindowNode<T>;
  }
}

registerApi('slidingWindow', (upstream, n: number, options?: SlidingWindowOptions) =>
  new SlidingWindowNode(upstream, n, options),
);

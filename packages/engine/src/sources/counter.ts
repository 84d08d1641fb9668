import { registerSource } from '../core/stream.js';
import { Source, type SourceOptions } from './source.js';

export interface CounterOptions extends SourceOptions {
  /** Milliseconds between numbers (default 1000); 0: as fast as downstream allows. */
  interval?: number;
  /** How many numbers to emit before the source stops by itself; null or absent: no end. */
  limit?: number | null;
}

/**
 * A source of the integers 0, 1, 2, … one per `interval` ms (the first at once when started),
 * up to `limit` numbers. Not in streamz: the Python equivalent is `Stream.from_iterable(count())`
 * paced by `rate_limit(interval)`.
 *
 * - It waits for downstream's promise before the next number (see `Source`), so the period is
 *   `interval` plus the time downstream makes it wait.
 * - `stop()` then `start()` resumes where it stopped; after `limit` numbers it sets `stopped` and a
 *   new `start()` emits nothing more.
 */
export class CounterSource extends Source<number> {
  readonly limit: number | null;
  /** The next number to emit. */
  count = 0;

  constructor(options: CounterOptions = {}) {
    const interval = options.interval ?? 1000;
    super(options, interval);
    const limit = options.limit ?? null;
    if (limit !== null && (!Number.isSafeInteger(limit) || limit < 0)) {
      throw new RangeError(`counter: limit must be null or an integer >= 0, got ${String(limit)}`);
    }
    this.limit = limit;
  }

  protected override pull(): IteratorResult<number> {
    if (this.limit !== null && this.count >= this.limit) return { done: true, value: undefined };
    return { done: false, value: this.count++ };
  }

  override get kind(): string {
    return 'counter';
  }

  protected override describe(): string {
    return String(this.interval);
  }
}

/** `Stream.counter(options)` as a plain function. */
export function counter(options?: CounterOptions): CounterSource {
  return new CounterSource(options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Emit 0, 1, 2, … one per `interval` ms once started, up to `limit` numbers. */
    function counter(options?: CounterOptions): CounterSource;
  }
}

registerSource('counter', counter);

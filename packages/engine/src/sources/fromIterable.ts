import { registerSource } from '../core/stream.js';
import { Source, type SourceOptions } from './source.js';

export interface FromIterableOptions extends SourceOptions {
  /** Milliseconds between elements (an addition to streamz); 0 or absent: as fast as downstream allows. */
  interval?: number;
}

/**
 * streamz's `Stream.from_iterable(iterable)`: emits the elements of `iterable` when started.
 *
 * - Each run iterates `iterable` afresh, so an array (or a Set, a string …) restarts from the
 *   beginning on every `start()`, while an iterator or a generator resumes where it stopped.
 * - When the iterable is exhausted the source sets `stopped` (`started` stays true).
 * - With `interval`, one element per `interval` ms (plus the time downstream makes it wait).
 * - It waits for downstream's promise before taking the next element (see `Source`).
 *
 * Divergence: streamz's `for x in iterable: if stopped: break` takes the next element out of an
 * iterator before it notices `stop()`, so that element is lost (verified: an iterator over 0..9
 * stopped after 2 resumes with 4). Here the stop is checked before the next element is taken, so an
 * iterator resumes with exactly the next element. The iterator is never closed (a generator is not
 * `return()`ed on stop), so it can resume.
 */
export class FromIterableSource<T> extends Source<T> {
  private iterator: Iterator<T> | null = null;

  constructor(
    readonly iterable: Iterable<T>,
    options?: FromIterableOptions,
  ) {
    // Checked before super(), which may start the source (options.start).
    if (iterable == null || typeof (iterable as any)[Symbol.iterator] !== 'function') {
      throw new TypeError(`from_iterable: expected an iterable, got ${iterable === null ? 'null' : typeof iterable}`);
    }
    super(options, options?.interval ?? 0);
  }

  protected override beginRun(): void {
    this.iterator = this.iterable[Symbol.iterator]();
  }

  protected override pull(): IteratorResult<T> {
    return this.iterator!.next();
  }

  override get kind(): string {
    return 'from_iterable';
  }
}

/** `Stream.fromIterable(iterable, options)` as a plain function. */
export function fromIterable<T>(iterable: Iterable<T>, options?: FromIterableOptions): FromIterableSource<T> {
  return new FromIterableSource(iterable, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Emit the elements of `iterable` once started (streamz's `Stream.from_iterable`). */
    function fromIterable<T>(iterable: Iterable<T>, options?: FromIterableOptions): FromIterableSource<T>;
  }
}

registerSource('fromIterable', fromIterable);

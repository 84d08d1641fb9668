import { registerSource } from '../core/stream.js';
import { Source, type SourceOptions } from './source.js';

/** streamz's default `poll_interval` (0.1 s), in ms. */
export const DEFAULT_POLL_INTERVAL = 100;

/**
 * streamz's `Stream.from_periodic(callback, poll_interval=0.1)`: once started, emits `callback()`,
 * waits for downstream's promise, sleeps `pollInterval` ms, and so on until stopped. The period is
 * therefore `pollInterval` plus the time downstream makes it wait.
 *
 * Intervals are in milliseconds (streamz: seconds); the default is 100 ms.
 *
 * Divergence: an error thrown by `callback` (or by downstream) is reported through
 * `scheduler.reportError(error, this)`, nothing is emitted for that cycle, and polling goes on after
 * the usual sleep. In streamz the loop dies silently.
 */
export class FromPeriodicSource<T> extends Source<T> {
  constructor(
    readonly callback: () => T,
    readonly pollInterval: number = DEFAULT_POLL_INTERVAL,
    options?: SourceOptions,
  ) {
    // Checked before super(), which may start the source (options.start).
    if (typeof callback !== 'function') {
      throw new TypeError(`from_periodic: callback must be a function, got ${callback === null ? 'null' : typeof callback}`);
    }
    super(options, pollInterval);
  }

  protected override pull(): IteratorResult<T> {
    return { done: false, value: this.callback() };
  }

  override get kind(): string {
    return 'from_periodic';
  }
}

/** `Stream.fromPeriodic(callback, pollInterval, options)` as a plain function. */
export function fromPeriodic<T>(
  callback: () => T,
  pollInterval: number = DEFAULT_POLL_INTERVAL,
  options?: SourceOptions,
): FromPeriodicSource<T> {
  return new FromPeriodicSource(callback, pollInterval, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Emit `callback()` every `pollInterval` ms once started (streamz's `Stream.from_periodic`). */
    function fromPeriodic<T>(callback: () => T, pollInterval?: number, options?: SourceOptions): FromPeriodicSource<T>;
  }
}

registerSource('fromPeriodic', fromPeriodic);

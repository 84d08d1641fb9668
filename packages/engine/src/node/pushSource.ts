import type { Stream } from '../core/stream.js';
import { Source, type SourceOptions } from '../sources/source.js';

/**
 * A source driven by outside events (a socket, a process, a polled file) rather than by `pull()`.
 * It is a `Source` (started and stopped with the graph, `stopped`/`started` as in streamz), but
 * `start()` opens the resource and `stop()` closes it at once: servers stop listening and drop
 * their connections, processes are killed, polling ends after the current cycle.
 *
 * `deliver(x)` emits one element and returns downstream's promise when there is one, so the
 * subclass can pause its input until it settles (back-pressure: one element in flight, as
 * streamz's `await gather(*self._emit(x))`). An error thrown downstream, or a rejected promise, is
 * reported through `scheduler.reportError(error, this)` and never stops the source.
 */
export abstract class PushSource<T> extends Source<T> {
  /** `options.start` is ignored: subclasses are not set up yet here; call `start()`. */
  constructor(options?: SourceOptions) {
    super({ ...options, start: false });
  }

  /** Opens the resource; called by `start()` when the source was stopped. */
  protected abstract open(): void;

  /** Releases the resource; called by `stop()` when the source was running. */
  protected abstract close(): void;

  /** Never used: elements are pushed by `deliver`. */
  protected override pull(): IteratorResult<T> {
    return { done: true, value: undefined };
  }

  override start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.started = true;
    try {
      this.open();
    } catch (error) {
      this.stopped = true;
      this.scheduler.reportError(error, this);
    }
  }

  override stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.close();
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    this.stop();
    super.destroy(streams);
  }

  /**
   * Emits `x`. Returns undefined when downstream finished synchronously, else a promise that
   * settles (never rejects) when it has finished with `x`.
   */
  protected deliver(x: T): Promise<void> | undefined {
    let pending: Promise<unknown> | undefined;
    try {
      pending = this._emit(x);
    } catch (error) {
      this.scheduler.reportError(error, this);
      return undefined;
    }
    if (pending === undefined) return undefined;
    const since = this.scheduler.now();
    return pending.then(
      () => {
        this.backpressureMs += this.scheduler.now() - since;
      },
      (error: unknown) => {
        this.backpressureMs += this.scheduler.now() - since;
        this.scheduler.reportError(error, this);
      },
    );
  }

  /** Reports an error of the resource (a socket, a read) without stopping the source. */
  protected report(error: unknown): void {
    this.scheduler.reportError(error, this);
  }
}

/**
 * Splits decoded text on a delimiter, keeping the delimiter on every part (as streamz's sources
 * emit `part + delimiter`); the unterminated rest stays buffered.
 */
export class Splitter {
  private rest = '';

  constructor(readonly delimiter: string) {
    if (delimiter.length === 0) throw new RangeError('delimiter must not be empty');
  }

  /** Adds text; returns the complete parts it finished. */
  push(text: string): string[] {
    const parts: string[] = [];
    let buffer = this.rest + text;
    const d = this.delimiter;
    // Search only where a new delimiter can start: from the end of the previous rest, less its overlap.
    let from = Math.max(0, this.rest.length - d.length + 1);
    for (;;) {
      const i = buffer.indexOf(d, from);
      if (i < 0) break;
      parts.push(buffer.slice(0, i + d.length));
      buffer = buffer.slice(i + d.length);
      from = 0;
    }
    this.rest = buffer;
    return parts;
  }

  /** The buffered, unterminated text. */
  get pending(): string {
    return this.rest;
  }

  /** Returns and forgets the buffered text. */
  take(): string {
    const rest = this.rest;
    this.rest = '';
    return rest;
  }
}

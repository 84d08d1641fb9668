import { closeSync, openSync, writeSync } from 'node:fs';
import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { jsonLine } from '../sinks/log.js';

export interface SinkToTextfileOptions {
  /** Written after every element (default `'\n'`). */
  end?: string;
  /** `'a'` appends to the file (default), `'w'` empties it first. */
  mode?: 'a' | 'w';
}

/**
 * streamz's `sink_to_textfile(file, end='\n', mode='a')`: writes every element to a text file
 * (UTF-8), followed by `end`.
 *
 * - The file is opened when the node is built, as streamz opens it in its constructor; `destroy()`
 *   (from every upstream) closes it.
 * - Strings are written as they are. streamz requires strings (`x + end` raises TypeError); here
 *   any other value is written as one line of JSON (as the `log` sink writes it).
 * - Writes are synchronous, so the file holds every element once `emit` has returned.
 */
export class SinkToTextfileNode<T> extends Stream<T> {
  readonly end: string;
  readonly mode: 'a' | 'w';
  private fd: number | null;

  constructor(
    upstream: Stream<T> | null,
    readonly path: string,
    options: SinkToTextfileOptions = {},
  ) {
    super(upstream);
    this.end = options.end ?? '\n';
    this.mode = options.mode ?? 'a';
    if (this.mode !== 'a' && this.mode !== 'w') throw new RangeError(`sink_to_textfile: mode must be 'a' or 'w'`);
    this.fd = openSync(path, this.mode);
  }

  override update(x: T): Pending {
    if (this.fd === null) throw new Error(`sink_to_textfile: ${this.path} is closed`);
    writeSync(this.fd, (typeof x === 'string' ? x : jsonLine(x)) + this.end);
    return undefined;
  }

  /** Closes the file; later elements throw. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  override destroy(streams?: readonly Stream<any>[]): void {
    super.destroy(streams);
    if (streams === undefined) this.close();
  }

  override get kind(): string {
    return 'sink_to_textfile';
  }

  protected override describe(): string {
    return this.path;
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Write every element to a text file, followed by `end` (streamz's sink_to_textfile). */
    sinkToTextfile(path: string, options?: SinkToTextfileOptions): SinkToTextfileNode<T>;
  }
}

registerApi('sinkToTextfile', (upstream, path: string, options?: SinkToTextfileOptions) =>
  new SinkToTextfileNode(upstream, path, options),
);

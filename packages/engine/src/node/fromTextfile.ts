import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { registerSource } from '../core/stream.js';
import type { TimerHandle } from '../core/types.js';
import type { SourceOptions } from '../sources/source.js';
import { PushSource, Splitter } from './pushSource.js';

export interface FromTextfileOptions extends SourceOptions {
  /** Milliseconds to wait after a read that found nothing new (default 100). */
  pollInterval?: number;
  /** What separates the parts (default `'\n'`); it is kept at the end of every part. */
  delimiter?: string;
  /** Start at the end of the file: only text appended later is emitted (default false). */
  fromEnd?: boolean;
}

/** Bytes read per cycle; several cycles run back to back while there is data. */
const CHUNK = 64 * 1024;
/** Cycles in a row before yielding to the host with a 0 ms timer. */
const CYCLES_PER_TURN = 16;

/**
 * streamz's `Stream.from_textfile(f, poll_interval=0.1, delimiter='\n', from_end=False)`: follows a
 * text file (UTF-8) and emits every complete part **with its delimiter** (`'line\n'`), as streamz
 * does; an unterminated last part waits for the rest.
 *
 * - The file is opened when the node is built (a missing file fails then) and, with `fromEnd`,
 *   positioned at its end at that moment, as streamz's constructor does.
 * - While reads find data it reads again at once; after a read that found nothing it waits
 *   `pollInterval` ms. Each part waits for downstream's promise before the next is emitted.
 * - `stop()` ends polling after the current cycle; `start()` continues from the same position.
 *   `destroy()` closes the file.
 * - Reads are synchronous, 64 KiB at a time (at most 1 MiB before yielding to the host): the
 *   host is a process of its own per run, and this keeps the order of parts trivially right.
 * - As in streamz, a file that shrinks (truncated, rotated) is not followed: reading continues
 *   from the old position.
 */
export class FromTextfileSource extends PushSource<string> {
  readonly path: string;
  readonly pollInterval: number;
  readonly fromEnd: boolean;
  private fd: number | null;
  private position = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly splitter: Splitter;
  private readonly chunk = Buffer.alloc(CHUNK);
  private parts: string[] = [];
  private timer: TimerHandle | null = null;
  /** A cycle is scheduled, reading or waiting for downstream. */
  private running = false;

  constructor(path: string, options: FromTextfileOptions = {}) {
    super(options);
    const pollInterval = options.pollInterval ?? 100;
    if (!(pollInterval >= 0) || !Number.isFinite(pollInterval)) {
      throw new RangeError(`from_textfile: pollInterval must be a finite number of ms >= 0`);
    }
    this.path = path;
    this.pollInterval = pollInterval;
    this.fromEnd = options.fromEnd ?? false;
    this.splitter = new Splitter(options.delimiter ?? '\n');
    this.fd = openSync(path, 'r');
    if (this.fromEnd) this.position = fstatSync(this.fd).size;
  }

  get delimiter(): string {
    return this.splitter.delimiter;
  }

  protected override open(): void {
    if (this.fd === null) throw new Error(`from_textfile: ${this.path} was closed (the node was destroyed)`);
    if (!this.running) this.schedule(0);
  }

  protected override close(): void {
    // The current cycle finishes; the next one sees `stopped`.
  }

  override destroy(streams?: Parameters<PushSource<string>['destroy']>[0]): void {
    super.destroy(streams);
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.running = false;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private schedule(ms: number): void {
    this.running = true;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.cycle(CYCLES_PER_TURN);
    }, ms);
  }

  /** Emits buffered parts, then reads; runs until it must wait (downstream, a poll, a yield). */
  private cycle(budget: number): void {
    for (;;) {
      if (this.stopped || this.fd === null) {
        this.running = false;
        return;
      }
      const part = this.parts.shift();
      if (part !== undefined) {
        const pending = this.deliver(part);
        if (pending !== undefined) {
          void pending.then(() => this.cycle(budget));
          return;
        }
        continue;
      }
      if (budget-- <= 0) return this.schedule(0);
      let n: number;
      try {
        n = readSync(this.fd, this.chunk, 0, CHUNK, this.position);
      } catch (error) {
        this.report(error);
        return this.schedule(this.pollInterval);
      }
      if (n === 0) return this.schedule(this.pollInterval);
      this.position += n;
      this.parts = this.splitter.push(this.decoder.write(this.chunk.subarray(0, n)));
    }
  }

  override get kind(): string {
    return 'from_textfile';
  }

  protected override describe(): string {
    return this.path;
  }
}

/** `Stream.fromTextfile(path, options)` as a plain function. */
export function fromTextfile(path: string, options?: FromTextfileOptions): FromTextfileSource {
  return new FromTextfileSource(path, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Follow a text file, emitting every delimited part with its delimiter (streamz's from_textfile). */
    function fromTextfile(path: string, options?: FromTextfileOptions): FromTextfileSource;
  }
}

registerSource('fromTextfile', fromTextfile);

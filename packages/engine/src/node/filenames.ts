import { statSync } from 'node:fs';
import { registerSource } from '../core/stream.js';
import type { TimerHandle } from '../core/types.js';
import type { SourceOptions } from '../sources/source.js';
import { glob } from './glob.js';
import { PushSource } from './pushSource.js';

export interface FilenamesOptions extends SourceOptions {
  /** Milliseconds between two looks at the directory (default 100). */
  pollInterval?: number;
}

/**
 * streamz's `Stream.filenames(path, poll_interval=0.1)`: emits the name (the full path) of every
 * new file matching `path`, sorted, on each poll.
 *
 * - A directory means every file in it (`dir/*`); a path with `*`, `?` or `[…]` is a glob
 *   (Python's rules: wildcards skip dot files).
 * - The names already emitted are remembered for the life of the node, so a file deleted and
 *   created again is not emitted again (as in streamz).
 * - Each name waits for downstream's promise before the next; then the source waits
 *   `pollInterval` ms. `stop()` ends polling after the current cycle; `start()` resumes with the
 *   same memory.
 */
export class FilenamesSource extends PushSource<string> {
  readonly path: string;
  readonly pattern: string;
  readonly pollInterval: number;
  /** Every name emitted so far. */
  readonly seen = new Set<string>();
  private queue: string[] = [];
  private timer: TimerHandle | null = null;
  private running = false;

  constructor(path: string, options: FilenamesOptions = {}) {
    super(options);
    const pollInterval = options.pollInterval ?? 100;
    if (!(pollInterval >= 0) || !Number.isFinite(pollInterval)) {
      throw new RangeError(`filenames: pollInterval must be a finite number of ms >= 0`);
    }
    this.path = path;
    this.pollInterval = pollInterval;
    let pattern = path;
    if (!path.includes('*') && isDirectory(path)) pattern = (path.endsWith('/') ? path : path + '/') + '*';
    this.pattern = pattern;
  }

  protected override open(): void {
    if (!this.running) this.schedule(0);
  }

  protected override close(): void {}

  override destroy(streams?: Parameters<PushSource<string>['destroy']>[0]): void {
    super.destroy(streams);
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.running = false;
  }

  private schedule(ms: number): void {
    this.running = true;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.poll();
    }, ms);
  }

  private poll(): void {
    if (this.stopped) {
      this.running = false;
      return;
    }
    if (this.queue.length === 0) {
      try {
        this.queue = glob(this.pattern)
          .filter((name) => !this.seen.has(name))
          .sort();
      } catch (error) {
        this.report(error);
      }
    }
    this.drain();
  }

  private drain(): void {
    for (;;) {
      if (this.stopped) {
        this.running = false;
        return;
      }
      const name = this.queue.shift();
      if (name === undefined) return this.schedule(this.pollInterval);
      this.seen.add(name);
      const pending = this.deliver(name);
      if (pending !== undefined) {
        void pending.then(() => this.drain());
        return;
      }
    }
  }

  override get kind(): string {
    return 'filenames';
  }

  protected override describe(): string {
    return this.pattern;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** `Stream.filenames(path, options)` as a plain function. */
export function filenames(path: string, options?: FilenamesOptions): FilenamesSource {
  return new FilenamesSource(path, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Emit the names of new files matching a directory or a glob (streamz's filenames). */
    function filenames(path: string, options?: FilenamesOptions): FilenamesSource;
  }
}

registerSource('filenames', filenames);

import { spawn, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { registerSource } from '../core/stream.js';
import type { SourceOptions } from '../sources/source.js';
import { PushSource, Splitter } from './pushSource.js';
import { shlexSplit } from './shlex.js';

export interface FromProcessOptions extends SourceOptions {
  /** Also read the process's standard error (default false: it goes to the host's). */
  withStderr?: boolean;
  /** Emit a last line that has no `'\n'` when the process ends (default true). */
  withEnd?: boolean;
}

/**
 * streamz's `Stream.from_process(cmd, with_stderr=False, with_end=True)`: runs a program and emits
 * every line of its standard output **with its `'\n'`**.
 *
 * - `cmd` is an array (program, then arguments) or a string split as `shlex.split` does; there is
 *   no shell, so pipes and redirections are not interpreted.
 * - streamz emits bytes; here the output is decoded as UTF-8 and strings are emitted.
 * - The output is paused while downstream's promise for a line is pending (back-pressure).
 * - With `withStderr`, standard error is read too and its lines interleave with standard output's
 *   by arrival (streamz merges the two at the file descriptor, so ordering may differ slightly).
 * - When the process has ended and its output is emitted, the source stops by itself (streamz
 *   leaves `stopped` false). `stop()` kills the process and the programs it started (SIGTERM to
 *   its process group; streamz lets it run until its next line); `start()` runs it again. A program that cannot be started is reported.
 */
export class FromProcessSource extends PushSource<string> {
  readonly argv: readonly string[];
  readonly withStderr: boolean;
  readonly withEnd: boolean;
  private child: ChildProcess | null = null;
  /** Settles with the exit code (or signal) when the current process has ended. */
  exited: Promise<number | string | null> = Promise.resolve(null);

  constructor(
    readonly cmd: string | readonly string[],
    options: FromProcessOptions = {},
  ) {
    super(options);
    this.argv = typeof cmd === 'string' ? shlexSplit(cmd) : [...cmd];
    if (this.argv.length === 0) throw new RangeError('from_process: cmd names no program');
    this.withStderr = options.withStderr ?? false;
    this.withEnd = options.withEnd ?? true;
  }

  /** The running process's id, if any. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  protected override open(): void {
    const [program, ...args] = this.argv as [string, ...string[]];
    // Its own process group, so stop() can end the programs it started too (a shell's children).
    const child = spawn(program, args, {
      stdio: ['ignore', 'pipe', this.withStderr ? 'pipe' : 'inherit'],
      detached: true,
    });
    this.child = child;
    const queue: string[] = [];
    const outputs = [child.stdout!, ...(this.withStderr ? [child.stderr!] : [])];
    let open = outputs.length;
    let exited = false;
    let busy = false;
    let resolveExit!: (code: number | string | null) => void;
    this.exited = new Promise((resolve) => (resolveExit = resolve));

    const finish = (): void => {
      if (this.child !== child) return;
      this.child = null;
      this.stopped = true;
    };
    const pump = (): void => {
      while (!busy && this.child === child && !this.stopped) {
        const line = queue.shift();
        if (line === undefined) {
          if (open === 0 && exited) finish();
          return;
        }
        const pending = this.deliver(line);
        if (pending !== undefined) {
          busy = true;
          for (const out of outputs) out.pause();
          void pending.then(() => {
            busy = false;
            for (const out of outputs) if (!out.destroyed) out.resume();
            pump();
          });
        }
      }
    };
    for (const out of outputs) {
      const splitter = new Splitter('\n');
      const decoder = new StringDecoder('utf8');
      out.on('data', (chunk: Buffer) => {
        queue.push(...splitter.push(decoder.write(chunk)));
        pump();
      });
      out.on('end', () => {
        open--;
        const rest = splitter.take() + decoder.end();
        if (rest !== '' && this.withEnd) queue.push(rest);
        pump();
      });
      out.on('error', () => {});
    }
    child.on('error', (error) => {
      this.report(error);
      open = 0;
      exited = true;
      resolveExit(null);
      finish();
    });
    child.on('exit', (code, signal) => {
      exited = true;
      resolveExit(code ?? signal);
      pump();
    });
  }

  protected override close(): void {
    const child = this.child;
    this.child = null;
    if (child === null) return;
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }
    // A program that outlives the kill must not keep the pipes (and the host) open.
    child.stdout?.destroy();
    child.stderr?.destroy();
  }

  override get kind(): string {
    return 'from_process';
  }

  protected override describe(): string {
    return this.argv.join(' ');
  }
}

/** `Stream.fromProcess(cmd, options)` as a plain function. */
export function fromProcess(cmd: string | readonly string[], options?: FromProcessOptions): FromProcessSource {
  return new FromProcessSource(cmd, options);
}

declare module '../core/stream.js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Stream {
    /** Run a program and emit every line of its output with its newline (streamz's from_process). */
    function fromProcess(cmd: string | readonly string[], options?: FromProcessOptions): FromProcessSource;
  }
}

registerSource('fromProcess', fromProcess);

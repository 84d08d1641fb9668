import { Worker } from 'node:worker_threads';

type Fn = (...args: any[]) => any;

/**
 * Records which node's user code is running, for the watchdog: a hung run is named by its node.
 *
 * The main thread writes the node's index into a SharedArrayBuffer before each call of a user
 * function and clears it after (two typed-array stores). A small worker thread reads it every
 * 50 ms and writes the node's id to a pipe the server reads: it keeps reporting while the main
 * thread is stuck in `while (true) {}` or collecting garbage, when the run can send nothing itself.
 */
export class BusyMarker {
  private readonly cell = new Int32Array(new SharedArrayBuffer(4));
  private readonly index = new Map<string, number>();
  private readonly worker: Worker | null;

  /** @param fd the pipe to report on; null records nothing (headless runs). */
  constructor(fd: number | null) {
    this.worker =
      fd === null
        ? null
        : new Worker(new URL('./busyReporter.js', import.meta.url), {
            workerData: { buffer: this.cell.buffer, fd },
            stdout: false,
            stderr: false,
          });
    this.worker?.unref();
    this.worker?.on('error', () => {
      // The reporter only improves failure messages; a run goes on without it.
    });
  }

  /** Wraps `fn` so the node is marked busy while it runs. Keeps `name` and `length`. */
  wrap(nodeId: string, fn: Fn): Fn {
    if (this.worker === null) return fn;
    let idx = this.index.get(nodeId);
    if (idx === undefined) {
      idx = this.index.size + 1;
      this.index.set(nodeId, idx);
      this.worker.postMessage({ idx, nodeId });
    }
    const cell = this.cell;
    const id = idx;
    const wrapped = function (this: unknown, ...args: any[]): any {
      cell[0] = id;
      try {
        return fn(...args);
      } finally {
        cell[0] = 0;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    Object.defineProperty(wrapped, 'length', { value: fn.length });
    return wrapped;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

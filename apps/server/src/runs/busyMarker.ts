import type { writeSync as WriteSync } from 'node:fs';
import { Worker, type MessagePort } from 'node:worker_threads';

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
        : new Worker(REPORTER_SOURCE, {
            eval: true,
            workerData: { buffer: this.cell.buffer, fd },
            stdout: false,
            stderr: false,
          });
    this.worker?.unref();
    this.worker?.on('error', () => {
      // The reporter only improves failure messages; a run goes on without it.
    });
  }

  /**
   * Wraps `fn` so the node is marked busy while it runs. Keeps `name` and `length`. A function
   * whose source uses neither rest parameters nor `arguments` gets a wrapper of its own arity
   * (cheaper than forwarding a rest array); extra arguments could not reach it anyway.
   */
  wrap(nodeId: string, fn: Fn, source = '...'): Fn {
    if (this.worker === null) return fn;
    let idx = this.index.get(nodeId);
    if (idx === undefined) {
      idx = this.index.size + 1;
      this.index.set(nodeId, idx);
      this.worker.postMessage({ idx, nodeId });
    }
    const cell = this.cell;
    const id = idx;
    const fixed = !source.includes('...') && !/\barguments\b/.test(source);
    let wrapped: Fn;
    if (fixed && fn.length <= 1) {
      wrapped = function (a: any): any {
        cell[0] = id;
        try {
          return fn(a);
        } finally {
          cell[0] = 0;
        }
      };
    } else if (fixed && fn.length === 2) {
      wrapped = function (a: any, b: any): any {
        cell[0] = id;
        try {
          return fn(a, b);
        } finally {
          cell[0] = 0;
        }
      };
    } else {
      wrapped = function (...args: any[]): any {
        cell[0] = id;
        try {
          return fn(...args);
        } finally {
          cell[0] = 0;
        }
      };
    }
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    Object.defineProperty(wrapped, 'length', { value: fn.length });
    return wrapped;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/**
 * The reporter thread: every 50 ms it reads the busy cell and writes the node's id to the pipe, on
 * every change and every half second while a node stays busy. Self-contained: it runs from source
 * text in the worker (so it works the same from src/ and dist/).
 */
function reporter(
  writeSync: typeof WriteSync,
  parentPort: MessagePort,
  workerData: { buffer: SharedArrayBuffer; fd: number },
): void {
  const cell = new Int32Array(workerData.buffer);
  const names = new Map<number, string>();
  parentPort.on('message', (m: { idx: number; nodeId: string }) => {
    names.set(m.idx, m.nodeId);
  });
  let last = 0;
  let quiet = 0;
  setInterval(() => {
    const idx = Atomics.load(cell, 0);
    if (idx === last && (idx === 0 || ++quiet < 10)) return;
    quiet = 0;
    last = idx;
    try {
      writeSync(workerData.fd, JSON.stringify({ busy: idx === 0 ? null : (names.get(idx) ?? null) }) + '\n');
    } catch {
      // the server went away, or its pipe is full: nothing to report to
    }
  }, 50);
}

const REPORTER_SOURCE = `(${reporter.toString()})(require('node:fs').writeSync, require('node:worker_threads').parentPort, require('node:worker_threads').workerData);`;

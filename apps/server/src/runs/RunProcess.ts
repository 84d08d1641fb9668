import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import type { Graph, GraphIssue, NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';
import type { RunConfig } from '../config.js';
import type { BusyReport, FromHost, HostLogBatch, ToHost } from './messages.js';
import { hostExecArgv, type Grants } from './permissions.js';

/** How a run's process ended. */
export interface RunEnd {
  state: 'stopped' | 'failed';
  reason: string;
  nodeId?: string;
}

export interface RunProcessEvents {
  /** The graph compiled and its sources started. */
  started: [];
  /** A tick: the frame, the inspected nodes' samples, and the `log` lines since the last one. */
  tick: [frame: TelemetryFrame, samples: NodeSamples[], log: HostLogBatch | undefined];
  /** The process is gone (emitted once). */
  end: [end: RunEnd];
}

const STDERR_KEPT = 8 * 1024;
const WATCHDOG_CHECK_MS = 100;

/**
 * One run's host process: forked with a heap cap and only the permissions its graph needs,
 * watched by a heartbeat watchdog (every tick is a heartbeat; silence longer than the budget gets
 * SIGKILL), stopped gracefully (`stop`, then SIGKILL after a timeout), like bree's workers.
 */
export class RunProcess extends EventEmitter<RunProcessEvents> {
  private child: ChildProcess | null = null;
  private phase: 'starting' | 'running' | 'stopping' | 'ended' = 'starting';
  private lastHeard = 0;
  private spawnedAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastCheck = 0;
  private stderrTail = '';
  /** The node whose user code the host's busy reporter last saw running, and since when. */
  private busy: { nodeId: string; since: number } | null = null;
  /** Why the process is ending, once we know better than its exit code. */
  private verdict: RunEnd | null = null;
  private emitSeq = 0;
  private readonly pendingEmits = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private stopWaiters: Array<() => void> = [];

  constructor(
    readonly runId: string,
    private readonly graph: Graph,
    private readonly grants: Grants,
    private readonly config: RunConfig,
  ) {
    super();
  }

  get running(): boolean {
    return this.phase === 'running';
  }

  start(): void {
    const execArgv = hostExecArgv(this.grants, { heapMb: this.config.heapMb, codeDirs: this.config.codeDirs });
    this.spawnedAt = Date.now();
    this.lastCheck = this.spawnedAt;
    let child: ChildProcess;
    try {
      child = fork(this.config.hostEntry, [], {
        execArgv,
        cwd: this.config.cwd,
        // Nothing of the server's environment (its token) reaches the run, except what finding programs needs.
        env: { NODE_ENV: process.env.NODE_ENV ?? 'production', ...(process.env.PATH ? { PATH: process.env.PATH } : {}) },
        stdio: ['ignore', 'ignore', 'pipe', 'ipc', 'pipe'],
        serialization: 'json',
      });
    } catch (error) {
      this.finish({ state: 'failed', reason: `the run's process could not be started: ${String(error)}` });
      return;
    }
    this.child = child;
    child.on('message', (msg: FromHost) => this.onMessage(msg));
    child.on('exit', (code, signal) => this.onExit(code, signal));
    child.on('error', (error) => {
      this.verdict ??= { state: 'failed', reason: `the run's process failed: ${error.message}` };
      // A process that never started sends no 'exit'.
      if (child.pid === undefined) this.finish(this.verdict);
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEPT);
    });
    readLines(child.stdio[4] as Readable | null, (line) => this.onBusyReport(line));
    this.send({ type: 'start', runId: this.runId, graph: this.graph, tickMs: this.config.tickMs });
    this.watchdog = setInterval(() => this.check(), WATCHDOG_CHECK_MS);
  }

  /** Stops the run: asks the host to stop, and kills it if it has not exited within the timeout. */
  stop(): Promise<void> {
    if (this.phase === 'ended') return Promise.resolve();
    const done = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    if (this.phase !== 'stopping') {
      this.phase = 'stopping';
      this.verdict ??= { state: 'stopped', reason: 'stopped' };
      this.send({ type: 'stop' });
      setTimeout(() => this.kill(), this.config.stopTimeoutMs).unref();
    }
    return done;
  }

  /** Pushes a JSON value into a node; rejects with the host's error message. */
  push(nodeId: string, value: unknown): Promise<void> {
    if (this.phase !== 'running') return Promise.reject(new Error('the run is not running'));
    const id = ++this.emitSeq;
    const json = JSON.stringify(value === undefined ? null : value);
    return new Promise<void>((resolve, reject) => {
      this.pendingEmits.set(id, { resolve, reject });
      this.send({ type: 'emit', id, nodeId, json });
    });
  }

  inspect(nodeId: string, on: boolean): void {
    this.send({ type: 'inspect', nodeId, on });
  }

  private send(msg: ToHost): void {
    const child = this.child;
    if (child === null || !child.connected) return;
    child.send(msg, (error) => {
      // The channel closed under us: the exit handler reports why.
      void error;
    });
  }

  private onMessage(msg: FromHost): void {
    this.lastHeard = Date.now();
    switch (msg.type) {
      case 'started':
        if (this.phase === 'starting') {
          this.phase = 'running';
          this.emit('started');
        }
        return;
      case 'tick':
        this.emit('tick', msg.frame, msg.samples, msg.log);
        return;
      case 'emitted': {
        const p = this.pendingEmits.get(msg.id);
        this.pendingEmits.delete(msg.id);
        if (msg.error === undefined) p?.resolve();
        else p?.reject(new Error(msg.error));
        return;
      }
      case 'compileFailed':
        this.verdict = compileVerdict(msg.issues);
        return;
      case 'failed':
        this.verdict = { state: 'failed', reason: msg.reason, ...(msg.nodeId ? { nodeId: msg.nodeId } : {}) };
        return;
      case 'stopped':
        this.verdict ??= { state: 'stopped', reason: 'stopped' };
        return;
    }
  }

  private onBusyReport(line: string): void {
    try {
      const report = JSON.parse(line) as BusyReport;
      if (report.busy === null) this.busy = null;
      else if (this.busy?.nodeId !== report.busy) this.busy = { nodeId: report.busy, since: Date.now() };
    } catch {
      // not a report
    }
  }

  /** The watchdog: a host that has been silent for longer than its budget is killed. */
  private check(): void {
    const now = Date.now();
    const late = now - this.lastCheck;
    this.lastCheck = now;
    // If this process was itself blocked, the host's messages may be waiting unread: look again
    // next time instead of blaming the host.
    if (late > WATCHDOG_CHECK_MS * 5) return;
    if (this.phase === 'starting' && now - this.spawnedAt > this.config.startTimeoutMs) {
      this.verdict ??= {
        state: 'failed',
        reason: `the run's process did not start within ${this.config.startTimeoutMs} ms`,
      };
      this.kill();
    } else if (this.phase === 'running' && now - this.lastHeard > this.config.watchdogMs) {
      const silent = now - this.lastHeard;
      const busy = this.busy;
      this.verdict ??= {
        state: 'failed',
        reason:
          busy === null
            ? `the run stopped answering for ${silent} ms and was killed`
            : `node ${busy.nodeId} ran for ${now - busy.since} ms without returning (an endless loop?); ` +
              `the run stopped answering for ${silent} ms and was killed`,
        ...(busy === null ? {} : { nodeId: busy.nodeId }),
      };
      this.kill();
    }
  }

  private kill(): void {
    if (this.child !== null && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
    }
    // Whatever happens to the process, the run ends: if no 'exit' comes, end it anyway.
    setTimeout(() => {
      this.finish(this.verdict ?? { state: 'failed', reason: "the run's process could not be ended" });
    }, 5000).unref();
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    let end = this.verdict;
    const oom = /heap out of memory|Reached heap limit|allocation failed/i.test(this.stderrTail);
    if (oom && (end === null || end.state !== 'failed' || end.nodeId === undefined)) {
      end = {
        state: 'failed',
        reason:
          `the run ran out of memory (heap cap ${this.config.heapMb} MB)` +
          (this.busy ? ` while node ${this.busy.nodeId} was running` : ''),
        ...(this.busy ? { nodeId: this.busy.nodeId } : {}),
      };
    }
    if (end === null || (end.state === 'stopped' && this.phase !== 'stopping')) {
      end = {
        state: 'failed',
        reason:
          `the run's process exited unexpectedly (${signal !== null ? `signal ${signal}` : `exit code ${code}`})` +
          (this.busy ? ` while node ${this.busy.nodeId} was running` : '') +
          lastLine(this.stderrTail),
        ...(this.busy ? { nodeId: this.busy.nodeId } : {}),
      };
    }
    this.finish(end);
  }

  private finish(end: RunEnd): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    if (this.watchdog !== null) clearInterval(this.watchdog);
    for (const p of this.pendingEmits.values()) p.reject(new Error('the run ended'));
    this.pendingEmits.clear();
    this.emit('end', end);
    for (const w of this.stopWaiters) w();
    this.stopWaiters = [];
  }
}

function compileVerdict(issues: GraphIssue[]): RunEnd {
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : '';
  return {
    state: 'failed',
    reason: `the graph did not compile: ${first?.message ?? 'unknown problem'}${more}`,
    ...(first?.nodeId ? { nodeId: first.nodeId } : {}),
  };
}

/** The last thing the process said on stderr, as a suffix for a failure reason. */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at ') && l !== '^');
  const last = lines.filter((l) => /error/i.test(l)).pop() ?? lines.pop();
  return last === undefined ? '' : `: ${last.length > 300 ? last.slice(0, 300) + '…' : last}`;
}

function readLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (stream === null) return;
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    if (buffered.length > 4096) buffered = '';
  });
  stream.on('error', () => {});
}

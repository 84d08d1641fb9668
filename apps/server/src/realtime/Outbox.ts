import type { Socket } from 'socket.io';
import type { LogBatch, NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';

/** The values and errors an outbox keeps per pending samples message. */
const KEPT_VALUES = 100;
const KEPT_ERRORS = 20;
/** The log lines an outbox keeps per pending `run:log` message (about a second's worth). */
export const KEPT_LOG_LINES = 200;

interface EngineTransport {
  writable: boolean;
  on(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}
interface EngineSocket {
  transport: EngineTransport;
  writeBuffer?: unknown[];
  on(event: 'upgrade', listener: (t: EngineTransport) => void): unknown;
}

/**
 * What one socket has not been sent yet because it reads slowly: at most the newest frame per run,
 * one merged samples message per inspected node and one merged log message per run (its newest
 * lines; the others counted in `omitted`). Memory per client stays bounded however far behind it
 * is; it gets the newest state as soon as its transport can take more.
 */
export class Outbox {
  private readonly frames = new Map<string, TelemetryFrame>();
  private readonly samples = new Map<string, NodeSamples>();
  private readonly logs = new Map<string, LogBatch>();
  private transport: EngineTransport;
  private readonly onReady = (): void => this.flush();

  constructor(private readonly socket: Socket) {
    const conn = socket.conn as unknown as EngineSocket;
    this.transport = conn.transport;
    this.transport.on('ready', this.onReady);
    conn.on('upgrade', (t) => {
      this.transport.off('ready', this.onReady);
      this.transport = t;
      t.on('ready', this.onReady);
    });
  }

  /** True while the socket still has something unsent: a new message would queue behind it. */
  get busy(): boolean {
    const conn = this.socket.conn as unknown as EngineSocket;
    return !conn.transport.writable || (conn.writeBuffer?.length ?? 0) > 0;
  }

  /** How many messages are held (at most one frame and one log per run, one samples per node). */
  get held(): number {
    return this.frames.size + this.samples.size + this.logs.size;
  }

  /** How many log lines are held, over every run. */
  get heldLogLines(): number {
    let n = 0;
    for (const b of this.logs.values()) n += b.lines.length;
    return n;
  }

  holdFrame(frame: TelemetryFrame): void {
    this.frames.set(frame.runId, frame);
  }

  holdSamples(s: NodeSamples): void {
    const key = `${s.runId}\u0000${s.nodeId}`;
    const old = this.samples.get(key);
    if (old === undefined) {
      this.samples.set(key, s);
      return;
    }
    const values = [...old.values, ...s.values];
    const cut = Math.max(0, values.length - KEPT_VALUES);
    this.samples.set(key, {
      runId: s.runId,
      nodeId: s.nodeId,
      values: values.slice(cut),
      omitted: old.omitted + s.omitted + cut,
      errors: [...old.errors, ...s.errors].slice(-KEPT_ERRORS),
    });
  }

  holdLog(batch: LogBatch): void {
    const old = this.logs.get(batch.runId);
    const lines = old === undefined ? batch.lines : [...old.lines, ...batch.lines];
    const cut = Math.max(0, lines.length - KEPT_LOG_LINES);
    this.logs.set(batch.runId, {
      runId: batch.runId,
      since: batch.since,
      lines: cut === 0 ? lines : lines.slice(cut),
      skipped: batch.skipped,
      omitted: (old?.omitted ?? 0) + batch.omitted + cut,
    });
  }

  /** Forgets what is held for a run (the socket unsubscribed). */
  drop(runId: string, nodeId?: string): void {
    if (nodeId === undefined) {
      this.frames.delete(runId);
      this.logs.delete(runId);
    }
    for (const [key, s] of this.samples) if (s.runId === runId && (nodeId === undefined || s.nodeId === nodeId)) this.samples.delete(key);
  }

  /** Sends what is held, if the socket can take it now. */
  flush(): void {
    if (this.held === 0 || this.busy || !this.socket.connected) return;
    const frames = [...this.frames.values()];
    const samples = [...this.samples.values()];
    const logs = [...this.logs.values()];
    this.frames.clear();
    this.samples.clear();
    this.logs.clear();
    for (const f of frames) this.socket.emit('run:telemetry', f);
    for (const s of samples) this.socket.emit('run:samples', s);
    for (const l of logs) this.socket.emit('run:log', l);
  }

  close(): void {
    this.transport.off('ready', this.onReady);
    this.frames.clear();
    this.samples.clear();
    this.logs.clear();
  }
}

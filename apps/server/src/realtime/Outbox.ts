import type { Socket } from 'socket.io';
import type { NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';

/** The values and errors an outbox keeps per pending samples message. */
const KEPT_VALUES = 100;
const KEPT_ERRORS = 20;

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
 * What one socket has not been sent yet because it reads slowly: at most the newest frame per run
 * and one merged samples message per inspected node. Memory per client stays bounded however far
 * behind it is; it gets the newest state as soon as its transport can take more.
 */
export class Outbox {
  private readonly frames = new Map<string, TelemetryFrame>();
  private readonly samples = new Map<string, NodeSamples>();
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

  /** How many messages are held (at most one frame per run and one samples per node). */
  get held(): number {
    return this.frames.size + this.samples.size;
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

  /** Forgets what is held for a run (the socket unsubscribed). */
  drop(runId: string, nodeId?: string): void {
    if (nodeId === undefined) this.frames.delete(runId);
    for (const [key, s] of this.samples) if (s.runId === runId && (nodeId === undefined || s.nodeId === nodeId)) this.samples.delete(key);
  }

  /** Sends what is held, if the socket can take it now. */
  flush(): void {
    if ((this.frames.size === 0 && this.samples.size === 0) || this.busy || !this.socket.connected) return;
    const frames = [...this.frames.values()];
    const samples = [...this.samples.values()];
    this.frames.clear();
    this.samples.clear();
    for (const f of frames) this.socket.emit('run:telemetry', f);
    for (const s of samples) this.socket.emit('run:samples', s);
  }

  close(): void {
    this.transport.off('ready', this.onReady);
    this.frames.clear();
    this.samples.clear();
  }
}

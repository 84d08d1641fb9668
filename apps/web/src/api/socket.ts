// The one socket.io connection: typed events, token in `auth`, reconnection with backoff; after a
// reconnection it subscribes again to the run and the inspected node, and saves what was queued.
import type { ClientToServerEvents, ServerToClientEvents, TelemetryFrame } from '@streamloom/engine/protocol';
import { io, type Socket } from 'socket.io-client';
import type { EditorStore } from '../store';
import type { Transport } from '../store/types';
import { currentToken } from './token';

export type EditorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Frames are applied once per animation frame, however many arrive: the canvas never does more
 * than one telemetry update per paint.
 */
export class FrameQueue {
  private pending: TelemetryFrame[] = [];
  private scheduled = false;
  constructor(
    private readonly apply: (frames: TelemetryFrame[]) => void,
    private readonly schedule: (cb: () => void) => void = (cb) => requestAnimationFrame(cb),
  ) {}
  push(frame: TelemetryFrame): void {
    this.pending.push(frame);
    // A hidden tab gets no animation frames: keep only the last minute's worth.
    if (this.pending.length > 600) this.pending.splice(0, this.pending.length - 600);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const frames = this.pending;
    this.pending = [];
    this.apply(frames);
  }
}

/** A Transport whose socket is attached later (the store is created first). */
export class SocketTransport implements Transport {
  socket: EditorSocket | null = null;
  subscribe(runId: string) {
    const socket = this.socket;
    if (socket === null || !socket.connected) return Promise.resolve(null);
    return socket
      .timeout(5000)
      .emitWithAck('run:subscribe', { runId })
      .then((res) => (res.ok ? res.data : null))
      .catch(() => null);
  }
  unsubscribe(runId: string) {
    this.socket?.emit('run:unsubscribe', { runId });
  }
  inspect(runId: string, nodeId: string, on: boolean) {
    this.socket?.emit('run:inspect', { runId, nodeId, on });
  }
}

export function connectSocket(store: EditorStore, transport: SocketTransport, onConnect: (first: boolean) => void = () => undefined): { reconnect(): void; close(): void } {
  const socket: EditorSocket = io({
    auth: (cb) => cb({ token: currentToken() ?? '' }),
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 8000,
    randomizationFactor: 0.5,
    transports: ['websocket', 'polling'],
  });
  transport.socket = socket;
  const frames = new FrameQueue((list) => store.getState().applyFrames(list));
  let everConnected = false;

  socket.on('connect', () => {
    const s = store.getState();
    s.setConnection('connected');
    if (everConnected) {
      void s.resubscribe();
      if (s.saveState === 'offline' || s.saveState === 'dirty') void s.saveNow();
      void s.refreshGraphs();
    }
    onConnect(!everConnected);
    everConnected = true;
  });
  socket.on('disconnect', (reason) => {
    store.getState().setConnection('disconnected');
    // The server closed the connection on purpose (token revoked?): socket.io does not retry then.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
    const s = store.getState();
    if (error.data?.code === 'unauthorized') {
      socket.disconnect();
      s.askToken('The server did not accept the token.');
      return;
    }
    s.setConnection('disconnected');
  });
  socket.io.on('reconnect_attempt', () => {
    if (store.getState().connection !== 'connected') store.getState().setConnection('connecting');
  });
  socket.on('run:status', (status) => store.getState().onRunStatus(status));
  socket.on('run:telemetry', (frame) => frames.push(frame));
  socket.on('run:samples', (samples) => store.getState().applySamples(samples));
  socket.on('run:log', (batch) => store.getState().applyLog(batch));
  socket.on('graph:saved', (info) => store.getState().noteRemoteSave(info.id, info.revision));

  return {
    reconnect() {
      socket.disconnect();
      socket.connect();
    },
    close() {
      transport.socket = null;
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}

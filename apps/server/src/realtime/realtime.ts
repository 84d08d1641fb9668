import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type {
  Ack,
  ClientToServerEvents,
  LogBatch,
  NodeSamples,
  RunStatus,
  ServerToClientEvents,
  TelemetryFrame,
} from '@streamloom/engine/protocol';
import { ApiFailure, MESSAGES, toApiFailure } from '../errors.js';
import type { RunListener, RunManager } from '../runs/RunManager.js';
import { tokenMatches } from '../store/token.js';
import { Outbox } from './Outbox.js';

interface SocketData {
  outbox: Outbox;
  /** `runId \0 nodeId` of every node this socket inspects. */
  inspecting: Set<string>;
}

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const runRoom = (runId: string): string => `run:${runId}`;
const inspectRoom = (runId: string, nodeId: string): string => `inspect:${runId}\u0000${nodeId}`;

const Id = z.string().min(1).max(100);
const SubscribePayload = z.object({ runId: Id });
const InspectPayload = z.object({ runId: Id, nodeId: Id, on: z.boolean() });

/**
 * socket.io on the HTTP server: token check on connection, one room per run (status, telemetry and
 * log lines) and one per inspected node (samples). Telemetry and log lines to a socket that reads
 * slowly wait in its Outbox, bounded (newest only).
 */
export function attachRealtime(httpServer: HttpServer, deps: { token: string; runs: RunManager }): IoServer {
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // The editor is served from this origin; in development Vite proxies to it.
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (tokenMatches(deps.token, auth?.token)) return next();
    const error = new Error(MESSAGES.unauthorized()) as Error & { data?: unknown };
    error.data = { code: 'unauthorized' };
    next(error);
  });

  io.on('connection', (socket) => registerHandlers(socket, deps.runs));
  deps.runs.listeners.add(fanOut(io));
  return io;
}

function registerHandlers(socket: IoSocket, runs: RunManager): void {
  socket.data.outbox = new Outbox(socket);
  socket.data.inspecting = new Set();

  socket.on('run:subscribe', (payload, ack) => {
    answer(ack, () => {
      const { runId } = parse(SubscribePayload, payload);
      const status = runs.mustGet(runId);
      void socket.join(runRoom(runId));
      return { status, frame: runs.lastFrame(runId) };
    });
  });

  socket.on('run:unsubscribe', (payload, ack) => {
    answer(ack, () => {
      const { runId } = parse(SubscribePayload, payload);
      void socket.leave(runRoom(runId));
      socket.data.outbox.drop(runId);
      return null;
    });
  });

  socket.on('run:inspect', (payload, ack) => {
    answer(ack, () => {
      const { runId, nodeId, on } = parse(InspectPayload, payload);
      const key = `${runId}\u0000${nodeId}`;
      if (on === socket.data.inspecting.has(key)) {
        runs.mustGet(runId);
        return null;
      }
      runs.inspect(runId, nodeId, on);
      if (on) {
        socket.data.inspecting.add(key);
        void socket.join(inspectRoom(runId, nodeId));
      } else {
        socket.data.inspecting.delete(key);
        void socket.leave(inspectRoom(runId, nodeId));
        socket.data.outbox.drop(runId, nodeId);
      }
      return null;
    });
  });

  socket.on('disconnect', () => {
    for (const key of socket.data.inspecting) {
      const [runId, nodeId] = key.split('\u0000') as [string, string];
      try {
        runs.inspect(runId, nodeId, false);
      } catch {
        // the run is gone
      }
    }
    socket.data.inspecting.clear();
    socket.data.outbox.close();
  });
}

/** Calls the handler and acknowledges with its result or its sanitised error. */
function answer<T>(ack: ((res: Ack<T>) => void) | undefined, handler: () => T): void {
  let res: Ack<T>;
  try {
    res = { ok: true, data: handler() };
  } catch (error) {
    res = { ok: false, ...toApiFailure(error).toBody() };
  }
  if (typeof ack === 'function') ack(res);
}

function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const r = schema.safeParse(payload);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ApiFailure('invalid_body', MESSAGES.invalidBody(issue?.path.join('.') ?? '', issue?.message ?? 'invalid'));
}

/** Sends each run's status, frames, samples and log lines to the sockets that asked for them. */
function fanOut(io: IoServer): RunListener {
  /** Emits to a room, except the sockets still busy with earlier messages (they hold it instead). */
  const toRoom = (room: string, hold: (box: Outbox) => void, emit: (target: ReturnType<IoServer['to']>) => void) => {
    const members = io.sockets.adapter.rooms.get(room);
    if (members === undefined || members.size === 0) return;
    const slow: string[] = [];
    for (const id of members) {
      const box = io.sockets.sockets.get(id)?.data.outbox;
      if (box !== undefined && box.busy) {
        hold(box);
        slow.push(id);
      } else if (box !== undefined && box.held > 0) {
        // What it still holds goes first: log lines arrive in order.
        box.flush();
      }
    }
    if (slow.length < members.size) emit(slow.length === 0 ? io.to(room) : io.to(room).except(slow));
  };

  return {
    status(status: RunStatus) {
      io.to(runRoom(status.runId)).emit('run:status', status);
    },
    tick(runId: string, frame: TelemetryFrame, samples: NodeSamples[]) {
      toRoom(
        runRoom(runId),
        (box) => box.holdFrame(frame),
        (to) => to.emit('run:telemetry', frame),
      );
      for (const s of samples) {
        toRoom(
          inspectRoom(runId, s.nodeId),
          (box) => box.holdSamples(s),
          (to) => to.emit('run:samples', s),
        );
      }
    },
    log(batch: LogBatch) {
      toRoom(
        runRoom(batch.runId),
        (box) => box.holdLog(batch),
        (to) => to.emit('run:log', batch),
      );
    },
  };
}

import type { Ack, RunStatus } from './api.js';
import type { LogBatch } from './log.js';
import type { NodeSamples, TelemetryFrame } from './telemetry.js';

/**
 * socket.io event maps, shared by server and browser. The server is typed
 * `Server<ClientToServerEvents, ServerToClientEvents>`, the client `Socket<ServerToClientEvents,
 * ClientToServerEvents>`. Sockets connect with `auth: { token }`.
 */
export interface ClientToServerEvents {
  /** Start receiving a run's status and telemetry; answers with its status and the last frame. */
  'run:subscribe': (
    payload: { runId: string },
    ack: (res: Ack<{ status: RunStatus; frame: TelemetryFrame | null }>) => void,
  ) => void;
  'run:unsubscribe': (payload: { runId: string }, ack?: (res: Ack<null>) => void) => void;
  /** Ask for (or stop) the recent values and errors of one node of a run. */
  'run:inspect': (
    payload: { runId: string; nodeId: string; on: boolean },
    ack?: (res: Ack<null>) => void,
  ) => void;
}

export interface ServerToClientEvents {
  'run:status': (status: RunStatus) => void;
  'run:telemetry': (frame: TelemetryFrame) => void;
  'run:samples': (samples: NodeSamples) => void;
  /** New lines of the run's `log` sinks (subscribers of the run, each tick that has some). */
  'run:log': (batch: LogBatch) => void;
  /** A graph was saved (by anyone): lets other pages notice they are stale. */
  'graph:saved': (info: { id: string; revision: number }) => void;
}

/**
 * The messages between the server and a run's host process (IPC). Only control and telemetry
 * cross this boundary, never the elements a graph processes. Payload types come from the protocol.
 */
import type { Graph, GraphIssue, NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';

/** Server → host. */
export type ToHost =
  /** The first message: compile this graph and start its sources. */
  | { type: 'start'; runId: string; graph: Graph; tickMs: number }
  /** Stop the sources, send a last frame and `stopped`, then exit. */
  | { type: 'stop' }
  /** Push a value (JSON text, decoded inside the sandbox) into a node; answered by `emitted`. */
  | { type: 'emit'; id: number; nodeId: string; json: string }
  /** Start or stop recording a node's recent values. */
  | { type: 'inspect'; nodeId: string; on: boolean };

/** Host → server. */
export type FromHost =
  /** Compiled and started. */
  | { type: 'started' }
  /** The graph did not compile: the run fails with these issues. */
  | { type: 'compileFailed'; issues: GraphIssue[] }
  /** Every tick: the frame, and the samples of the nodes being inspected. Doubles as heartbeat. */
  | { type: 'tick'; frame: TelemetryFrame; samples: NodeSamples[] }
  | { type: 'emitted'; id: number; error?: string }
  /** A node failed for good (its graph says `onError: 'stop'`, or it threw outside an element). */
  | { type: 'failed'; reason: string; nodeId?: string }
  /** The host stopped its sources and sent its last frame; it exits next. */
  | { type: 'stopped' };

/** What the host's busy reporter writes, one JSON object per line, on the extra pipe (fd 4). */
export interface BusyReport {
  busy: string | null;
}

/** The host's file descriptor of the busy-report pipe (stdio index). */
export const BUSY_FD = 4;

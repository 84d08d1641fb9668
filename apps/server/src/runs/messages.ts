/**
 * The messages between the server and a run's host process (IPC). Only control and telemetry
 * cross this boundary, never the elements a graph processes. Payload types come from the protocol.
 */
import type { Graph, GraphIssue, LogLine, NodeSamples, TelemetryFrame } from '@streamloom/engine/protocol';

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
  /**
   * Every tick: the frame, the samples of the nodes being inspected, and the `log` sinks' lines
   * since the last tick (absent when there are none). Doubles as heartbeat.
   */
  | { type: 'tick'; frame: TelemetryFrame; samples: NodeSamples[]; log?: HostLogBatch }
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

/** A `log` line as the host sends it: the server numbers it (`seq`). */
export type HostLogLine = Omit<LogLine, 'seq'>;

/** The `log` lines of one tick, and how many lines were skipped since the last batch (a delta). */
export interface HostLogBatch {
  lines: HostLogLine[];
  skipped: number;
}

import type { Stream } from '../core/stream.js';
import type { ErrorSample, NodeSamples, TelemetryFrame, ValueSample } from '../protocol/telemetry.js';

/** A compiled, runnable graph: the handle `compile` returns. */
export interface CompiledGraph {
  /** Starts every source. */
  start(): void;
  /** Stops every source and cancels every timer. */
  stop(): void;
  /** Pushes a value into a node by hand (streamz's `emit` on that node). */
  emit(nodeId: string, value: unknown): Promise<void>;
  /** One frame for the whole graph: every node's counters since the last snapshot. */
  snapshot(runId?: string): TelemetryFrame;
  /** Turns on or off the recording of a node's recent values. */
  inspect(nodeId: string, on: boolean): void;
  /** The recent values and errors of an inspected node since the last call (bounded). */
  samples(nodeId: string, runId?: string): NodeSamples;
  /** The running stream of each node, by node id. */
  readonly nodes: ReadonlyMap<string, Stream<any>>;
}

export type { ErrorSample, ValueSample };

/** Thrown by a node whose graph says `onError: 'stop'`: the run stops with it. */
export class NodeFailure extends Error {
  constructor(
    readonly nodeId: string,
    override readonly cause: unknown,
  ) {
    super(`node ${nodeId}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'NodeFailure';
  }
}

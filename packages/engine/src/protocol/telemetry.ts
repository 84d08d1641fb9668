import type { Preview } from './preview.js';

/** One node's live numbers in a telemetry frame. Counts are totals since the run started. */
export interface NodeTelemetry {
  in: number;
  out: number;
  /** Elements out per second over the last tick. */
  rate: number;
  errors: number;
  lastError?: string;
  /** Latency of the node's own work (its function), sampled, in ms, over the last tick. */
  latencyP50?: number;
  latencyP99?: number;
  /** Milliseconds of work per second (estimated from the samples). */
  busy?: number;
  /** Milliseconds per second spent waiting on back-pressure (sources). */
  backpressure?: number;
  /** Elements held now, and how many the node can hold. */
  queue?: number;
  capacity?: number;
  /** Elements thrown away at a bound. */
  dropped?: number;
  /** The last value emitted, previewed. */
  last?: Preview;
}

/** Everything a run reports each tick; bounded in size however fast data flows. */
export interface TelemetryFrame {
  runId: string;
  /** Milliseconds since the epoch. */
  t: number;
  nodes: Record<string, NodeTelemetry>;
}

/** A recent value of a node, kept while somebody inspects it. */
export interface ValueSample {
  t: number;
  value: Preview;
}

/** A recent error of a node, with the element that caused it. */
export interface ErrorSample {
  t: number;
  message: string;
  element: Preview;
}

/** The recent values and errors of an inspected node. */
export interface NodeSamples {
  runId: string;
  nodeId: string;
  values: ValueSample[];
  /** Values produced since the last samples that are not in `values` (never dropped silently). */
  omitted: number;
  errors: ErrorSample[];
}

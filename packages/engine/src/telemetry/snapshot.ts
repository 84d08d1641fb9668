// Reading probes: one NodeTelemetry per node per tick, and the samples of an inspected node. This
// is where values are previewed and errors formatted, a bounded amount per tick, never per element.
import type { Stream } from '../core/stream.js';
import type { Preview } from '../protocol/preview.js';
import type {
  ErrorSample,
  NodeSamples,
  NodeTelemetry,
  ValueSample,
} from '../protocol/telemetry.js';
import { preview, type PreviewLimits } from './preview.js';
import type { ErrorRecord, Probe } from './probe.js';

/** Previews in a frame are small: a frame holds one per node. */
export const FRAME_PREVIEW: PreviewLimits = { depth: 3, string: 120, items: 10, size: 512 };
/** Previews in samples are larger: only the inspected node's are sent. */
export const SAMPLE_PREVIEW: PreviewLimits = { depth: 4, string: 200, items: 20, size: 2048 };
/** Characters of an error message kept. */
export const MESSAGE_LENGTH = 300;

/** What a node looked like at the previous tick, to turn totals into rates. */
export class TickState {
  out = 0;
  in = 0;
  backpressure = 0;
  lastRaw: unknown = undefined;
  lastEmitted = -1;
  lastPreview: Preview | undefined = undefined;
  constructor(public at: number) {}
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A node's telemetry since the previous tick (`at` is the run's clock in ms). Never throws. */
export function nodeTelemetry(probe: Probe, state: TickState, at: number): NodeTelemetry {
  const node = probe.node;
  const out = node.emitted;
  const inCount = probe.in;
  const seconds = (at - state.at) / 1000;
  const t: NodeTelemetry = {
    in: inCount,
    out,
    rate: seconds > 0 ? round3((out - state.out) / seconds) : 0,
    errors: probe.errors,
  };
  if (probe.errors > 0) t.lastError = errorText(probe.lastError);

  const latency = probe.latency.take();
  if (latency !== undefined) {
    t.latencyP50 = round3(latency.p50);
    t.latencyP99 = round3(latency.p99);
    if (seconds > 0)
      t.busy = round3(Math.min(1000, (latency.mean * (inCount - state.in)) / seconds));
  }

  const backpressure = (node as { backpressureMs?: unknown }).backpressureMs;
  if (typeof backpressure === 'number') {
    if (seconds > 0)
      t.backpressure = round3(Math.min(1000, (backpressure - state.backpressure) / seconds));
    state.backpressure = backpressure;
  }
  const queue = read(node, 'queued');
  if (queue !== undefined) t.queue = queue;
  const capacity = read(node, 'capacity');
  if (capacity !== undefined) t.capacity = capacity;
  if (node.dropped > 0) t.dropped = node.dropped;

  let raw: unknown;
  let readable = out > 0;
  try {
    // The recorded last value; also re-arms the node's recording for the next tick (core/stream.ts).
    if (readable) raw = node.sampleValue();
  } catch {
    readable = false;
  }
  if (readable) {
    if (out !== state.lastEmitted || raw !== state.lastRaw || state.lastPreview === undefined) {
      state.lastPreview = preview(raw, FRAME_PREVIEW);
      state.lastRaw = raw;
      state.lastEmitted = out;
    }
    t.last = state.lastPreview;
  }

  state.at = at;
  state.out = out;
  state.in = inCount;
  return t;
}

/** The values and errors of a node since the last call, previewed. */
export function nodeSamples(runId: string, probe: Probe): NodeSamples {
  const { values, omitted } = probe.takeValues();
  return {
    runId,
    nodeId: probe.nodeId,
    values: values.map((v): ValueSample => ({ t: v.t, value: preview(v.value, SAMPLE_PREVIEW) })),
    omitted,
    errors: probe.takeErrors().map(errorSample),
  };
}

function errorSample(record: ErrorRecord): ErrorSample {
  return {
    t: record.t,
    message: errorText(record.error),
    element: record.hasElement ? preview(record.element, SAMPLE_PREVIEW) : { $type: 'undefined' },
  };
}

/** A numeric telemetry getter (`queued`, `capacity`), if the node has one that works. */
function read(node: Stream<any>, key: 'queued' | 'capacity'): number | undefined {
  try {
    const v = node[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An error as one line for people: `TypeError: x is not a function`. Works for errors from other
 * realms (a vm context) and for thrown non-errors; never throws.
 */
export function errorText(error: unknown): string {
  let text: string;
  try {
    if (
      typeof error === 'object' &&
      error !== null &&
      typeof (error as { message?: unknown }).message === 'string'
    ) {
      const { name, message } = error as { name?: unknown; message: string };
      text = typeof name === 'string' && name !== '' ? `${name}: ${message}` : message;
    } else if (typeof error === 'string') {
      text = error;
    } else {
      text = String(error);
    }
  } catch {
    text = 'an error that cannot be shown';
  }
  return text.length > MESSAGE_LENGTH ? `${text.slice(0, MESSAGE_LENGTH - 1)}…` : text;
}

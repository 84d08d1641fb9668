// Latency sampling for compiled graphs: the clock, the process-wide sampling window, and the
// per-node sample buffer with its percentiles. Nothing here runs per element on the hot path
// (the window itself is opened and closed in probe.ts).

/** Root deliveries timed after each arming (each tick arms once). */
export const LATENCY_DELIVERIES = 32;
/** Samples a node keeps per tick; later ones in the same tick are not recorded. */
export const LATENCY_SAMPLES = 64;

/** A monotonic clock in ms with sub-ms resolution (browser and Node). */
export const now: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function'
    ? () => performance.now()
    : () => Date.now();

/**
 * The sampling window, shared by every compiled graph in the process (probe.ts opens and closes
 * it). `armed` is the number of root deliveries still to time; a timed delivery measures each
 * downstream's whole `update` and subtracts the time of the timed deliveries that update made
 * (`child`), which gives the node's own work; `depth` tells when a root delivery ends.
 */
export const timing = { armed: 0, depth: 0, child: 0 };

/** The latency samples of one node for the current tick. */
export class LatencyWindow {
  private readonly samples = new Float64Array(LATENCY_SAMPLES);
  private count = 0;

  add(ms: number): void {
    if (this.count < LATENCY_SAMPLES) this.samples[this.count++] = ms < 0 ? 0 : ms;
  }

  get size(): number {
    return this.count;
  }

  /** p50, p99 and mean of the samples since the last call, which empties the window; undefined when there were none. */
  take(): { p50: number; p99: number; mean: number } | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    this.count = 0;
    const sorted = this.samples.slice(0, n).sort();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i]!;
    return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean: sum / n };
  }
}

/** The nearest-rank percentile of ascending `sorted` (non-empty). */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

// The run's output in its host process: what the `log` sinks write, held until the next telemetry
// tick and bounded however fast a graph writes. Lines beyond the bound are counted, never lost
// silently: the server reports the count as `skipped`.
import type { HostLogBatch, HostLogLine } from './messages.js';

/** Lines a run may forward per second (a token bucket: bursts up to one second's worth). */
export const LOG_LINES_PER_SECOND = 200;
/** Longer lines are cut (their full length is kept in `length`). */
export const LOG_LINE_MAX_CHARS = 2000;

export class LogOutput {
  private pending: HostLogLine[] = [];
  private skipped = 0;
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond = LOG_LINES_PER_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond;
    this.refilledAt = now();
  }

  /**
   * One line from a `log` sink. Called on the graph's hot path: no clock read unless the line is
   * kept, and the allowance is only refilled in `take`.
   */
  readonly write = (line: string, nodeId: string | undefined): void => {
    if (this.tokens < 1) {
      this.skipped++;
      return;
    }
    this.tokens--;
    const entry: HostLogLine = { t: Date.now(), nodeId: nodeId ?? '', line };
    if (line.length > LOG_LINE_MAX_CHARS) {
      entry.line = line.slice(0, LOG_LINE_MAX_CHARS);
      entry.length = line.length;
    }
    this.pending.push(entry);
  };

  /** Lines held (at most one second's worth). */
  get held(): number {
    return this.pending.length;
  }

  /**
   * The lines and the skipped count since the last batch (undefined when there are none), and
   * the allowance refilled for the time since. Called when a tick is handed to the server, so a
   * server that reads slowly slows the forwarding down instead of growing the batch.
   */
  take(): HostLogBatch | undefined {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = now;
    if (this.pending.length === 0 && this.skipped === 0) return undefined;
    const batch: HostLogBatch = { lines: this.pending, skipped: this.skipped };
    this.pending = [];
    this.skipped = 0;
    return batch;
  }
}

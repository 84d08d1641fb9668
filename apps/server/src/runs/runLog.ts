// A run's recent output on the server: a ring of the last lines its `log` sinks wrote (numbered
// here), and how many the host skipped. In memory: a run's log goes with the server.
import type { LogBatch, LogLine, RunLog } from '@streamloom/engine/protocol';
import type { HostLogBatch } from './messages.js';

/** Lines kept per run. */
export const LOG_KEPT_LINES = 1000;
/** Characters kept per run (long lines: fewer of them). */
export const LOG_KEPT_CHARS = 512 * 1024;

export class RunLogRing {
  private ring: Array<LogLine | undefined>;
  /** Index of the oldest line, and how many are kept. */
  private head = 0;
  private size = 0;
  private chars = 0;
  private seq = 0;
  private skippedTotal = 0;
  /** When this log began: tells it from the run's log before a server restart. */
  readonly since = Date.now();

  constructor(
    readonly runId: string,
    private readonly maxLines = LOG_KEPT_LINES,
    private readonly maxChars = LOG_KEPT_CHARS,
  ) {
    this.ring = new Array<LogLine | undefined>(maxLines);
  }

  get total(): number {
    return this.seq;
  }
  get skipped(): number {
    return this.skippedTotal;
  }
  /** Lines kept now. */
  get kept(): number {
    return this.size;
  }
  get keptChars(): number {
    return this.chars;
  }

  /** Numbers and keeps a batch from the host; returns what to send to subscribers (null: nothing new). */
  append(batch: HostLogBatch): LogBatch | null {
    this.skippedTotal += batch.skipped;
    const lines: LogLine[] = [];
    for (const l of batch.lines) {
      const line: LogLine = { seq: ++this.seq, t: l.t, nodeId: l.nodeId, line: l.line };
      if (l.length !== undefined) line.length = l.length;
      this.push(line);
      lines.push(line);
    }
    if (lines.length === 0 && batch.skipped === 0) return null;
    return { runId: this.runId, since: this.since, lines, skipped: this.skippedTotal, omitted: 0 };
  }

  private push(line: LogLine): void {
    if (this.size === this.maxLines) this.shift();
    this.ring[(this.head + this.size) % this.maxLines] = line;
    this.size++;
    this.chars += line.line.length;
    while (this.chars > this.maxChars && this.size > 1) this.shift();
  }

  private shift(): void {
    const old = this.ring[this.head]!;
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.maxLines;
    this.size--;
    this.chars -= old.line.length;
  }

  /** The kept lines (those after `after` when given), oldest first. */
  snapshot(after = 0): RunLog {
    const lines: LogLine[] = [];
    for (let i = 0; i < this.size; i++) {
      const line = this.ring[(this.head + i) % this.maxLines]!;
      if (line.seq > after) lines.push(line);
    }
    return { runId: this.runId, since: this.since, lines, skipped: this.skippedTotal, total: this.seq };
  }

  /** Lets the lines go (an ended run no longer among the recent ones); the counts stay. */
  release(): void {
    this.ring = new Array<LogLine | undefined>(this.maxLines);
    this.head = 0;
    this.size = 0;
    this.chars = 0;
  }
}

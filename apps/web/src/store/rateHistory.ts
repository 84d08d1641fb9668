/** Rates are averaged over this window: a tick's own rate jumps between 0 and 10/s for 1 element a second. */
export const RATE_WINDOW_MS = 1000;

/** The last minute of one node's counts and rates, in a ring: the sparkline and the chart read it. */
export class RateHistory {
  readonly t: Float64Array;
  readonly inCount: Float64Array;
  readonly outCount: Float64Array;
  /** Rates per second, averaged over RATE_WINDOW_MS. */
  readonly out: Float32Array;
  readonly in: Float32Array;
  private start = 0;
  length = 0;

  constructor(readonly capacity = 700) {
    this.t = new Float64Array(capacity);
    this.inCount = new Float64Array(capacity);
    this.outCount = new Float64Array(capacity);
    this.out = new Float32Array(capacity);
    this.in = new Float32Array(capacity);
  }

  private index(k: number): number {
    return (this.start + k) % this.capacity;
  }

  /** Adds the totals at time t; returns the rates over the last second (or `fallback` for the first sample). */
  push(t: number, inCount: number, outCount: number, fallback: { in: number; out: number }): { in: number; out: number } {
    // A counter that went back (the run restarted) starts the history again.
    if (this.length > 0) {
      const last = this.index(this.length - 1);
      if (outCount < this.outCount[last]! || inCount < this.inCount[last]! || t <= this.t[last]!) this.length = 0;
    }
    let rates = fallback;
    if (this.length > 0) {
      // The newest sample at least a window old (or the oldest there is).
      let k = this.length - 1;
      while (k > 0 && t - this.t[this.index(k)]! < RATE_WINDOW_MS) k--;
      const i = this.index(k);
      const dt = (t - this.t[i]!) / 1000;
      if (dt > 0) rates = { in: (inCount - this.inCount[i]!) / dt, out: (outCount - this.outCount[i]!) / dt };
    }
    const j = this.index(this.length);
    this.t[j] = t;
    this.inCount[j] = inCount;
    this.outCount[j] = outCount;
    this.in[j] = rates.in;
    this.out[j] = rates.out;
    if (this.length < this.capacity) this.length++;
    else this.start = (this.start + 1) % this.capacity;
    return rates;
  }

  /** Forgets samples older than `since` (ms). */
  trim(since: number): void {
    while (this.length > 1 && this.t[this.start]! < since) {
      this.start = (this.start + 1) % this.capacity;
      this.length--;
    }
  }

  /** The samples in time order, as plain arrays (for uPlot: seconds). */
  series(): { t: number[]; out: number[]; in: number[] } {
    const t: number[] = [];
    const out: number[] = [];
    const inn: number[] = [];
    for (let k = 0; k < this.length; k++) {
      const i = this.index(k);
      t.push(this.t[i]! / 1000);
      out.push(this.out[i]!);
      inn.push(this.in[i]!);
    }
    return { t, out, in: inn };
  }

  /** The k-th sample in time order. */
  at(k: number): { t: number; out: number; in: number } {
    const i = this.index(k);
    return { t: this.t[i]!, out: this.out[i]!, in: this.in[i]! };
  }
}

/** Every node's history, outside React state: mutated in place as frames arrive. */
export class RateHistories {
  private readonly byNode = new Map<string, RateHistory>();
  get(nodeId: string): RateHistory | undefined {
    return this.byNode.get(nodeId);
  }
  push(nodeId: string, t: number, inCount: number, outCount: number, fallback: { in: number; out: number }): { in: number; out: number } {
    let h = this.byNode.get(nodeId);
    if (h === undefined) this.byNode.set(nodeId, (h = new RateHistory()));
    const rates = h.push(t, inCount, outCount, fallback);
    h.trim(t - 60_000);
    return rates;
  }
  clear(): void {
    this.byNode.clear();
  }
}

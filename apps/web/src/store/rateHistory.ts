/** The last minute of one node's rates (out and in), in a ring: the sparkline and the chart read it. */
export class RateHistory {
  readonly t: Float64Array;
  readonly out: Float32Array;
  readonly in: Float32Array;
  private start = 0;
  length = 0;

  constructor(readonly capacity = 600) {
    this.t = new Float64Array(capacity);
    this.out = new Float32Array(capacity);
    this.in = new Float32Array(capacity);
  }

  push(t: number, out: number, inRate: number): void {
    const i = (this.start + this.length) % this.capacity;
    this.t[i] = t;
    this.out[i] = out;
    this.in[i] = inRate;
    if (this.length < this.capacity) this.length++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Forgets samples older than `since` (ms). */
  trim(since: number): void {
    while (this.length > 0 && this.t[this.start]! < since) {
      this.start = (this.start + 1) % this.capacity;
      this.length--;
    }
  }

  /** The samples in time order, as plain arrays (for uPlot). */
  series(): { t: number[]; out: number[]; in: number[] } {
    const t: number[] = [];
    const out: number[] = [];
    const inn: number[] = [];
    for (let k = 0; k < this.length; k++) {
      const i = (this.start + k) % this.capacity;
      t.push(this.t[i]! / 1000);
      out.push(this.out[i]!);
      inn.push(this.in[i]!);
    }
    return { t, out, in: inn };
  }

  /** The k-th sample in time order. */
  at(k: number): { t: number; out: number; in: number } {
    const i = (this.start + k) % this.capacity;
    return { t: this.t[i]!, out: this.out[i]!, in: this.in[i]! };
  }
}

/** Every node's history, outside React state: mutated in place as frames arrive. */
export class RateHistories {
  private readonly byNode = new Map<string, RateHistory>();
  get(nodeId: string): RateHistory | undefined {
    return this.byNode.get(nodeId);
  }
  push(nodeId: string, t: number, out: number, inRate: number): void {
    let h = this.byNode.get(nodeId);
    if (h === undefined) this.byNode.set(nodeId, (h = new RateHistory()));
    h.push(t, out, inRate);
    h.trim(t - 60_000);
  }
  clear(): void {
    this.byNode.clear();
  }
}

import { joinPending } from '../core/pending.js';
import { pythonError } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { RingBuffer } from './ringBuffer.js';
import { splitStreamArgs } from './union.js';

/**
 * streamz's `zip_latest(lossless, *upstreams)`: every element of the lossless input (the receiver
 * of `lossless.zipLatest(b, c)`) is emitted exactly once, paired with the latest elements of the
 * other inputs: `[item, latestB, latestC]`.
 *
 * - Lossless elements are queued until every input has delivered at least once; then the whole
 *   queue drains in FIFO order, each item paired with the CURRENT latest values. After that each
 *   lossless element emits at once and the other inputs only update their latest value.
 * - null and undefined are values like any other.
 * - The promises of all the emissions of one update are joined and returned.
 * - Divergence: streamz's zip_latest does not handle `connect`/`disconnect` (a new input raises
 *   IndexError, a removed one leaves stale slots). Here, as in `combineLatest`, `connect` adds an
 *   input at the end, which must deliver before the next emission, and `disconnect` removes its
 *   slot; lossless items queued meanwhile drain at the next update once nothing is missing. Slots
 *   follow `upstreams`, so a lossless input that is disconnected and reconnected moves to the end
 *   of the tuple; while it is disconnected nothing is emitted.
 * - As in streamz, an input connected twice makes every emission throw TypeError (the lossless
 *   item is consumed).
 */
export class ZipLatestNode extends Stream<unknown[]> {
  /** The latest element of each input, in upstream order (slot of the lossless input: the item being emitted). */
  last: unknown[];
  private readonly missing: Set<Stream<any>>;
  private readonly queue = new RingBuffer<unknown>();
  /** The lossless input's position in `upstreams` (-1 if disconnected). */
  private losslessIndex = 0;
  private duplicated = false;

  /** The lossless input; null while a detached node (built by the graph compiler) has no input. */
  lossless: Stream<any> | null;

  /** `lossless` may be null to build the node detached: the first input connected becomes it. */
  constructor(lossless: Stream<any> | null, others: readonly Stream<any>[], options: StreamOptions = {}) {
    const upstreams = lossless === null ? [...others] : [lossless, ...others];
    for (const s of upstreams) {
      if (!(s instanceof Stream)) throw pythonError('TypeError', 'zip_latest: every input must be a Stream');
    }
    super(null, { streamName: options.streamName, scheduler: options.scheduler ?? upstreams[0]?.scheduler });
    this.lossless = upstreams[0] ?? null;
    this.last = upstreams.map(() => null);
    this.missing = new Set(upstreams);
    this.upstreams = upstreams;
    for (const up of upstreams) up.addDownstream(this);
    this.inputsChanged();
  }

  override update(x: unknown, who?: Stream<any>): Pending {
    const idx = this.upstreams.indexOf(who!);
    if (idx < 0) throw pythonError('ValueError', `${String(who)} is not in list`);
    const missing = this.missing;
    const last = this.last;
    if (who === this.lossless) {
      if (missing.size === 0 && this.queue.length === 0 && !this.duplicated) {
        // Nothing waiting: emit at once, as the drain below would.
        last[idx] = x;
        const y = last.slice();
        const next = this.next;
        if (next !== null) {
          this.emitted++;
          if (this.valueBudget !== 0) {
            this.currentValue = y;
            this.valueAt = this.emitted;
            this.valueBudget--;
          }
          return next.update(y, this);
        }
        return this._emit(y);
      }
      this.queue.push(x);
    }
    last[idx] = x;
    if (missing.size !== 0) {
      missing.delete(who!);
      if (missing.size !== 0) return undefined;
    }
    return this.drain();
  }

  /** Emits every queued lossless item, oldest first, with the current latest values. */
  private drain(): Pending {
    const li = this.losslessIndex;
    if (li < 0) return undefined;
    const queue = this.queue;
    const last = this.last;
    let pending: Pending;
    while (queue.length !== 0) {
      last[li] = queue.shift();
      if (this.duplicated) throw pythonError('TypeError', 'zip_latest: an input is connected twice');
      const y = last.slice();
      const next = this.next;
      if (next !== null) {
        this.emitted++;
        if (this.valueBudget !== 0) {
          this.currentValue = y;
          this.valueAt = this.emitted;
          this.valueBudget--;
        }
        pending = joinPending(pending, next.update(y, this));
      } else {
        pending = joinPending(pending, this._emit(y));
      }
    }
    return pending;
  }

  /** A new input: an empty slot at the end, and no emission until it delivers (not in streamz). */
  override addUpstream(up: Stream<any>): void {
    if (this.lossless === null) this.lossless = up;
    this.last.push(null);
    this.missing.add(up);
    super.addUpstream(up);
    this.inputsChanged();
  }

  /** Removes the input's (first) slot (not in streamz). */
  override removeUpstream(up: Stream<any>): void {
    const idx = this.upstreams.indexOf(up);
    if (idx < 0) return;
    this.last.splice(idx, 1);
    this.missing.delete(up);
    super.removeUpstream(up);
    this.inputsChanged();
  }

  private inputsChanged(): void {
    this.losslessIndex = this.lossless === null ? -1 : this.upstreams.indexOf(this.lossless);
    this.duplicated = new Set(this.upstreams).size !== this.upstreams.length;
  }

  /** Lossless elements waiting for a missing input. */
  override get queued(): number {
    return this.queue.length;
  }

  override get kind(): string {
    return 'zip_latest';
  }
}

declare module '../core/stream.js' {
  // T must match the declaration being merged, though these signatures do not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Stream<T> {
    /**
     * Pair every element of this (lossless) stream with the latest element of each other stream;
     * elements wait until every input has delivered. A trailing plain object is taken as options.
     */
    zipLatest(...others: (Stream<any> | StreamOptions)[]): ZipLatestNode;
  }
}

registerApi('zipLatest', (upstream, ...args: unknown[]) => {
  const { streams, options } = splitStreamArgs<StreamOptions>('zip_latest', args);
  return new ZipLatestNode(upstream, streams, options);
});

import { pyIndex, pythonError } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { splitStreamArgs } from './union.js';

/** An input given as a stream or as its position among the inputs (negative counts from the end). */
export type EmitOnItem = Stream<any> | number;

export interface CombineLatestOptions extends StreamOptions {
  /**
   * Emit only when these inputs deliver: a stream, an input position, or an array of either.
   * Positions are resolved to streams at construction, as in streamz; a node built without inputs
   * (by the graph compiler) keeps them as input positions. Default (null/undefined): every input,
   * including inputs connected later.
   */
  emitOn?: EmitOnItem | readonly EmitOnItem[] | null;
}

/**
 * streamz's `combine_latest(*upstreams, emit_on=None)`: remembers the latest element of every input
 * and, once every input has delivered at least once, emits an array (tuple) of them whenever an
 * `emitOn` input delivers.
 *
 * - null and undefined are values like any other (an input is "present" once it delivered).
 * - Nothing is deduplicated: the same values emit again.
 * - `connect` adds an input at the end, which must deliver before the next emission; `disconnect`
 *   removes that input's slot. When `emitOn` was not given it follows the inputs.
 * - Divergence: streamz raises KeyError when disconnecting an input that has already delivered
 *   (and leaves the node broken); here the slot is simply removed.
 * - As in streamz, an input connected twice makes every emission throw TypeError (streamz fails
 *   on its metadata slot that is never filled); its first position is the one updated.
 */
export class CombineLatestNode extends Stream<unknown[]> {
  /** The latest element of each input, in upstream order (null until it delivers). */
  last: unknown[];
  /** Inputs that have not delivered yet. */
  private readonly missing: Set<Stream<any>>;
  /** The `emitOn` streams, or null for every input. */
  private readonly emitOnSet: ReadonlySet<Stream<any>> | null;
  /** The `emitOn` input positions of a node built without inputs, or null. */
  private readonly emitOnPorts: ReadonlySet<number> | null;
  /** Whether each slot has delivered; a slot that never can (an input connected twice) makes
   * every emission throw, as in streamz. */
  private filled: boolean[];
  private unfilled: number;

  constructor(upstreams: readonly Stream<any>[], options: CombineLatestOptions = {}) {
    for (const s of upstreams) {
      if (!(s instanceof Stream)) throw pythonError('TypeError', 'combine_latest: every input must be a Stream');
    }
    const emitOn = options.emitOn;
    let emitOnSet: Set<Stream<any>> | null = null;
    let emitOnPorts: Set<number> | null = null;
    if (emitOn !== undefined && emitOn !== null) {
      const items: readonly EmitOnItem[] = Array.isArray(emitOn) ? emitOn : [emitOn as EmitOnItem];
      if (upstreams.length === 0 && items.every((item) => typeof item === 'number')) {
        emitOnPorts = new Set(items as number[]);
      } else {
        emitOnSet = new Set();
        for (const item of items) {
          emitOnSet.add(typeof item === 'number' ? (pyIndex(upstreams, item) as Stream<any>) : item);
        }
      }
    }
    super(null, { streamName: options.streamName, scheduler: options.scheduler ?? upstreams[0]?.scheduler });
    this.emitOnSet = emitOnSet;
    this.emitOnPorts = emitOnPorts;
    this.last = upstreams.map(() => null);
    this.missing = new Set(upstreams);
    // As streamz's Stream.__init__: record the upstreams as given, then register downstream.
    this.upstreams = [...upstreams];
    for (const up of upstreams) up.addDownstream(this);
    this.filled = upstreams.map(() => false);
    this.unfilled = upstreams.length;
  }

  /** The inputs whose deliveries trigger an emission. */
  get emitOn(): readonly Stream<any>[] {
    if (this.emitOnPorts !== null) return this.upstreams.filter((_, i) => this.emitOnPorts!.has(i));
    return this.emitOnSet === null ? this.upstreams : [...this.emitOnSet];
  }

  override update(x: unknown, who?: Stream<any>): Pending {
    const idx = this.upstreams.indexOf(who!);
    if (idx < 0) throw pythonError('ValueError', `${String(who)} is not in list`);
    const missing = this.missing;
    if (missing.size !== 0) missing.delete(who!);
    const last = this.last;
    last[idx] = x;
    if (!this.filled[idx]) {
      this.filled[idx] = true;
      this.unfilled--;
    }
    if (missing.size !== 0) return undefined;
    const emitOn = this.emitOnSet;
    if (emitOn !== null && !emitOn.has(who!)) return undefined;
    const ports = this.emitOnPorts;
    if (ports !== null && !ports.has(idx)) return undefined;
    if (this.unfilled !== 0) {
      throw pythonError('TypeError', 'combine_latest: an input slot never delivered (an input connected twice)');
    }
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

  /** A new input: an empty slot at the end, and no emission until it delivers. */
  override addUpstream(up: Stream<any>): void {
    this.last.push(null);
    this.filled.push(false);
    this.unfilled++;
    this.missing.add(up);
    super.addUpstream(up);
  }

  /** Removes the input's (first) slot. */
  override removeUpstream(up: Stream<any>): void {
    const idx = this.upstreams.indexOf(up);
    if (idx < 0) return;
    this.last.splice(idx, 1);
    if (!this.filled[idx]) this.unfilled--;
    this.filled.splice(idx, 1);
    this.missing.delete(up);
    super.removeUpstream(up);
  }

  override get kind(): string {
    return 'combine_latest';
  }
}

declare module '../core/stream.js' {
  // T must match the declaration being merged, though these signatures do not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Stream<T> {
    /**
     * Emit an array of the latest element of this stream and each other stream, once all have
     * delivered, whenever an `emitOn` input (default: any) delivers. A trailing plain object is
     * taken as options.
     */
    combineLatest(...others: (Stream<any> | CombineLatestOptions)[]): CombineLatestNode;
  }
}

registerApi('combineLatest', (upstream, ...args: unknown[]) => {
  const { streams, options } = splitStreamArgs<CombineLatestOptions>('combine_latest', args);
  return new CombineLatestNode([upstream, ...streams], options);
});

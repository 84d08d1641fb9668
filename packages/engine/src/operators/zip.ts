import { pythonError } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { RingBuffer } from './ringBuffer.js';

export interface ZipOptions extends StreamOptions {
  /**
   * Back-pressure threshold (default 10): when an input's buffer holds more than `maxsize`
   * elements, `update` returns a promise that resolves when the next tuple is emitted. Nothing is
   * dropped at this point. `Infinity` turns back-pressure off.
   */
  maxsize?: number;
  /**
   * Hard bound per input buffer (default 100 000; not in streamz): once a buffer holds more than
   * `limit` elements its OLDEST element is dropped and `dropped` is incremented. `Infinity` gives
   * streamz's unbounded growth.
   */
  limit?: number;
}

const ZIP_OPTION_KEYS: ReadonlySet<string> = new Set(['maxsize', 'limit', 'streamName', 'scheduler']);

/** Is `x` an object literal (prototype `Object.prototype` or null)? */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Splits `zip`'s arguments into inputs (streams and literals) and the trailing options object. The
 * last argument is taken as options only when it is a plain object whose keys are all option names
 * (`maxsize`, `limit`, `streamName`, `scheduler`); an empty `{}` counts as options. Any other
 * value, a plain object with another key included, is a literal.
 */
export function splitZipArgs(args: readonly unknown[]): { items: unknown[]; options: ZipOptions } {
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last) && Object.keys(last).every((k) => ZIP_OPTION_KEYS.has(k))) {
    return { items: args.slice(0, -1), options: last as ZipOptions };
  }
  return { items: [...args], options: {} };
}

/**
 * streamz's `zip(*upstreams, maxsize=10)`: combines streams into a stream of arrays (tuples), one
 * element from each input per tuple.
 *
 * - There is one FIFO buffer per DISTINCT upstream, and the tuple takes the head of the buffer of
 *   each upstream in upstream order, so `a.zip(a)` emits `[x, x]`.
 * - `update` appends the element to its input's buffer and emits when that buffer has just become
 *   non-empty and every buffer is non-empty: at most one tuple per update, exactly as streamz.
 * - Arguments that are not streams are literals inserted at their positions:
 *   `a.zip(123, b)` emits `[x, 123, y]` (streamz's `pack_literals`).
 * - `maxsize` (default 10) is back-pressure only: when the buffer that received the element holds
 *   more than `maxsize`, `update` returns a promise that resolves when the next tuple is emitted.
 * - Unlike streamz, whose buffers grow without bound in a synchronous graph, each buffer is capped
 *   at `limit` (default 100 000): past it the OLDEST element of that buffer is dropped and
 *   `dropped` is incremented.
 * - `connect` adds an input (a new empty buffer; reconnecting an existing input resets its buffer,
 *   as streamz does) and `disconnect` removes that input's buffer, so tuples grow and shrink.
 *   As in streamz, removing the only empty buffer while the others hold elements stalls the node
 *   until a buffer drains, which never happens; there is no flush on disconnect.
 * - `queued` is the number of buffered elements and `capacity` is `maxsize` times the number of
 *   buffers (where back-pressure starts).
 */
export class ZipNode extends Stream<unknown[]> {
  readonly maxsize: number;
  readonly limit: number;
  /** The non-stream arguments and their positions in the emitted tuple. */
  readonly literals: readonly { readonly index: number; readonly value: unknown }[];
  /** The distinct upstreams, in order of first appearance, and their buffers. */
  private inputs: Stream<any>[] = [];
  private buffers: RingBuffer<unknown>[] = [];
  /** How many buffers are non-empty. */
  private filled = 0;
  /** True when the tuple is the buffers' heads in order: no literals, no repeated upstream. */
  private simple = true;
  /** Tuple layout: `j >= 0` is buffers[j]'s head, `j < 0` is literals[-1 - j]. */
  private layout: number[] = [];
  /** An upstream without a buffer (streamz raises KeyError when it would emit). */
  private missingInput: Stream<any> | null = null;
  /** The literals cannot be placed (streamz's pack_literals raises IndexError). */
  private packError = false;
  private waitPromise: Promise<void> | null = null;
  private waitResolve: (() => void) | null = null;

  constructor(items: readonly unknown[], options: ZipOptions = {}) {
    const streams: Stream<any>[] = [];
    const literals: { index: number; value: unknown }[] = [];
    items.forEach((item, index) => {
      if (item instanceof Stream) streams.push(item);
      else literals.push({ index, value: item });
    });
    super(null, { streamName: options.streamName, scheduler: options.scheduler ?? streams[0]?.scheduler });
    const maxsize = options.maxsize ?? 10;
    const limit = options.limit ?? 100_000;
    if (typeof maxsize !== 'number' || Number.isNaN(maxsize)) {
      throw pythonError('TypeError', `zip: maxsize must be a number, got ${String(maxsize)}`);
    }
    if (typeof limit !== 'number' || !(limit >= 1) || (limit !== Infinity && !Number.isInteger(limit))) {
      throw pythonError('ValueError', `zip: limit must be a positive integer or Infinity, got ${String(limit)}`);
    }
    this.maxsize = maxsize;
    this.limit = limit;
    this.literals = literals;
    // As streamz's Stream.__init__: record the upstreams as given, then register downstream.
    for (const up of streams) {
      if (!this.inputs.includes(up)) {
        this.inputs.push(up);
        this.buffers.push(new RingBuffer());
      }
    }
    this.upstreams = streams;
    for (const up of streams) up.addDownstream(this);
    this.rebuildLayout();
  }

  override update(x: unknown, who?: Stream<any>): Pending {
    const inputs = this.inputs;
    const n = inputs.length;
    let k = 0;
    while (k < n && inputs[k] !== who) k++;
    if (k === n) return this.unknownInput(who);
    const buffer = this.buffers[k]!;
    // An element that completes a tuple goes straight into it: appending it to its empty buffer
    // and taking it out again (what streamz does) would leave the same state.
    if (buffer.length === 0 && this.filled === n - 1) return this.emitTuple(k, x);
    buffer.push(x);
    const length = buffer.length;
    if (length === 1) {
      this.filled++;
    } else if (length > this.limit) {
      buffer.shift();
      this.dropped++;
    }
    if (buffer.length > this.maxsize) return this.wait();
    return undefined;
  }

  // The hot methods stay small (rare cases in methods of their own): TurboFan inlines by bytecode
  // size, and a pipeline's whole chain has to fit its budget to be compiled as one loop.
  /** Emits the tuple that `x`, arriving on input `k` whose buffer is empty, completes. */
  private emitTuple(k: number, x: unknown): Pending {
    const buffers = this.buffers;
    let y: unknown[];
    if (this.simple === true && buffers.length === 2) {
      // An array literal allocates exactly; `[]` + push would allocate 17 slots (more GC).
      const other = buffers[1 - k]!;
      y = k === 0 ? [x, other.shift()] : [other.shift(), x];
      this.filled = other.length !== 0 ? 1 : 0;
    } else {
      // As streamz: append, then take the heads (takeTuple may throw with `x` left buffered).
      buffers[k]!.push(x);
      this.filled++;
      y = this.takeTuple();
    }
    if (this.waitResolve !== null) this.notifyAll();
    if (this.packError === true) throw pythonError('IndexError', 'pop from empty list');
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

  /** The tuple in the general case (any number of inputs, literals); updates `filled`. */
  private takeTuple(): unknown[] {
    const buffers = this.buffers;
    const n = buffers.length;
    let y: unknown[];
    let filled = 0;
    if (this.simple === true) {
      y = new Array(n);
      for (let i = 0; i < n; i++) {
        const buffer = buffers[i]!;
        y[i] = buffer.shift();
        if (buffer.length !== 0) filled++;
      }
    } else {
      if (this.missingInput !== null) throw pythonError('KeyError', String(this.missingInput));
      const layout = this.layout;
      const literals = this.literals;
      y = new Array(layout.length);
      for (let i = 0; i < layout.length; i++) {
        const j = layout[i]!;
        y[i] = j >= 0 ? buffers[j]!.peek() : literals[-1 - j]!.value;
      }
      for (let i = 0; i < n; i++) {
        const buffer = buffers[i]!;
        buffer.shift();
        if (buffer.length !== 0) filled++;
      }
    }
    this.filled = filled;
    return y;
  }

  /** An element from a stream that is not an input (streamz raises KeyError). */
  private unknownInput(who: Stream<any> | undefined): never {
    throw pythonError('KeyError', String(who));
  }

  /** The back-pressure promise: resolves when the next tuple is emitted (streamz's Condition). */
  private wait(): Promise<void> {
    if (this.waitPromise === null) {
      this.waitPromise = new Promise<void>((resolve) => {
        this.waitResolve = resolve;
      });
    }
    return this.waitPromise;
  }

  private notifyAll(): void {
    const resolve = this.waitResolve!;
    this.waitResolve = null;
    this.waitPromise = null;
    resolve();
  }

  /** A new input gets an empty buffer at the end of the tuple; an existing one is reset (streamz). */
  override addUpstream(up: Stream<any>): void {
    const k = this.inputs.indexOf(up);
    if (k >= 0) {
      if (this.buffers[k]!.length !== 0) this.filled--;
      this.buffers[k] = new RingBuffer();
    } else {
      this.inputs.push(up);
      this.buffers.push(new RingBuffer());
    }
    super.addUpstream(up);
    this.rebuildLayout();
  }

  /** Drops the input's buffer (and its elements) and one occurrence of it from `upstreams`. */
  override removeUpstream(up: Stream<any>): void {
    const k = this.inputs.indexOf(up);
    if (k >= 0) {
      if (this.buffers[k]!.length !== 0) this.filled--;
      this.inputs.splice(k, 1);
      this.buffers.splice(k, 1);
    }
    super.removeUpstream(up);
    this.rebuildLayout();
  }

  /** Recomputes where each tuple slot comes from, following streamz's `pack_literals`. */
  private rebuildLayout(): void {
    // Keep the buffers in order of first appearance so the common case is the identity layout.
    const order: Stream<any>[] = [];
    for (const up of this.upstreams) if (this.inputs.includes(up) && !order.includes(up)) order.push(up);
    this.buffers = order.map((up) => this.buffers[this.inputs.indexOf(up)]!);
    this.inputs = order;

    const values = this.upstreams.map((up) => this.inputs.indexOf(up));
    this.missingInput = null;
    for (let i = 0; i < values.length; i++) {
      if (values[i]! < 0) {
        this.missingInput = this.upstreams[i]!;
        break;
      }
    }
    const layout: number[] = [];
    let k = 0;
    let packError = false;
    this.literals.forEach((literal, li) => {
      while (!packError && layout.length < literal.index) {
        if (k >= values.length) packError = true;
        else layout.push(values[k++]!);
      }
      if (!packError) layout.push(-1 - li);
    });
    while (k < values.length) layout.push(values[k++]!);
    this.layout = layout;
    this.packError = packError;
    this.simple =
      this.literals.length === 0 &&
      this.missingInput === null &&
      values.length === this.inputs.length &&
      values.every((v, i) => v === i);
  }

  /** Elements held in all buffers. */
  override get queued(): number {
    let total = 0;
    for (const buffer of this.buffers) total += buffer.length;
    return total;
  }

  /** Where back-pressure starts: `maxsize` per buffer. */
  override get capacity(): number {
    return this.maxsize * this.buffers.length;
  }

  override get kind(): string {
    return 'zip';
  }
}

declare module '../core/stream.js' {
  // T must match the declaration being merged, though zip's signature does not use it.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Stream<T> {
    /**
     * Combine this stream with others into arrays (tuples), one element from each input per tuple.
     * Non-stream arguments are literals placed at their positions. A trailing plain object whose
     * keys are all in `maxsize`, `limit`, `streamName`, `scheduler` is taken as options.
     */
    zip(...others: unknown[]): ZipNode;
  }
}

registerApi('zip', (upstream, ...args: unknown[]) => {
  const { items, options } = splitZipArgs(args);
  return new ZipNode([upstream, ...items], options);
});

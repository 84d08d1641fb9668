import { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { RingBuffer } from '../operators/ringBuffer.js';

/**
 * A sink that keeps the latest `maxlen` elements (streamz's `sink_to_list`, bounded like a
 * `deque(maxlen=…)`): past the bound the OLDEST element is evicted and counted in `dropped`.
 * `list` is a snapshot the inspector can read at any time.
 */
export class SinkToListNode<T> extends Stream<T> {
  private readonly items: RingBuffer<T>;

  constructor(
    upstream: Stream<T> | null,
    readonly maxlen = 1000,
  ) {
    if (!Number.isSafeInteger(maxlen) || maxlen < 1) {
      throw new RangeError(`sink_to_list: maxlen must be a positive integer, got ${String(maxlen)}`);
    }
    super(upstream);
    this.items = new RingBuffer<T>(Math.min(maxlen + 1, 1024));
  }

  override update(x: T): Pending {
    const items = this.items;
    items.push(x);
    if (items.length > this.maxlen) {
      items.shift();
      this.dropped++;
    }
    return undefined;
  }

  /** The kept elements, oldest first (a fresh array). */
  get list(): T[] {
    return this.items.toArray();
  }

  /** Forgets every kept element. */
  clear(): void {
    this.items.clear();
  }

  override get queued(): number {
    return this.items.length;
  }

  override get capacity(): number {
    return this.maxlen;
  }

  override get kind(): string {
    return 'sink_to_list';
  }

  protected override describe(): string {
    return String(this.maxlen);
  }
}

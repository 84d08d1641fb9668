import { pythonError, truthy } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `slice(start=None, end=None, step=None)`: passes elements by position.
 *
 * - Element `i` (counting from 0) passes when `i >= (start ?? 0) && i % (step || 1) === 0`: the
 *   step applies to the ABSOLUTE index, so `slice(1, null, 2)` passes 2, 4, 6…, not 1, 3, 5.
 * - After element `end - 1` the node removes itself from its upstreams' downstreams for good.
 *   `end` of 0 (or null) means no end, as in Python where 0 is false.
 * - Negative values throw ValueError at construction.
 * - It delivers with the public `emit`, so downstream promises are dropped (no back-pressure
 *   passes through a slice, as in streamz). A dropped promise that rejects is reported to the
 *   scheduler's `reportError` instead of becoming an unhandled rejection.
 */
export class SliceNode<T> extends Stream<T> {
  readonly startAt: number;
  readonly end: number | null;
  readonly step: number;
  /** The position of the next element. */
  index = 0;
  private readonly reportDropped = (error: unknown): void => {
    this.scheduler.reportError(error, this);
  };

  constructor(upstream: Stream<T>, start?: number | null, end?: number | null, step?: number | null) {
    if ((start ?? 0) < 0 || (end ?? 0) < 0 || (step ?? 0) < 0) {
      throw pythonError('ValueError', 'Negative indices not supported by slice');
    }
    super(upstream);
    this.startAt = truthy(start) ? (start as number) : 0;
    this.end = end ?? null;
    this.step = truthy(step) ? (step as number) : 1;
    this.checkEnd();
  }

  override update(x: T): Pending {
    const i = this.index;
    if (i >= this.startAt && i % this.step === 0) {
      const pending = this.emit(x);
      if (pending !== undefined) pending.then(undefined, this.reportDropped);
    }
    this.index = i + 1;
    this.checkEnd();
    return undefined;
  }

  private checkEnd(): void {
    const end = this.end;
    if (end !== null && end !== 0 && this.index >= end) {
      for (const up of this.upstreams) if (up.downstreams.includes(this)) up.removeDownstream(this);
    }
  }

  override get kind(): string {
    return 'slice';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Pass elements by position, like `list[start:end:step]` on the stream (step on the absolute index). */
    slice(start?: number | null, end?: number | null, step?: number | null): SliceNode<T>;
  }
}

registerApi('slice', (upstream, start?: number | null, end?: number | null, step?: number | null) =>
  new SliceNode(upstream, start, end, step),
);

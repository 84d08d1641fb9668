import { pyIndex } from '../core/python.js';
import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `pluck(pick)`: emits `x[pick]`, or, when `pick` is an array, the array (tuple)
 * `[x[p0], x[p1], …]`. Indexing follows Python (`pyIndex`): negative positions count from the end
 * of arrays and strings, and a missing position or key throws IndexError or KeyError out of `emit`.
 *
 * In Python only a *list* pick means several picks (a tuple pick is one dict key). JavaScript has
 * one array type, so every array pick means several picks here.
 */
export class PluckNode<T> extends Stream<unknown> {
  private readonly picks: readonly unknown[] | null;

  constructor(
    upstream: Stream<T>,
    readonly pick: unknown,
  ) {
    super(upstream);
    this.picks = Array.isArray(pick) ? pick : null;
  }

  override update(x: T): Pending {
    const picks = this.picks;
    let y: unknown;
    try {
      if (picks === null) {
        y = pyIndex(x, this.pick);
      } else {
        const tuple: unknown[] = new Array(picks.length);
        for (let i = 0; i < picks.length; i++) tuple[i] = pyIndex(x, picks[i]);
        y = tuple;
      }
    } catch (error) {
      return this.fault(error, x);
    }
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

  override get kind(): string {
    return 'pluck';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Emit `x[pick]` (Python indexing), or an array of `x[p]` for an array of picks. */
    pluck(pick: unknown): PluckNode<T>;
  }
}

catchesOwnErrors(PluckNode);
registerApi('pluck', (upstream, pick: unknown) => new PluckNode(upstream, pick));

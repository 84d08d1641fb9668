import { hashKey } from '../core/python.js';
import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * streamz's `frequencies()`: counts occurrences and emits the counts so far as a NEW `Map` on every
 * element, so earlier emissions are never changed.
 *
 * Keys follow Python's dict rules: elements equal in Python (`1`, `1.0`, `true`; arrays by value)
 * share one entry, whose key is the element seen first (`true` after `1` counts under `1`).
 * Unhashable elements (plain objects, Maps, Sets) throw TypeError and leave the counts unchanged.
 *
 * streamz builds this as `scan(..., start={})`, printed `<accumulate: update_frequencies>`; here it
 * is its own node, labelled `<frequencies>`.
 */
export class FrequenciesNode<T> extends Stream<Map<T, number>> {
  /** The counts emitted last (never mutated once emitted). */
  state: Map<T, number> = new Map();
  /** Python-equality key → the element used as the Map key. */
  private readonly keys = new Map<unknown, T>();

  constructor(upstream: Stream<T>) {
    super(upstream);
  }

  override update(x: T): Pending {
    const h = hashKey(x);
    let key = this.keys.get(h);
    if (key === undefined && !this.keys.has(h)) {
      key = x;
      this.keys.set(h, x);
    }
    const y = new Map(this.state);
    y.set(key as T, (y.get(key as T) ?? 0) + 1);
    this.state = y;
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
    return 'frequencies';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Count occurrences of elements; emits a new Map of counts on every element. */
    frequencies(): FrequenciesNode<T>;
  }
}

registerApi('frequencies', (upstream) => new FrequenciesNode(upstream));

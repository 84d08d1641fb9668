import { pythonError, truthy } from '../core/python.js';
import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { bindArgs, functionName } from './callable.js';

/**
 * Emits the elements for which `predicate(x, ...args)` is true by Python's rules; a null predicate
 * tests the element itself (`[]`, `{}`, `''`, `0` and null are false).
 */
export class FilterNode<T> extends Stream<T> {
  private readonly test: (x: T) => unknown;

  constructor(
    upstream: Stream<T>,
    readonly predicate: ((x: T, ...args: any[]) => unknown) | null,
    readonly args: readonly unknown[] = [],
  ) {
    super(upstream);
    // streamz calls its one-argument truthiness helper with the extra arguments: a TypeError.
    this.test =
      predicate !== null
        ? bindArgs(predicate, args)
        : args.length === 0
          ? (x) => x
          : () => {
              throw pythonError('TypeError', `_truthy() takes 1 positional argument but ${args.length + 1} were given`);
            };
  }

  override update(x: T): Pending {
    try {
      const r = this.test(x);
      // Fast exits for the common boolean results; Python truthiness for everything else.
      if (r === false || (r !== true && !truthy(r))) return undefined;
    } catch (error) {
      return this.fault(error, x);
    }
    const next = this.next;
    if (next !== null) {
      this.emitted++;
      if (this.valueBudget !== 0) {
        this.currentValue = x;
        this.valueAt = this.emitted;
        this.valueBudget--;
      }
      return next.update(x, this);
    }
    return this._emit(x);
  }

  override get kind(): string {
    return 'filter';
  }

  protected override describe(): string {
    return this.predicate === null ? 'bool' : functionName(this.predicate);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Keep the elements for which `predicate(x, ...args)` is truthy (null: the element itself). */
    filter(predicate: ((x: T, ...args: any[]) => unknown) | null, ...args: unknown[]): Stream<T>;
    /** Drop the elements for which `predicate(x)` is truthy. */
    remove(predicate: (x: T) => unknown): Stream<T>;
  }
}

catchesOwnErrors(FilterNode);
registerApi('filter', (upstream, predicate: ((x: any, ...a: any[]) => unknown) | null, ...args: unknown[]) =>
  new FilterNode(upstream, predicate, args),
);
registerApi('remove', (upstream, predicate: (x: any) => unknown) =>
  new FilterNode(upstream, (x: unknown) => !truthy(predicate(x))),
);

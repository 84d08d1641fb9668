import { registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { bindArgs, functionName } from './callable.js';

/** Applies `func(x, ...args)` to every element and emits the result (`undefined` included). */
export class MapNode<T, U> extends Stream<U> {
  private readonly call: (x: T) => U;

  constructor(
    upstream: Stream<T>,
    readonly func: (x: T, ...args: any[]) => U,
    readonly args: readonly unknown[] = [],
  ) {
    super(upstream);
    this.call = bindArgs(func, args);
  }

  override update(x: T): Pending {
    const y = this.call(x);
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
    return 'map';
  }

  protected override describe(): string {
    return functionName(this.func);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Apply `func(x, ...args)` to every element. */
    map<U>(func: (x: T, ...args: any[]) => U, ...args: unknown[]): Stream<U>;
  }
}

registerApi('map', (upstream, func: (x: any, ...a: any[]) => any, ...args: unknown[]) => new MapNode(upstream, func, args));

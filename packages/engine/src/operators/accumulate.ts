import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { functionName } from './callable.js';

export interface AccumulateOptions<S> {
  /** The initial state. Leave the key out to use the first element (emitted unchanged). */
  start?: S;
  /** `func` returns `[state, output]` instead of the new state alone. */
  returnsState?: boolean;
  /** Emit `[state, output]` instead of `output`. */
  withState?: boolean;
}

/**
 * streamz's `accumulate` (alias `scan`): `state = func(state, x)`, emitting the new state, or with
 * `returnsState` `[state, out] = func(state, x)`, emitting `out`. Without `start`, the first element
 * becomes the state and is emitted as it is. When `func` throws, the state is left unchanged.
 */
export class AccumulateNode<S, T, O> extends Stream<O> {
  state: S | undefined;
  private hasState: boolean;
  private readonly returnsState: boolean;
  private readonly withState: boolean;
  /** Has a state, and neither `returnsState` nor `withState`: `update`'s fast case. */
  private plain: boolean;

  constructor(
    upstream: Stream<T>,
    readonly func: (state: S, x: T) => any,
    options: AccumulateOptions<S> = {},
  ) {
    super(upstream);
    if (typeof func !== 'function') throw new TypeError('accumulate: func must be a function');
    this.hasState = 'start' in options;
    this.state = options.start;
    this.returnsState = Boolean(options.returnsState);
    this.withState = Boolean(options.withState);
    this.plain = this.hasState && !this.returnsState && !this.withState;
  }

  override update(x: T): Pending {
    // The flags are tested with `=== true`: one pointer comparison, where `if (this.flag)` makes V8
    // run its generic truthiness test (it cannot prove that a field only ever holds booleans).
    let out: any;
    try {
      // The common case inline; the others in `step`, which keeps this method small enough for
      // TurboFan to inline a whole pipeline (its budget is counted in bytecode).
      out =
        this.plain === true ? (this.state = this.func(this.state as S, x)) : this.step(x);
    } catch (error) {
      return this.fault(error, x);
    }
    const next = this.next;
    if (next !== null) {
      this.emitted++;
      if (this.valueBudget !== 0) {
        this.currentValue = out;
        this.valueAt = this.emitted;
        this.valueBudget--;
      }
      return next.update(out, this);
    }
    return this._emit(out);
  }

  /** `update`'s work in the cases other than `plain`. */
  private step(x: T): any {
    if (this.hasState !== true) {
      this.hasState = true;
      this.plain = this.returnsState !== true && this.withState !== true;
      this.state = x as unknown as S;
      return this.withState === true ? [x, x] : x;
    }
    const r = this.func(this.state as S, x);
    if (this.returnsState === true) {
      this.state = r[0];
      return this.withState === true ? [r[0], r[1]] : r[1];
    }
    this.state = r;
    return this.withState === true ? [r, r] : r;
  }

  override get kind(): string {
    return 'accumulate';
  }

  protected override describe(): string {
    return functionName(this.func);
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Accumulate results with previous state (streamz's `accumulate`). */
    accumulate<S, O = S>(func: (state: S, x: T) => any, options?: AccumulateOptions<S>): Stream<O>;
    /** Alias of `accumulate`. */
    scan<S, O = S>(func: (state: S, x: T) => any, options?: AccumulateOptions<S>): Stream<O>;
  }
}

catchesOwnErrors(AccumulateNode);
const accumulate = (upstream: Stream<any>, func: (s: any, x: any) => any, options?: AccumulateOptions<any>) =>
  new AccumulateNode(upstream, func, options);
registerApi('accumulate', accumulate);
registerApi('scan', accumulate);

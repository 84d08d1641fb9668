import { pythonError } from '../core/python.js';
import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { StreamOptions } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { isPlainObject } from './zip.js';

/**
 * Splits the arguments of a multi-input operator into streams and a trailing options object (a
 * plain object as the last argument). Any other non-stream argument throws TypeError.
 */
export function splitStreamArgs<O extends object>(name: string, args: readonly unknown[]): { streams: Stream<any>[]; options: O } {
  let options = {} as O;
  let n = args.length;
  if (n > 0 && isPlainObject(args[n - 1])) {
    options = args[n - 1] as O;
    n--;
  }
  const streams: Stream<any>[] = [];
  for (let i = 0; i < n; i++) {
    const s = args[i];
    if (!(s instanceof Stream)) {
      throw pythonError('TypeError', `${name}: argument ${i} is not a Stream (${s === null ? 'null' : typeof s})`);
    }
    streams.push(s);
  }
  return { streams, options };
}

/**
 * streamz's `union(*upstreams)`: passes on every element from any input, in arrival order. A
 * stream given twice still delivers each element once (a node is downstream of another at most
 * once), though it appears twice in `upstreams`.
 */
export class UnionNode<T> extends Stream<T> {
  constructor(upstreams: readonly Stream<T>[], options?: StreamOptions) {
    for (const s of upstreams) {
      if (!(s instanceof Stream)) throw pythonError('TypeError', 'union: every input must be a Stream');
    }
    super(upstreams, options);
  }

  override update(x: T): Pending {
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
    return 'union';
  }
}

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Merge this stream with others: every element of any input passes through. */
    union<U = T>(...others: (Stream<U> | StreamOptions)[]): UnionNode<T | U>;
  }
}

// No work of its own that could throw.
catchesOwnErrors(UnionNode);
registerApi('union', (upstream, ...args: unknown[]) => {
  const { streams, options } = splitStreamArgs<StreamOptions>('union', args);
  return new UnionNode([upstream, ...streams], options);
});

import { isThenable } from '../core/pending.js';
import { catchesOwnErrors, registerApi, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { bindArgs, copyChooser, functionName } from './callable.js';

/**
 * Calls `func(x, ...args)` on every element. When `func` returns a promise, it is handed upstream
 * as back-pressure: sources wait for it before they produce more.
 */
export class SinkNode<T> extends Stream<T> {
  protected readonly call: (x: T) => unknown;

  constructor(
    upstream: Stream<T>,
    readonly func: (x: T, ...args: any[]) => unknown,
    readonly args: readonly unknown[] = [],
  ) {
    super(upstream);
    this.call = bindArgs(func, args);
  }

  override update(x: T): Pending {
    let r: unknown;
    try {
      r = this.call(x);
    } catch (error) {
      return this.fault(error, x);
    }
    if (r === undefined || r === null || !isThenable(r)) return undefined;
    return Promise.resolve(r);
  }

  override get kind(): string {
    return 'sink';
  }

  protected override describe(): string {
    return functionName(this.func);
  }
}

/*
 * Hand-written copies of `update`, so up to four different sink functions each keep a monomorphic
 * call site (see the copies of MapNode.update in map.ts). Keep their bodies identical.
 */
class SinkNode1<T> extends SinkNode<T> {
  override update(x: T): Pending {
    let r: unknown;
    try {
      r = this.call(x);
    } catch (error) {
      return this.fault(error, x);
    }
    if (r === undefined || r === null || !isThenable(r)) return undefined;
    return Promise.resolve(r);
  }
}

class SinkNode2<T> extends SinkNode<T> {
  override update(x: T): Pending {
    let r: unknown;
    try {
      r = this.call(x);
    } catch (error) {
      return this.fault(error, x);
    }
    if (r === undefined || r === null || !isThenable(r)) return undefined;
    return Promise.resolve(r);
  }
}

class SinkNode3<T> extends SinkNode<T> {
  override update(x: T): Pending {
    let r: unknown;
    try {
      r = this.call(x);
    } catch (error) {
      return this.fault(error, x);
    }
    if (r === undefined || r === null || !isThenable(r)) return undefined;
    return Promise.resolve(r);
  }
}

const SINK_CLASSES = [SinkNode, SinkNode1, SinkNode2, SinkNode3];
catchesOwnErrors(...SINK_CLASSES);
const sinkCopy = copyChooser(SINK_CLASSES.length);

declare module '../core/stream.js' {
  interface Stream<T> {
    /** Call `func(x, ...args)` on every element; a returned promise applies back-pressure. */
    sink(func: (x: T, ...args: any[]) => unknown, ...args: unknown[]): SinkNode<T>;
    /** Append every element to an array and return that array. */
    sinkToList(): T[];
  }
}

registerApi('sink', (upstream, func: (x: any, ...a: any[]) => unknown, ...args: unknown[]) =>
  new SINK_CLASSES[sinkCopy(func)]!(upstream, func, args),
);
registerApi('sinkToList', (upstream) => {
  const list: unknown[] = [];
  new SinkNode(upstream, (x: unknown) => {
    list.push(x);
  });
  return list;
});

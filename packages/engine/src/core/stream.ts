import { getDefaultScheduler } from './scheduler.js';
import { joinPending } from './pending.js';
import { pythonError } from './python.js';
import type { Pending, Scheduler } from './types.js';

/** Options every node accepts (streamz's `Stream.__init__` keywords). */
export interface StreamOptions {
  /** A name shown by `toString()` (streamz's `stream_name`). */
  streamName?: string;
  /** The scheduler for this node's timers; by default the upstream's, else the global default. */
  scheduler?: Scheduler;
}

const NO_STREAMS: readonly Stream<any>[] = Object.freeze([]);

/** Receives an exception from a node's own work (see `Stream.fault`); returns what `update` returns. */
export type FaultHandler = (node: Stream<any>, error: unknown, x: unknown) => Pending;
/** Delivers `x` to `node`'s downstreams when `next` does not (see `Stream._emit`). */
export type EmitHook = (node: Stream<any>, x: unknown) => Pending;

// Telemetry's hooks (telemetry/probe.ts), null when nothing is installed. Neither runs on the
// single-downstream fast path: `faultHandler` only when a node's own work threw, `emitHook` only
// for deliveries `next` does not make (fan-out, no downstream, or a latency-sampling window, which
// clears the sampled nodes' `next`).
let faultHandler: FaultHandler | null = null;
let emitHook: EmitHook | null = null;

/** `_emit` when `next` does not deliver: the hook, or every downstream in order. */
function emitAll(node: Stream<any>, x: unknown): Pending {
  if (emitHook !== null) return emitHook(node, x);
  const ds = node.downstreams;
  let pending: Pending;
  for (let i = 0; i < ds.length; i++) {
    // joinPending, written out: an imported function is a getter call per element when the
    // modules are compiled to CommonJS (tsx, bundlers), and uses up TurboFan's inlining budget.
    const r = ds[i]!.update(x, node);
    if (r !== undefined) pending = joinPending(pending, r);
  }
  return pending;
}

const CATCHING_UPDATES = new WeakSet<object>();

/**
 * Marks classes whose own `update` catches the errors of its work and returns `this.fault(...)`
 * (or has no work that can throw): a compiled graph needs no guard around their nodes. A subclass
 * that overrides `update` is not marked by its parent's mark.
 */
export function catchesOwnErrors(...classes: ReadonlyArray<{ prototype: Stream<any> }>): void {
  for (const c of classes) CATCHING_UPDATES.add(c.prototype.update);
}

/** Whether `update` is the `update` of a class marked by `catchesOwnErrors`. */
export function catchesOwnErrorsIn(update: unknown): boolean {
  return typeof update === 'function' && CATCHING_UPDATES.has(update);
}

/** Installs the handler every `Stream.fault` goes through (null: rethrow, as streamz). */
export function setFaultHandler(handler: FaultHandler | null): void {
  faultHandler = handler;
}

/** Installs (or removes, with null) the hook `_emit` delivers through when `next` is null. */
export function setEmitHook(hook: EmitHook | null): void {
  emitHook = hook;
}

/**
 * How many elements a node records in `currentValue` when it is created and again after each
 * telemetry read (`sampleValue`). See `Stream.currentValue`.
 */
export const VALUE_BUDGET = 1000;

/**
 * A node of a push graph with streamz's semantics.
 *
 * `emit(x)` delivers `x` synchronously and depth-first to every downstream, in the order they were
 * connected. Each node's `update(x, who)` does its work and delivers its own output. Downstream
 * lists are replaced, never mutated, on connect and disconnect, so a delivery in progress iterates a
 * snapshot (as streamz's `list(self.downstreams)` does) without copying per element.
 *
 * Hot path: subclasses deliver through `this.next` when they have exactly one downstream, so every
 * subclass has its own call site for it and V8 keeps each of them monomorphic. The pattern is
 *
 *   let y;
 *   try { y = this.call(x); } catch (error) { return this.fault(error, x); }
 *   const next = this.next;
 *   if (next !== null) {
 *     this.emitted++;
 *     if (this.valueBudget !== 0) {
 *       this.currentValue = y;
 *       this.valueAt = this.emitted;
 *       this.valueBudget--; // below 0 (keepValues) it keeps counting down and stays non-zero
 *     }
 *     return next.update(y, this);
 *   }
 *   return this._emit(y);
 *
 * (The recording is written out in each delivery path rather than called as a method: a call that
 * ran during warm-up gets inlined and uses up TurboFan's inlining budget: W1 measured 164 instead
 * of 124 instructions per element.)
 *
 * Telemetry contract: `emitted` counts every element; `currentValue` (streamz's `current_value`) is
 * recorded only while the node's `valueBudget` lasts, not on every element. Storing each element
 * into a long-lived node costs V8's generational write barrier whenever the element is a fresh
 * object (a zip tuple, a window): about a quarter of a zip pipeline's time. So a node records its
 * first `VALUE_BUDGET` elements, and each telemetry read (`sampleValue`, once per tick) grants it
 * `VALUE_BUDGET` more. A node that emits at most that many elements between two reads (a stream
 * below the tick rate, or a burst of up to that many) always shows its true latest element; a faster one shows
 * the last element it recorded after the previous read, so `currentValue` is then a sample at most
 * one tick old. `hasLatestValue()` says which case holds; `keepValues()` records every element
 * (exactly streamz's `current_value`) at the cost of that store.
 *
 * The try covers the node's own work only, never the delivery downstream (see `fault`).
 */
export class Stream<T = any> {
  /** Nodes this one delivers to, in delivery order. A node appears at most once. */
  downstreams: readonly Stream<any>[] = NO_STREAMS;
  /** Nodes that deliver to this one (duplicates possible, as in streamz). */
  upstreams: readonly Stream<any>[] = NO_STREAMS;
  /** The only downstream when there is exactly one, else null: the single-downstream fast path. */
  next: Stream<any> | null = null;
  /** This node's scheduler, shared with the graph it was built in. */
  scheduler: Scheduler;
  streamName: string | undefined;
  /**
   * Telemetry read by a tick, never formatted per element: how many elements this node emitted
   * (every delivery path counts them), and the last element it recorded (see the class comment:
   * the latest element only while `valueBudget` lasts, or after `keepValues()`).
   */
  emitted = 0;
  currentValue: unknown = undefined;
  /**
   * How many more elements this node records in `currentValue`; negative: every element (it keeps
   * counting down, and stays non-zero). Delivery paths test it with `!== 0` (one compare) and
   * record only then.
   */
  valueBudget = VALUE_BUDGET;
  /** The value of `emitted` when `currentValue` was recorded (0: nothing recorded yet). */
  valueAt = 0;
  /** Elements this node threw away because a bound was reached (see each operator's docs). */
  dropped = 0;

  /**
   * `new Stream()` is a source to `emit` into; `new Stream({ scheduler })` one on a given clock (as
   * streamz's `Stream(loop=…)`); `new Stream(upstream, options)` a pass-through node.
   */
  constructor(
    upstreams?: Stream<any> | readonly Stream<any>[] | StreamOptions | null,
    options?: StreamOptions,
  ) {
    if (upstreams != null && !(upstreams instanceof Stream) && !Array.isArray(upstreams)) {
      options = upstreams as StreamOptions;
      upstreams = null;
    }
    const ups = upstreams == null ? [] : Array.isArray(upstreams) ? upstreams : [upstreams as Stream<any>];
    this.scheduler = options?.scheduler ?? ups[0]?.scheduler ?? getDefaultScheduler();
    this.streamName = options?.streamName;
    for (const up of ups as Stream<any>[]) {
      up.addDownstream(this);
      this.addUpstream(up);
    }
  }

  /** Handles one element from `who`. By default passes it through unchanged. */
  update(x: any, _who?: Stream<any>): Pending {
    return this._emit(x);
  }

  /** Delivers `x` to every downstream, depth-first, in connection order. */
  _emit(x: any): Pending {
    this.emitted++;
    if (this.valueBudget !== 0) {
      this.currentValue = x;
      this.valueAt = this.emitted;
      this.valueBudget--;
    }
    const next = this.next;
    if (next !== null) return next.update(x, this);
    return emitAll(this, x);
  }

  /**
   * An exception `error` thrown by this node's own work on `x` (its function, its parsing of `x`),
   * never by a downstream node. Operators catch their own work and return `this.fault(error, x)`;
   * by default it rethrows, so the exception propagates as in streamz. In a compiled graph the
   * node's probe counts it and drops `x` instead (telemetry/probe.ts).
   */
  fault(error: unknown, x: unknown): Pending {
    if (faultHandler !== null) return faultHandler(this, error, x);
    throw error;
  }

  /** Is `currentValue` the element this node emitted last (and has it emitted any)? */
  hasLatestValue(): boolean {
    return this.emitted > 0 && this.valueAt === this.emitted;
  }

  /**
   * Telemetry's read, once per tick: the last recorded element, and the next `VALUE_BUDGET`
   * elements will be recorded again (a node under `keepValues()` records every element anyway).
   */
  sampleValue(): unknown {
    if (this.valueBudget >= 0) this.valueBudget = VALUE_BUDGET;
    return this.currentValue;
  }

  /**
   * Records every element in `currentValue` from now on (streamz's `current_value` exactly), or,
   * with `false`, returns to the budget of the class comment. Costs a store per element.
   */
  keepValues(on = true): void {
    this.valueBudget = on ? -1 : VALUE_BUDGET;
  }

  /**
   * Pushes `x` into the graph at this node, bypassing this node's own function (as in streamz).
   * Returns undefined when everything downstream finished synchronously, otherwise a promise that
   * settles when the asynchronous work this element started has finished.
   */
  emit(x: T): Pending {
    return this._emit(x);
  }

  /** Connects `downstream` after this node; connecting the same pair twice delivers once. */
  connect(downstream: Stream<any>): void {
    this.addDownstream(downstream);
    downstream.addUpstream(this);
  }

  /** Undoes `connect`. Throws if the two are not connected (streamz raises KeyError). */
  disconnect(downstream: Stream<any>): void {
    if (!this.downstreams.includes(downstream)) {
      throw pythonError('KeyError', `${String(downstream)} is not downstream of ${String(this)}`);
    }
    this.removeDownstream(downstream);
    downstream.removeUpstream(this);
  }

  /**
   * Disconnects this node from its upstreams (or only the given ones). Its own downstreams stay
   * attached. Nodes holding timers also cancel them here.
   */
  destroy(streams?: readonly Stream<any>[]): void {
    for (const up of [...(streams ?? this.upstreams)]) {
      up.removeDownstream(this);
      this.removeUpstream(up);
    }
  }

  /** Starts every source upstream of this node (recursively). */
  start(): void {
    for (const up of this.upstreams) up.start();
  }

  /** Stops every source upstream of this node (recursively). */
  stop(): void {
    for (const up of this.upstreams) up.stop();
  }

  /** The single upstream; throws when there is more than one (streamz's `upstream`). */
  get upstream(): Stream<any> | undefined {
    if (this.upstreams.length > 1) throw new Error('ValueError: Stream has multiple upstreams');
    return this.upstreams[0];
  }

  /** Adds `down` to the delivery list; a set, so at most once. */
  addDownstream(down: Stream<any>): void {
    if (this.downstreams.includes(down)) return;
    this.downstreams = [...this.downstreams, down];
    this.next = this.downstreams.length === 1 ? down : null;
  }

  removeDownstream(down: Stream<any>): void {
    this.downstreams = this.downstreams.filter((d) => d !== down);
    this.next = this.downstreams.length === 1 ? this.downstreams[0]! : null;
  }

  /** Records a new input. Multi-input nodes override this to grow their per-input state. */
  addUpstream(up: Stream<any>): void {
    this.upstreams = [...this.upstreams, up];
  }

  /** Forgets one input. Multi-input nodes override this to drop its state. */
  removeUpstream(up: Stream<any>): void {
    const i = this.upstreams.indexOf(up);
    if (i >= 0) this.upstreams = this.upstreams.filter((_, j) => j !== i);
  }

  /** A short label such as `<map: double>` or `<name; Stream>`, as streamz prints. */
  toString(): string {
    const kind = this.kind;
    if (this.streamName !== undefined) return `<${this.streamName}; ${kind}>`;
    const detail = this.describe();
    return detail ? `<${kind}: ${detail}>` : `<${kind}>`;
  }

  /** Elements this node holds right now (buffers, windows, queues); undefined if it holds none. */
  get queued(): number | undefined {
    return undefined;
  }

  /** How many elements this node can hold before it applies back-pressure or drops. */
  get capacity(): number | undefined {
    return undefined;
  }

  /** The streamz type name of this node (`map`, `sliding_window`, …). */
  get kind(): string {
    return 'Stream';
  }

  /** What `toString` shows after the kind: the function's name, `n`, or the interval. */
  protected describe(): string {
    return '';
  }
}

// The base class's `update` only delivers.
catchesOwnErrors(Stream);

/**
 * Adds an operator to `Stream.prototype` (streamz's `register_api`): `stream.name(...args)` becomes
 * `factory(stream, ...args)`. Registering a name twice throws, as streamz raises ValueError.
 */
export function registerApi<A extends unknown[], R>(
  name: string,
  factory: (upstream: Stream<any>, ...args: A) => R,
  target: { prototype: object } = Stream,
): void {
  if (Object.prototype.hasOwnProperty.call(target.prototype, name)) {
    throw new Error(`ValueError: an operator named '${name}' is already registered`);
  }
  Object.defineProperty(target.prototype, name, {
    value: function (this: Stream<any>, ...args: A): R {
      return factory(this, ...args);
    },
    writable: true,
    configurable: true,
  });
}

/** Adds a static constructor to `Stream` (streamz registers sources as static methods). */
export function registerSource<A extends unknown[], R>(
  name: string,
  factory: (...args: A) => R,
  target: object = Stream,
): void {
  if (Object.prototype.hasOwnProperty.call(target, name)) {
    throw new Error(`ValueError: a source named '${name}' is already registered`);
  }
  Object.defineProperty(target, name, { value: factory, writable: true, configurable: true });
}

// Per-node probes of a compiled graph, and the guard that contains a node's errors.
//
// The hot path costs one test and a try block per node and element, nothing else:
// - `in` is not counted: it is the sum of the upstreams' `emitted` counters (each emission reaches
//   every downstream), read by the tick; `out` is the node's own `emitted`.
// - errors are caught by a guard around the node's `update`, at the failing node: counted, kept
//   (raw, formatted only when read) and the element dropped; `onError: 'stop'` fails the run.
// - latency is measured only during short windows armed by the tick (see latency.ts).
// The guard is a method on a per-class prototype inserted between the node and its class, so
// every node of a class shares one function and V8 keeps the call sites monomorphic and inlined.
import { isThenable } from '../core/pending.js';
import { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { NodeFailure } from '../graph/types.js';
import { LatencyWindow, now, timing } from './latency.js';

/** Errors a node keeps, with their elements, for `samples`. */
export const ERRORS_KEPT = 16;
/** Values an inspected node keeps between two `samples` calls. */
export const VALUES_KEPT = 100;

/** What a probe needs from the compiled graph it belongs to. */
export interface ProbeOwner {
  /** Stops the run with this failure (once; later calls return the first failure). */
  fail(failure: NodeFailure): NodeFailure;
  /** Milliseconds since the epoch, on the run's clock. */
  time(): number;
}

/** One error as kept: raw, formatted only when somebody reads it. */
export interface ErrorRecord {
  t: number;
  error: unknown;
  element: unknown;
  /** False for errors reported by background work, which have no element. */
  hasElement: boolean;
}

/** The values an inspected node emitted (or, for a sink, received) since the last take. */
export interface ValueRing {
  values: unknown[];
  times: Float64Array;
  /** Values recorded since the last take (may exceed what the ring holds). */
  total: number;
  next: number;
  taps: Stream<any>[];
}

/** The counters and samples of one node. Plain fields, read by the tick. */
export class Probe {
  errors = 0;
  lastError: unknown = undefined;
  lastElement: unknown = undefined;
  /** Elements pushed into this node by hand (`emit`); part of `in`. */
  injected = 0;
  readonly latency = new LatencyWindow();
  /** Distinct upstream nodes, set once the graph is wired; `in` is the sum of their `emitted`. */
  upstreams: readonly Stream<any>[] = [];
  /** Recent errors: a ring of ERRORS_KEPT, and how many arrived since the last take. */
  readonly recent: ErrorRecord[] = [];
  recentNext = 0;
  recentUnread = 0;
  inspected: ValueRing | null = null;

  constructor(
    readonly nodeId: string,
    readonly node: Stream<any>,
    readonly stopOnError: boolean,
    readonly owner: ProbeOwner,
  ) {}

  /** Elements delivered to this node so far. */
  get in(): number {
    let n = this.injected;
    const ups = this.upstreams;
    for (let i = 0; i < ups.length; i++) n += ups[i]!.emitted;
    return n;
  }

  recordError(error: unknown, element: unknown, hasElement: boolean): void {
    this.errors++;
    this.lastError = error;
    this.lastElement = element;
    const record: ErrorRecord = { t: this.owner.time(), error, element, hasElement };
    if (this.recent.length < ERRORS_KEPT) this.recent.push(record);
    else this.recent[this.recentNext] = record;
    this.recentNext = (this.recentNext + 1) % ERRORS_KEPT;
    this.recentUnread = Math.min(this.recentUnread + 1, ERRORS_KEPT);
  }

  /** The errors since the last call, oldest first (at most ERRORS_KEPT). */
  takeErrors(): ErrorRecord[] {
    const n = this.recentUnread;
    this.recentUnread = 0;
    const out: ErrorRecord[] = [];
    const len = this.recent.length;
    for (let i = n; i > 0; i--) out.push(this.recent[(this.recentNext - i + len) % len]!);
    return out;
  }

  /** Records one value of an inspected node (called by its tap). */
  recordValue(x: unknown): void {
    const ring = this.inspected;
    if (ring === null) return;
    ring.values[ring.next] = x;
    ring.times[ring.next] = this.owner.time();
    ring.next = ring.next + 1 === VALUES_KEPT ? 0 : ring.next + 1;
    ring.total++;
  }

  /** The values since the last call, oldest first, and how many were not kept. */
  takeValues(): { values: Array<{ t: number; value: unknown }>; omitted: number } {
    const ring = this.inspected;
    if (ring === null || ring.total === 0) return { values: [], omitted: 0 };
    const kept = Math.min(ring.total, VALUES_KEPT);
    const values: Array<{ t: number; value: unknown }> = [];
    for (let i = kept; i > 0; i--) {
      const j = (ring.next - i + VALUES_KEPT) % VALUES_KEPT;
      values.push({ t: ring.times[j]!, value: ring.values[j] });
    }
    const omitted = ring.total - kept;
    ring.total = 0;
    ring.values.fill(undefined);
    return { values, omitted };
  }
}

const probes = new WeakMap<Stream<any>, Probe>();

/** The probe of a compiled graph's node, if it has one. */
export function probeOf(node: Stream<any>): Probe | undefined {
  return probes.get(node);
}

// --- what the guard calls off the fast path ---------------------------------------------------

/** A node's update threw: count it and drop the element, or stop the run. */
function fault(node: Stream<any>, error: unknown, element: unknown): Pending {
  // A failure from downstream passes through every guard on its way to the root.
  if (error instanceof NodeFailure) throw error;
  const probe = probes.get(node);
  if (probe === undefined) throw error;
  probe.recordError(error, element, true);
  if (probe.stopOnError) throw probe.owner.fail(new NodeFailure(probe.nodeId, error));
  return undefined;
}

/** Promises this module already watches (so a chain of nodes does not wrap the same one again). */
const watched = new WeakSet<object>();

/** A node's update returned a promise: a rejection is that node's error, not its source's. */
function watch(node: Stream<any>, pending: Promise<unknown>, element: unknown): Pending {
  if (!isThenable(pending)) return undefined;
  if (watched.has(pending)) return pending;
  const guarded = Promise.resolve(pending).then(undefined, (error: unknown) => {
    asyncFault(node, error, element, true);
  });
  watched.add(guarded);
  return guarded;
}

/** An error that nobody waits for: a rejected promise, or one reported by background work. */
export function asyncFault(node: Stream<any>, error: unknown, element: unknown, hasElement: boolean): boolean {
  const probe = probes.get(node);
  if (error instanceof NodeFailure) {
    probe?.owner.fail(error);
    return probe !== undefined;
  }
  if (probe === undefined) return false;
  probe.recordError(error, element, hasElement);
  if (probe.stopOnError) probe.owner.fail(new NodeFailure(probe.nodeId, error));
  return true;
}

/** The guard's timed path: the node's own time, without the timed updates it called. */
function timed(node: Stream<any>, orig: UpdateFn, x: unknown, who: Stream<any> | undefined): Pending {
  const outer = timing.child;
  timing.child = 0;
  timing.depth++;
  const t0 = now();
  try {
    const r = orig.call(node, x, who);
    return r === undefined ? r : watch(node, r, x);
  } catch (error) {
    return fault(node, error, x);
  } finally {
    const dt = now() - t0;
    probes.get(node)?.latency.add(dt - timing.child);
    timing.child = outer + dt;
    if (--timing.depth === 0 && timing.armed > 0) timing.armed--;
  }
}

// --- the guard ---------------------------------------------------------------------------------

type UpdateFn = (this: Stream<any>, x: unknown, who?: Stream<any>) => Pending;
type GuardFactory = (orig: UpdateFn, t: typeof timing, tm: typeof timed, w: typeof watch, f: typeof fault) => UpdateFn;

const GUARD_SOURCE = `"use strict";
return function update(x, who) {
  if (timing.armed !== 0) return timed(this, orig, x, who);
  try {
    const r = orig.call(this, x, who);
    return r === undefined ? r : watch(this, r, x);
  } catch (error) {
    return fault(this, error, x);
  }
};`;

/** The same guard as a closure, where code generation from strings is not allowed (CSP). */
const closureGuard: GuardFactory = (orig, t, tm, w, f) =>
  function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending {
    if (t.armed !== 0) return tm(this, orig, x, who);
    try {
      const r = orig.call(this, x, who);
      return r === undefined ? r : w(this, r, x);
    } catch (error) {
      return f(this, error, x);
    }
  };

let guardsMade = 0;

/**
 * A guard of its own for each class: closures of one function literal share V8's type feedback,
 * so a single shared guard would see every class's `update` and call it megamorphically. Each
 * class gets its own copy of the code (compiled once per class, a fixed text with nothing from
 * the graph in it), which keeps each guard's call to its class's `update` monomorphic.
 */
function makeGuard(orig: UpdateFn, label: string): UpdateFn {
  const name = `${label.replace(/[^\w$]/g, '_').slice(0, 40)}_${guardsMade++}`;
  try {
    const factory = new Function('orig', 'timing', 'timed', 'watch', 'fault', `${GUARD_SOURCE}\n//# sourceURL=streamloom-guard/${name}`);
    return (factory as GuardFactory)(orig, timing, timed, watch, fault);
  } catch {
    return closureGuard(orig, timing, timed, watch, fault);
  }
}

const guardedPrototypes = new WeakMap<object, object>();

function guardedPrototype(proto: object): object {
  let guarded = guardedPrototypes.get(proto);
  if (guarded === undefined) {
    const orig = (proto as { update: UpdateFn }).update;
    const label = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    guarded = Object.create(proto, {
      update: { value: makeGuard(orig, typeof label === 'string' ? label : 'Stream'), writable: true, configurable: true },
    }) as object;
    guardedPrototypes.set(proto, guarded);
  }
  return guarded;
}

/**
 * Gives `node` its probe and guards its `update`. A node whose `update` is its own property (set
 * on the instance) gets a guard of its own; any other gets its class's guarded prototype.
 */
export function attachProbe(probe: Probe): void {
  const node = probe.node;
  probes.set(node, probe);
  if (Object.prototype.hasOwnProperty.call(node, 'update')) {
    node.update = closureGuard(node.update as UpdateFn, timing, timed, watch, fault);
  } else {
    Object.setPrototypeOf(node, guardedPrototype(Object.getPrototypeOf(node) as object));
  }
}

// --- inspection --------------------------------------------------------------------------------

/** A detached node that records what it receives into a probe's ring (inspection only). */
class Tap extends Stream<any> {
  constructor(private readonly probe: Probe) {
    super(null, { scheduler: probe.node.scheduler });
  }
  override update(x: unknown): Pending {
    this.probe.recordValue(x);
    return undefined;
  }
  override get kind(): string {
    return 'tap';
  }
}

/**
 * Starts or stops recording a node's values. A node with an output is tapped on its output; a
 * sink (no output) on its inputs, which records what it receives. The tap is connected last, so
 * the order in which the graph's own nodes receive elements does not change.
 */
export function setInspected(probe: Probe, on: boolean, hasOutput: boolean): void {
  if (on === (probe.inspected !== null)) return;
  if (on) {
    const points = hasOutput ? [probe.node] : probe.upstreams;
    const taps = points.map((point) => {
      const tap = new Tap(probe);
      point.connect(tap);
      return tap;
    });
    probe.inspected = {
      values: new Array<unknown>(VALUES_KEPT).fill(undefined),
      times: new Float64Array(VALUES_KEPT),
      total: 0,
      next: 0,
      taps,
    };
  } else {
    for (const tap of probe.inspected!.taps) for (const up of [...tap.upstreams]) up.disconnect(tap);
    probe.inspected = null;
  }
}

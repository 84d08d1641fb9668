// Per-node probes of a compiled graph, and the guard that contains a node's errors.
//
// Counting costs nothing per element: `in` is the sum of the upstreams' `emitted` counters (each
// emission reaches every downstream) and `out` the node's own `emitted`, read by the tick.
//
// A guarded node costs one test and a try block per element:
// - errors are caught by a guard around the node's `update`, at the failing node: counted, kept
//   (raw, formatted only when read) and the element dropped; `onError: 'stop'` fails the run;
// - latency is measured only during short windows armed by the tick (see latency.ts).
// Errors that nobody catches synchronously (a rejected promise, background work) reach the graph
// through its scheduler's `reportError`, which charges them from their stack (attribution.ts).
// The guard is a method on a per-class prototype inserted between the node and its class, so
// every node of a class shares one function and V8 keeps the call sites monomorphic and inlined
// (each class gets its own copy of the guard's code: guards.ts).
// Still, on trivial nodes (~2 ns of work) the extra frame and try block cost about 1 ns each,
// which is why compile can leave nodes unguarded until the first error (see graph/compile.ts).
import { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { NodeFailure } from '../graph/types.js';
import { makeGuard, makeInstanceGuard, type GuardHooks, type UpdateFn } from './guards.js';
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
  /** What the upstreams had emitted before they were wired to this node (nobody received it). */
  inBase = 0;
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
    let n = this.injected - this.inBase;
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

/**
 * An error nobody waits for (reported by background work, a rejected promise, a push by hand),
 * charged to `node`: counted, and the run fails if the node says so. False if `node` has no probe.
 */
export function chargeError(
  node: Stream<any>,
  error: unknown,
  element: unknown,
  hasElement: boolean,
): boolean {
  const probe = probes.get(node);
  if (probe === undefined) return false;
  probe.recordError(error, element, hasElement);
  if (probe.stopOnError) probe.owner.fail(new NodeFailure(probe.nodeId, error));
  return true;
}

/** The guard's timed path: the node's own time, without the timed updates it called. */
function timed(
  node: Stream<any>,
  orig: UpdateFn,
  x: unknown,
  who: Stream<any> | undefined,
): Pending {
  const outer = timing.child;
  timing.child = 0;
  timing.depth++;
  const t0 = now();
  try {
    return orig.call(node, x, who);
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

const hooks: GuardHooks = { timing, timed, fault };

const guardedPrototypes = new WeakMap<object, object>();
/** The guarded prototypes, and the guards set on instances. */
const guardedSet = new WeakSet<object>();
const ownGuards = new WeakSet<object>();

function guardedPrototype(proto: object): object {
  let guarded = guardedPrototypes.get(proto);
  if (guarded === undefined) {
    const orig = (proto as { update: UpdateFn }).update;
    guarded = Object.create(proto, {
      update: { value: makeGuard(orig, hooks), writable: true, configurable: true },
    }) as object;
    guardedPrototypes.set(proto, guarded);
    guardedSet.add(guarded);
  }
  return guarded;
}

/** Makes `probe` the probe of its node (for the guard, background errors and `probeOf`). */
export function registerProbe(probe: Probe): void {
  probes.set(probe.node, probe);
}

/**
 * Guards a registered node's `update`: from now on an error it throws is caught there, and its
 * latency is sampled. A node whose `update` is its own property (set on the instance) gets a guard
 * of its own; any other gets its class's guarded prototype. Guarding is for good: switching back
 * and forth would make V8 deoptimise the graph's code again and again.
 */
export function guardNode(node: Stream<any>): void {
  if (isGuarded(node)) return;
  if (Object.prototype.hasOwnProperty.call(node, 'update')) {
    const guard = makeInstanceGuard(node.update as UpdateFn, hooks);
    ownGuards.add(guard);
    node.update = guard;
  } else {
    Object.setPrototypeOf(node, guardedPrototype(Object.getPrototypeOf(node) as object));
  }
}

function isGuarded(node: Stream<any>): boolean {
  if (Object.prototype.hasOwnProperty.call(node, 'update')) return ownGuards.has(node.update);
  return guardedSet.has(Object.getPrototypeOf(node) as object);
}

/** `registerProbe` and `guardNode`. */
export function attachProbe(probe: Probe): void {
  registerProbe(probe);
  guardNode(probe.node);
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
    for (const tap of probe.inspected!.taps)
      for (const up of [...tap.upstreams]) up.disconnect(tap);
    probe.inspected = null;
  }
}

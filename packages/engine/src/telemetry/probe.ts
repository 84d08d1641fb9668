// Per-node probes of a compiled graph: counters, errors caught at the node that threw, sampled
// latency, and the inspector's ring of recent values.
//
// Counting costs nothing per element: `in` is the sum of the upstreams' `emitted` counters (each
// emission reaches every downstream) and `out` the node's own `emitted`, read by the tick.
//
// Errors cost nothing per element either. The common operators (map, filter, accumulate, sink, …)
// catch the errors of their own work inline, where they call the user's function, and hand them to
// `Stream.fault`; the handler installed here counts the error on the node's probe, keeps it (raw,
// formatted only when read) and drops the element, or fails the run (`onError: 'stop'`). A node
// without a probe rethrows, as streamz. Node classes that do not catch their own errors get a
// guard around `update` (guards.ts). Errors that nobody catches synchronously (a rejected
// promise, background work) reach the graph through its scheduler's `reportError`, which charges
// them from their stack (attribution.ts).
//
// Latency is sampled in windows: arming a graph (each tick does) clears its nodes' `next`, so every
// delivery of the next LATENCY_DELIVERIES root deliveries goes through `_emit`'s hook, which times
// each downstream's `update` and subtracts the timed deliveries it made itself: the node's own
// work. When the window closes, `next` is restored. Outside windows the hot path is untouched.
import { joinPending } from '../core/pending.js';
import { catchesOwnErrorsIn, setEmitHook, setFaultHandler, Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';
import { NodeFailure } from '../graph/types.js';
import { SinkToListNode } from '../sinks/sinkToList.js';
import { makeGuard, makeInstanceGuard, type UpdateFn } from './guards.js';
import { LATENCY_DELIVERIES, LatencyWindow, now, timing } from './latency.js';

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

/**
 * The values an inspected node emitted (or, for a sink, received) since the last take. Recording
 * one is a store into `values`; the clock is read only for every STAMP_EVERY-th value since the
 * last take (the first included), into `stamps`, and a take interpolates the others' times.
 */
export interface ValueRing {
  values: unknown[];
  /** The clock at value number k·STAMP_EVERY since the last take, at `stamps[k % STAMP_SLOTS]`. */
  stamps: Float64Array;
  /** Values recorded since the last take (may exceed what the ring holds). */
  total: number;
  next: number;
  /** Undoes what records the values (see `setInspected`). */
  detach: Array<() => void>;
}

/** Values between two clock reads of an inspected node (a power of two). */
export const STAMP_EVERY = 64;
const STAMP_SHIFT = Math.log2(STAMP_EVERY);
/** Enough stamps for the VALUES_KEPT values a take can return, and the one after them. */
const STAMP_SLOTS = 4;

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
    const n = ring.total;
    if ((n & (STAMP_EVERY - 1)) === 0)
      ring.stamps[(n >>> STAMP_SHIFT) % STAMP_SLOTS] = this.owner.time();
    const i = ring.next;
    ring.values[i] = x;
    ring.next = i + 1 === VALUES_KEPT ? 0 : i + 1;
    ring.total = n + 1;
  }

  /**
   * The values since the last call, oldest first, and how many were not kept. A value's time is
   * exact for the first value after a take and every STAMP_EVERY-th; the others' are interpolated
   * between the stamps around them (the last ones up to the time of this call), so a time is off
   * by less than the time between two takes (a tick) and never out of order.
   */
  takeValues(): { values: Array<{ t: number; value: unknown }>; omitted: number } {
    const ring = this.inspected;
    if (ring === null || ring.total === 0) return { values: [], omitted: 0 };
    const end = this.owner.time();
    const total = ring.total;
    const kept = Math.min(total, VALUES_KEPT);
    const values: Array<{ t: number; value: unknown }> = [];
    for (let s = total - kept; s < total; s++) {
      const j = (ring.next - (total - s) + VALUES_KEPT) % VALUES_KEPT;
      const k = s >>> STAMP_SHIFT;
      const s0 = k * STAMP_EVERY;
      const t0 = ring.stamps[k % STAMP_SLOTS]!;
      const s1 = Math.min(s0 + STAMP_EVERY, total);
      const t1 = s1 < total ? ring.stamps[(k + 1) % STAMP_SLOTS]! : end;
      values.push({ t: t0 + ((t1 - t0) * (s - s0)) / (s1 - s0), value: ring.values[j] });
    }
    const omitted = total - kept;
    ring.total = 0;
    ring.next = 0;
    ring.values.fill(undefined);
    return { values, omitted };
  }
}

const probes = new WeakMap<Stream<any>, Probe>();

/** The probe of a compiled graph's node, if it has one. */
export function probeOf(node: Stream<any>): Probe | undefined {
  return probes.get(node);
}

// --- errors -----------------------------------------------------------------------------------

/**
 * A node's own work threw (`Stream.fault`, or a guard): count it and drop the element, or stop the
 * run. A node without a probe rethrows, as streamz does.
 */
function fault(node: Stream<any>, error: unknown, element: unknown): Pending {
  // A failure that stops the run passes through to the root.
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

const guardedPrototypes = new WeakMap<object, object>();
/** The guarded prototypes, and the guards set on instances. */
const guardedSet = new WeakSet<object>();
const ownGuards = new WeakSet<object>();

function guardedPrototype(proto: object): object {
  let guarded = guardedPrototypes.get(proto);
  if (guarded === undefined) {
    const orig = (proto as { update: UpdateFn }).update;
    guarded = Object.create(proto, {
      update: { value: makeGuard(orig, fault), writable: true, configurable: true },
    }) as object;
    guardedPrototypes.set(proto, guarded);
    guardedSet.add(guarded);
  }
  return guarded;
}

/** Makes `probe` the probe of its node (for `Stream.fault`, background errors and `probeOf`). */
export function registerProbe(probe: Probe): void {
  setFaultHandler(fault);
  probes.set(probe.node, probe);
}

/**
 * Makes sure an error thrown by a registered node's own work is caught there. Nothing to do for
 * the classes that catch their own (`catchesOwnErrors`, core/stream.ts); a node whose `update` is its own property
 * (set on the instance) gets a guard of its own; any other gets its class's guarded prototype.
 * Guarding is for good: switching back and forth would make V8 deoptimise the graph's code again
 * and again.
 */
export function guardNode(node: Stream<any>): void {
  if (isGuarded(node)) return;
  if (Object.prototype.hasOwnProperty.call(node, 'update')) {
    const guard = makeInstanceGuard(node.update as UpdateFn, fault);
    ownGuards.add(guard);
    node.update = guard;
  } else {
    Object.setPrototypeOf(node, guardedPrototype(Object.getPrototypeOf(node) as object));
  }
}

/** Whether an error thrown by `node`'s own work is caught at the node (given a probe). */
export function isGuarded(node: Stream<any>): boolean {
  if (Object.prototype.hasOwnProperty.call(node, 'update')) return ownGuards.has(node.update);
  return (
    catchesOwnErrorsIn(node.update) ||
    guardedSet.has(Object.getPrototypeOf(node) as object)
  );
}

/** `registerProbe` and `guardNode`. */
export function attachProbe(probe: Probe): void {
  registerProbe(probe);
  guardNode(probe.node);
}

// --- latency -----------------------------------------------------------------------------------

/** The nodes of the open sampling window, whose `next` it cleared. */
const sampled = new Set<Stream<any>>();

/**
 * Opens (or extends) the sampling window for `nodes`: the next `deliveries` root deliveries (a
 * source's element, an `emit`, a timer's output) are timed at each of these nodes. A tick calls
 * this for its graph. Clearing `next` sends the nodes' deliveries through `_emit`'s hook; the
 * operators' code for that path is already compiled (it is also the fan-out path), so opening and
 * closing windows does not deoptimise anything.
 */
export function armLatency(nodes: Iterable<Stream<any>>, deliveries = LATENCY_DELIVERIES): void {
  for (const node of nodes) {
    if (sampled.has(node)) continue;
    sampled.add(node);
    node.next = null;
  }
  if (sampled.size === 0) return;
  if (timing.armed < deliveries) timing.armed = deliveries;
  setEmitHook(sampledEmit);
}

/** Closes the window for `nodes` (by default for every node) and restores their `next`. */
export function disarmLatency(nodes?: Iterable<Stream<any>>): void {
  for (const node of nodes ?? [...sampled]) {
    if (sampled.delete(node)) node.next = fastNext(node);
  }
  if (sampled.size > 0) return;
  timing.armed = 0;
  setEmitHook(null);
}

/**
 * `_emit`'s hook while a window is open: delivers `x` from `node` to its downstreams; from a
 * sampled node, times each downstream's `update` and records the part not spent in the timed
 * deliveries it made itself (its own work) on its probe.
 */
function sampledEmit(node: Stream<any>, x: unknown): Pending {
  const ds = node.downstreams;
  let pending: Pending;
  if (!sampled.has(node)) {
    for (let i = 0; i < ds.length; i++) pending = joinPending(pending, ds[i]!.update(x, node));
    return pending;
  }
  // The recorder `next` held, if the node is inspected.
  const recorder = recorders.get(node);
  if (recorder !== undefined && ds.length === 1 && recorder.target === ds[0]) {
    const probes = recorder.probes;
    for (let i = 0; i < probes.length; i++) probes[i]!.recordValue(x);
  }
  timing.depth++;
  try {
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]!;
      const outer = timing.child;
      timing.child = 0;
      const t0 = now();
      try {
        pending = joinPending(pending, d.update(x, node));
      } finally {
        const dt = now() - t0;
        probes.get(d)?.latency.add(dt - timing.child);
        timing.child = outer + dt;
      }
    }
  } finally {
    // The end of a root delivery uses up one of the window's.
    if (--timing.depth === 0 && timing.armed > 0 && --timing.armed === 0) disarmLatency();
  }
  return pending;
}

// --- inspection --------------------------------------------------------------------------------

/**
 * Records what a node delivers on its fast path, into the probes that inspect it, and delivers it
 * on: set as the node's `next` in place of its only downstream, so the node keeps its fast path
 * (connecting a tap would turn it into a fan-out: measured 2.3× the instructions per element on
 * W1). It is not connected: the graph's topology and counters do not change.
 */
class Recorder extends Stream<any> {
  readonly probes: Probe[] = [];
  constructor(
    readonly point: Stream<any>,
    readonly target: Stream<any>,
  ) {
    super(null, { scheduler: point.scheduler });
  }
  override update(x: unknown, who?: Stream<any>): Pending {
    const probes = this.probes;
    for (let i = 0; i < probes.length; i++) probes[i]!.recordValue(x);
    return this.target.update(x, who);
  }
  override get kind(): string {
    return 'recorder';
  }
}

/** The recorder of a node that has one. */
const recorders = new WeakMap<Stream<any>, Recorder>();

/** What `node.next` is outside a sampling window: its recorder, its only downstream, or null. */
function fastNext(node: Stream<any>): Stream<any> | null {
  const ds = node.downstreams;
  if (ds.length !== 1) return null;
  const recorder = recorders.get(node);
  return recorder !== undefined && recorder.target === ds[0] ? recorder : ds[0]!;
}

/** A detached node that records what it receives into a probe's ring (fan-out points only). */
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

/** Starts recording what `point` delivers into `probe`; returns how to stop. */
function record(probe: Probe, point: Stream<any>): () => void {
  const ds = point.downstreams;
  if (ds.length !== 1) {
    // A fan-out (or nothing connected): a tap, connected last, so the order in which the graph's
    // own nodes receive elements does not change.
    const tap = new Tap(probe);
    point.connect(tap);
    return () => {
      if (point.downstreams.includes(tap)) point.disconnect(tap);
    };
  }
  let recorder = recorders.get(point);
  if (recorder === undefined || recorder.target !== ds[0]) {
    recorder = new Recorder(point, ds[0]!);
    recorders.set(point, recorder);
  }
  recorder.probes.push(probe);
  if (!sampled.has(point)) point.next = fastNext(point);
  const r = recorder;
  return () => {
    const i = r.probes.indexOf(probe);
    if (i >= 0) r.probes.splice(i, 1);
    if (r.probes.length > 0 || recorders.get(point) !== r) return;
    recorders.delete(point);
    if (!sampled.has(point)) point.next = fastNext(point);
  };
}

/**
 * What a node already holds when its inspector opens, so that it does not say "no values" for a
 * stream that has gone quiet: a `sink_to_list`'s kept elements, else the node's last output when
 * it is known to be the last. They carry the time the inspector opened.
 */
function seedValues(probe: Probe, hasOutput: boolean): void {
  const node = probe.node;
  if (node instanceof SinkToListNode) {
    for (const x of node.list.slice(-VALUES_KEPT)) probe.recordValue(x);
  } else if (hasOutput && node.hasLatestValue()) {
    probe.recordValue(node.currentValue);
  }
}

/**
 * Starts or stops recording a node's values. A node with an output records its output; a sink
 * (no output) its inputs, which records what it receives; it starts with what the
 * node already holds (`seedValues`).
 */
export function setInspected(probe: Probe, on: boolean, hasOutput: boolean): void {
  if (on === (probe.inspected !== null)) return;
  if (on) {
    const points = hasOutput ? [probe.node] : probe.upstreams;
    probe.inspected = {
      values: new Array<unknown>(VALUES_KEPT).fill(undefined),
      stamps: new Float64Array(STAMP_SLOTS),
      total: 0,
      next: 0,
      detach: [],
    };
    seedValues(probe, hasOutput);
    probe.inspected.detach = points.map((point) => record(probe, point));
  } else {
    for (const detach of probe.inspected!.detach) detach();
    probe.inspected = null;
  }
}

// The guard of a compiled graph's node whose class does not catch its own errors, in
// GUARD_COPIES identical copies: change them all alike.
//
// The operators of the hot path (map, filter, accumulate, sink, …) catch the errors of their own
// work inline and hand them to `Stream.fault` (telemetry/probe.ts counts them), so they need no
// guard; see `catchesOwnErrors`. Any other class is guarded by one of these: a method on a
// per-class prototype inserted between the node and its class, which calls the class's `update`
// in a try block. It costs a frame and a try per element (bench/probes.ts: ~25 instructions on a
// trivial node), which is why the common operators do without.
//
// Why copies: V8 keeps type feedback per function literal, so every closure made from one literal
// shares it. A single guard would see every class's `update` at its `orig.call` and call them
// megamorphically (measured: several times slower than the bare graph). Code generated at run time
// (`new Function`) would give each class its own literal, but the run host disallows code
// generation from strings and browsers may too (CSP). So the literal is written out GUARD_COPIES
// times, and each node class takes the next unused copy: the first GUARD_COPIES classes of a
// process get their own, later ones share (still correct, only slower).
import type { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

export type UpdateFn = (this: Stream<any>, x: unknown, who?: Stream<any>) => Pending;
/** Called with what the guarded `update` threw. */
export type FaultFn = (node: Stream<any>, error: unknown, element: unknown) => Pending;
type Factory = (orig: UpdateFn, f: FaultFn) => UpdateFn;

// prettier-ignore
const COPIES: readonly Factory[] = [
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
];

export const GUARD_COPIES = COPIES.length;
let next = 0;

/** A guard around a class's `update`, on the next copy of the guard's code (see above). */
export function makeGuard(orig: UpdateFn, fault: FaultFn): UpdateFn {
  const factory = COPIES[next++ % COPIES.length]!;
  return factory(orig, fault);
}

/** A guard around an `update` set on one instance (rare: test collectors), on a copy of its own. */
export function makeInstanceGuard(orig: UpdateFn, f: FaultFn): UpdateFn {
  return function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending {
    try {
      return orig.call(this, x, who);
    } catch (e) {
      return f(this, e, x);
    }
  };
}

// The guard of a compiled graph's node, in GUARD_COPIES identical copies: change them all alike.
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
/** What a guard calls off its fast path. */
export interface GuardHooks {
  /** `armed !== 0`: take the timed path (latency.ts). */
  timing: { armed: number };
  timed(node: Stream<any>, orig: UpdateFn, x: unknown, who: Stream<any> | undefined): Pending;
  fault(node: Stream<any>, error: unknown, element: unknown): Pending;
}
type Factory = (
  orig: UpdateFn,
  t: GuardHooks['timing'],
  tm: GuardHooks['timed'],
  f: GuardHooks['fault'],
) => UpdateFn;

// prettier-ignore
const COPIES: readonly Factory[] = [
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
  (orig, t, tm, f) => function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending { if (t.armed !== 0) return tm(this, orig, x, who); try { return orig.call(this, x, who); } catch (e) { return f(this, e, x); } },
];

export const GUARD_COPIES = COPIES.length;
let next = 0;

/** A guard around a class's `update`, on the next copy of the guard's code (see above). */
export function makeGuard(orig: UpdateFn, hooks: GuardHooks): UpdateFn {
  const factory = COPIES[next++ % COPIES.length]!;
  return factory(orig, hooks.timing, hooks.timed, hooks.fault);
}

/** A guard around an `update` set on one instance (rare: test collectors), on a copy of its own. */
export function makeInstanceGuard(orig: UpdateFn, hooks: GuardHooks): UpdateFn {
  const { timing: t, timed: tm, fault: f } = hooks;
  return function update(this: Stream<any>, x: unknown, who?: Stream<any>): Pending {
    if (t.armed !== 0) return tm(this, orig, x, who);
    try {
      return orig.call(this, x, who);
    } catch (e) {
      return f(this, e, x);
    }
  };
}

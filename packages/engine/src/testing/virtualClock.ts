// Shared by the tests of time-based operators: a source on a virtual clock, and a recorder of
// (time, value) pairs.
import { Stream } from '../core/stream.js';
import { VirtualScheduler } from '../core/virtualScheduler.js';

/** A source on a fresh virtual clock; `at(t)` advances the clock to `t` ms (running its timers). */
export function onVirtualClock(): {
  sched: VirtualScheduler;
  source: Stream<any>;
  at: (t: number) => Promise<void>;
} {
  const sched = new VirtualScheduler();
  const source = new Stream<any>(null, { scheduler: sched });
  const at = (t: number) => sched.advance(t - sched.now());
  return { sched, source, at };
}

/** Records what reaches a sink after `node` as (time, value) pairs; `work` is the sink's function. */
export function recordTimed<T>(
  node: Stream<T>,
  sched: VirtualScheduler,
  work?: (x: T) => unknown,
): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  node.sink((x: T) => {
    out.push([sched.now(), x]);
    return work?.(x);
  });
  return out;
}

import { describe, expect, it } from 'vitest';
import {
  FromIterableSource,
  RealScheduler,
  SOURCE_YIELD_EVERY,
  Stream,
  VirtualScheduler,
  fromIterable,
  sleep,
  type TimerHandle,
} from '../index.js';

function record<T>(node: Stream<T>, sched: VirtualScheduler, work?: (x: T) => unknown): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  node.sink((x: T) => {
    out.push([sched.now(), x]);
    return work?.(x);
  });
  return out;
}

function* count(n = Infinity) {
  for (let i = 0; i < n; i++) yield i;
}

/** A VirtualScheduler that counts the timers set (each is a yield to the host or a sleep). */
class CountingScheduler extends VirtualScheduler {
  timeouts = 0;
  override setTimeout(callback: () => void, ms: number): TimerHandle {
    this.timeouts++;
    return super.setTimeout(callback, ms);
  }
}

describe('Stream.fromIterable', () => {
  it('is a static constructor on Stream and a plain function', () => {
    const sched = new VirtualScheduler();
    const a = Stream.fromIterable([1, 2], { scheduler: sched });
    const b = fromIterable([1, 2], { scheduler: sched });
    expect(a).toBeInstanceOf(FromIterableSource);
    expect(b).toBeInstanceOf(FromIterableSource);
    expect(String(a)).toBe('<from_iterable>');
    expect(() => fromIterable(42 as any)).toThrow(TypeError);
  });

  it('emits nothing until started, runs on the next tick, and sets stopped when exhausted (streamz docstring)', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([0, 1, 2], { scheduler: sched });
    const out = source.sinkToList();
    expect([source.stopped, source.started]).toEqual([true, false]);
    source.start();
    expect([source.stopped, source.started]).toEqual([false, true]);
    expect(out).toEqual([]);
    await sched.advance(0);
    expect(out).toEqual([0, 1, 2]);
    expect([source.stopped, source.started]).toEqual([true, true]);
    expect(sched.pending).toBe(0);
  });

  it('restarts a list from the beginning on each start (verified)', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([1, 2, 3], { scheduler: sched });
    const out = source.sinkToList();
    source.start();
    await sched.advance(0);
    source.start();
    await sched.advance(0);
    expect(out).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('resumes an iterator after stop() with exactly the next element', async () => {
    // streamz loses one element here (it takes 3 out of the iterator before it sees the stop):
    // verified output [0, 1, 2] then [0, 1, 2, 4, 5, …]. We keep it: [0, 1, 2, 3, 4, …].
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable(count(10), { scheduler: sched });
    const out = record(source, sched, () => sleep(sched, 50));
    source.start();
    await sched.advance(120);
    source.stop();
    expect(source.stopped).toBe(true);
    await sched.advance(200);
    expect(out).toEqual([
      [0, 0],
      [50, 1],
      [100, 2],
    ]);
    source.start();
    await sched.runAll();
    expect(out.map(([, x]) => x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(source.stopped).toBe(true);
  });

  it('start() on a running source does nothing; stop() then start() never runs two loops', async () => {
    // streamz runs a second loop beside the first here (verified: 0, 1, 0, 2, 1, 3, …).
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([0, 1, 2, 3, 4, 5], { scheduler: sched });
    const out = record(source, sched, () => sleep(sched, 50));
    source.start();
    source.start();
    await sched.advance(70);
    source.stop();
    source.start();
    await sched.runAll();
    expect(out.map(([, x]) => x)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('waits for a sink promise before the next element: one element in flight (verified with rate_limit)', async () => {
    // streamz 0.6.4: from_iterable(range(4)).rate_limit(0.1) emitted at 0, 100, 200, 300 ms, with
    // only the first element out after 10 ms.
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([0, 1, 2, 3], { scheduler: sched });
    const limited = source.rateLimit(100);
    const out = record(limited, sched);
    source.start();
    await sched.advance(10);
    expect(out).toEqual([[0, 0]]);
    expect(limited.queued).toBe(1);
    await sched.runAll();
    expect(out).toEqual([
      [0, 0],
      [100, 1],
      [200, 2],
      [300, 3],
    ]);

    const sched2 = new VirtualScheduler();
    const source2 = Stream.fromIterable([0, 1, 2, 3], { scheduler: sched2 });
    let inFlight = 0;
    let maxInFlight = 0;
    const out2 = record(source2, sched2, async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(sched2, 50);
      inFlight--;
    });
    source2.start();
    await sched2.runAll();
    expect(out2).toEqual([
      [0, 0],
      [50, 1],
      [100, 2],
      [150, 3],
    ]);
    expect(maxInFlight).toBe(1);
    expect(source2.backpressureMs).toBe(200);
  });

  it('measures back-pressure only while waiting on a promise', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([1, 2, 3], { scheduler: sched });
    source.sink(() => undefined);
    source.start();
    await sched.runAll();
    expect(source.backpressureMs).toBe(0);
  });

  it('with interval, emits one element per interval', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable(['a', 'b', 'c'], { scheduler: sched, interval: 100 });
    const out = record(source, sched);
    source.start();
    await sched.advance(250);
    expect(out).toEqual([
      [0, 'a'],
      [100, 'b'],
      [200, 'c'],
    ]);
    expect(source.stopped).toBe(false);
    await sched.advance(50);
    expect(source.stopped).toBe(true);
    expect(sched.pending).toBe(0);
  });

  it(`yields to the scheduler every ${SOURCE_YIELD_EVERY} elements on a synchronous graph`, async () => {
    const sched = new CountingScheduler();
    const source = Stream.fromIterable(count(), { scheduler: sched });
    const out: number[] = [];
    source.sink((x: number) => {
      out.push(x);
      if (x === 5000) source.stop();
    });
    source.start();
    await sched.advance(0);
    expect(out).toHaveLength(5001);
    // one timer for start(), then one per SOURCE_YIELD_EVERY elements
    expect(sched.timeouts).toBe(1 + Math.floor(5001 / SOURCE_YIELD_EVERY));
  });

  it('does not block the host with an endless iterable on real timers', async () => {
    const source = Stream.fromIterable(count(), { scheduler: new RealScheduler() });
    let n = 0;
    source.sink(() => {
      n++;
    });
    source.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    source.destroy();
    expect(n).toBeGreaterThan(SOURCE_YIELD_EVERY);
  });

  it('yields even when every element returns an already-resolved promise', async () => {
    const sched = new CountingScheduler();
    const source = Stream.fromIterable(count(3000), { scheduler: sched });
    const out = source.map((x) => x).sinkToList();
    source.sink(() => Promise.resolve());
    source.start();
    await sched.runAll();
    expect(out).toHaveLength(3000);
    expect(sched.timeouts).toBe(1 + Math.floor(3000 / SOURCE_YIELD_EVERY));
  });

  it('reports errors of downstream and of the iterator, and goes on', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([1, 2, 3, 4], { scheduler: sched });
    const out = record(source, sched, (x) => {
      if (x === 2) throw new Error('boom');
      if (x === 3) return Promise.reject(new Error('async boom'));
      return undefined;
    });
    source.start();
    await sched.runAll();
    expect(out.map(([, x]) => x)).toEqual([1, 2, 3, 4]);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([
      ['boom', source],
      ['async boom', source],
    ]);
    expect(source.stopped).toBe(true);

    function* failing() {
      yield 1;
      throw new Error('iterator broke');
    }
    const sched2 = new VirtualScheduler();
    const source2 = Stream.fromIterable(failing(), { scheduler: sched2 });
    const out2 = source2.sinkToList();
    source2.start();
    await sched2.runAll();
    expect(out2).toEqual([1]);
    expect(sched2.errors.map((e) => (e.error as Error).message)).toEqual(['iterator broke']);
    expect(source2.stopped).toBe(true);
  });

  it('destroy() cancels the timer and abandons a pending wait', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable(count(), { scheduler: sched, interval: 100 });
    const out = record(source, sched);
    source.start();
    await sched.advance(150);
    expect(sched.pending).toBe(1);
    source.destroy();
    expect(sched.pending).toBe(0);
    expect(source.stopped).toBe(true);
    await sched.advance(1000);
    expect(out.map(([, x]) => x)).toEqual([0, 1]);

    const sched2 = new VirtualScheduler();
    const source2 = Stream.fromIterable(count(), { scheduler: sched2 });
    const out2 = record(source2, sched2, () => sleep(sched2, 100));
    source2.start();
    await sched2.advance(50);
    source2.destroy();
    await sched2.advance(1000);
    expect(out2.map(([, x]) => x)).toEqual([0]);
    expect(sched2.pending).toBe(0);
  });

  it('destroy() called by downstream during an emission leaves no timer', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable(count(), { scheduler: sched, interval: 100 });
    const out = source.sinkToList();
    source.sink((x: number) => {
      if (x === 2) source.destroy();
    });
    source.start();
    await sched.advance(1000);
    expect(out).toEqual([0, 1, 2]);
    expect(sched.pending).toBe(0);
  });

  it('starts from a downstream node (node.start() reaches the sources) or with start: true', async () => {
    const sched = new VirtualScheduler();
    const source = Stream.fromIterable([1, 2], { scheduler: sched });
    const doubled = source.map((x: number) => 2 * x);
    const out = doubled.sinkToList();
    doubled.start();
    await sched.advance(0);
    expect(out).toEqual([2, 4]);

    const auto = Stream.fromIterable([7], { scheduler: sched, start: true });
    const out2 = auto.sinkToList(); // built after the source, in the same tick: still receives
    await sched.advance(0);
    expect(out2).toEqual([7]);
  });
});

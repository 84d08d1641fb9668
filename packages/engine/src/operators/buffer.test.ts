import { describe, expect, it } from 'vitest';
import { BufferNode, flushMicrotasks, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

/** A promise settled by hand. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('buffer', () => {
  it('accepts n waiting elements plus the one the idle consumer took before back-pressure (verified)', async () => {
    // streamz 0.6.4, buffer(2) with a blocked async sink: put futures done for 0, 1, 2; pending for 3, 4.
    const { sched, source } = onVirtualClock();
    const g = gate();
    const node = source.buffer(2);
    const out = recordTimed(node, sched, () => g.promise);
    const results = [0, 1, 2, 3, 4].map((i) => source.emit(i));
    expect(results.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(results[3]).toBeInstanceOf(Promise);
    expect(results[4]).toBeInstanceOf(Promise);
    await flushMicrotasks();
    expect(out.map(([, x]) => x)).toEqual([0]);
    expect(node.queued).toBe(4); // 1, 2 in the queue; 3, 4 held with their blocked producers
    expect(node.capacity).toBe(2);
  });

  it('resolves a blocked producer when room frees, one element in flight, order preserved', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.buffer(2), sched, () => sleep(sched, 100));
    const settled: Array<[number, number]> = [];
    for (let i = 0; i < 5; i++) {
      const p = source.emit(i);
      if (p !== undefined) void p.then(() => settled.push([sched.now(), i]));
    }
    await at(1000);
    expect(out).toEqual([
      [0, 0],
      [100, 1],
      [200, 2],
      [300, 3],
      [400, 4],
    ]);
    // 3 enters the queue when the consumer takes 1 (at 100), 4 when it takes 2 (at 200).
    expect(settled).toEqual([
      [100, 3],
      [200, 4],
    ]);
  });

  it('emits on the next tick and drains synchronously while downstream is synchronous', async () => {
    const { sched, source } = onVirtualClock();
    const out = recordTimed(source.buffer(2), sched);
    expect(source.emit(1)).toBeUndefined();
    expect(source.emit(2)).toBeUndefined();
    expect(source.emit(3)).toBeUndefined();
    expect(out).toEqual([]);
    await flushMicrotasks();
    expect(out.map(([, x]) => x)).toEqual([1, 2, 3]);
  });

  it('lets a producer that awaits emit() run at the consumer pace', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.buffer(1), sched, () => sleep(sched, 10));
    const produced: number[] = [];
    void (async () => {
      for (let i = 0; i < 6; i++) {
        await source.emit(i);
        produced.push(sched.now());
      }
    })();
    await at(100);
    expect(out.map(([t]) => t)).toEqual([0, 10, 20, 30, 40, 50]);
    // 0 taken, 1 queued, 2 blocks until 0 is done (10), 3 until 20, …
    expect(produced).toEqual([0, 0, 10, 20, 30, 40]);
  });

  it('n = 0 is unbounded (tornado Queue(maxsize=0)); negative n throws', () => {
    const { sched, source } = onVirtualClock();
    const node = source.buffer(0);
    recordTimed(node, sched, () => gate().promise);
    for (let i = 0; i < 1000; i++) expect(source.emit(i)).toBeUndefined();
    expect(node.capacity).toBeUndefined();
    expect(() => source.buffer(-1)).toThrow(RangeError);
  });

  it('reports a downstream error and goes on with the next element', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.buffer(5);
    const out = recordTimed(node, sched, (x) => {
      if (x === 2) throw new Error('boom');
      if (x === 3) return Promise.reject(new Error('async boom'));
      return undefined;
    });
    for (let i = 1; i <= 4; i++) source.emit(i);
    await at(0);
    expect(out.map(([, x]) => x)).toEqual([1, 2, 3, 4]);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([
      ['boom', node],
      ['async boom', node],
    ]);
    source.emit(5);
    await at(1);
    expect(out.map(([, x]) => x)).toEqual([1, 2, 3, 4, 5]);
  });

  it('destroy() stops the consumer and releases blocked producers', async () => {
    const { sched, source, at } = onVirtualClock();
    const g = gate();
    const node = source.buffer(1);
    const out = recordTimed(node, sched, () => g.promise);
    source.emit(0);
    source.emit(1);
    const blocked = source.emit(2)!;
    let released = false;
    void blocked.then(() => (released = true));
    await at(0);
    node.destroy();
    await flushMicrotasks();
    expect(released).toBe(true);
    expect(node.queued).toBe(0);
    g.open();
    await at(100);
    expect(out.map(([, x]) => x)).toEqual([0]);
    expect(sched.pending).toBe(0);
  });

  it('is labelled like streamz', () => {
    const node = onVirtualClock().source.buffer(3);
    expect(node).toBeInstanceOf(BufferNode);
    expect(String(node)).toBe('<buffer>');
  });
});

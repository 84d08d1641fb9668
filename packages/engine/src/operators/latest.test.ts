import { describe, expect, it } from 'vitest';
import { LatestNode, flushMicrotasks, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

describe('latest', () => {
  it('goes out on the next tick; a burst within one tick collapses to its last element', async () => {
    const { sched, source } = onVirtualClock();
    const node = source.latest();
    const out = recordTimed(node, sched);
    expect(source.emit(1)).toBeUndefined();
    expect(source.emit(2)).toBeUndefined();
    expect(source.emit(3)).toBeUndefined();
    expect(out).toEqual([]);
    expect(node.queued).toBe(1);
    await flushMicrotasks();
    expect(out).toEqual([[0, 3]]);
    expect(node.dropped).toBe(2);
    expect(node.queued).toBe(0);
  });

  it('keeps only the newest element while downstream is busy and sends it when downstream is free', async () => {
    // streamz 0.6.4 loses the wake-up while busy (Condition.notify with no waiter): there, 3 waits
    // for the next arrival and is replaced by 4, giving [(50, 1), (600, 4)]. See the class docs.
    const { sched, source, at } = onVirtualClock();
    const node = source.latest();
    const out = recordTimed(node, sched, () => sleep(sched, 200));
    await at(50);
    source.emit(1);
    await at(100);
    source.emit(2);
    source.emit(3);
    expect(node.dropped).toBe(1);
    await at(600);
    source.emit(4);
    await at(1000);
    expect(out).toEqual([
      [50, 1],
      [250, 3],
      [600, 4],
    ]);
  });

  it('passes every element through when downstream keeps up', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.latest(), sched);
    for (let t = 0; t < 5; t++) {
      await at(t * 10);
      source.emit(t);
    }
    await at(100);
    expect(out.map(([, x]) => x)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reports downstream errors and keeps going', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.latest();
    const out = recordTimed(node, sched, (x) => {
      if (x === 1) throw new Error('boom');
      if (x === 2) return Promise.reject(new Error('async boom'));
      return undefined;
    });
    source.emit(1);
    await at(1);
    source.emit(2);
    await at(2);
    source.emit(3);
    await at(3);
    expect(out.map(([, x]) => x)).toEqual([1, 2, 3]);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([
      ['boom', node],
      ['async boom', node],
    ]);
  });

  it('destroy() forgets the waiting element and stops', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.latest();
    const out = recordTimed(node, sched, () => sleep(sched, 100));
    source.emit(1);
    await at(10);
    source.emit(2);
    node.destroy();
    expect(node.queued).toBe(0);
    await at(500);
    expect(out.map(([, x]) => x)).toEqual([1]);
    expect(sched.pending).toBe(0);
  });

  it('is labelled like streamz', () => {
    const node = onVirtualClock().source.latest();
    expect(node).toBeInstanceOf(LatestNode);
    expect(node.capacity).toBe(1);
    expect(String(node)).toBe('<latest>');
  });
});

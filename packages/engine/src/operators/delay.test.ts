import { describe, expect, it } from 'vitest';
import { DelayNode, Stream, VirtualScheduler, flushMicrotasks, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

describe('delay', () => {
  it('paces a burst and lets the first two after idle go back to back (verified in streamz)', async () => {
    // streamz 0.6.4, delay(0.1): burst 0..3 at 500 ms, 'a' at 1000, 'b' at 1050 gave
    // [(500, 0), (500, 1), (600, 2), (700, 3), (1000, 'a'), (1050, 'b')].
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.delay(100), sched);
    await at(500);
    for (let i = 0; i < 4; i++) expect(source.emit(i)).toBeUndefined();
    await at(1000);
    source.emit('a');
    await at(1050);
    source.emit('b');
    await at(2000);
    expect(out).toEqual([
      [500, 0],
      [500, 1],
      [600, 2],
      [700, 3],
      [1000, 'a'],
      [1050, 'b'],
    ]);
  });

  it('emits on the next tick, not inside emit(), and not later', async () => {
    const { sched, source } = onVirtualClock();
    const out = recordTimed(source.delay(100), sched);
    expect(source.emit(1)).toBeUndefined();
    expect(out).toEqual([]);
    await flushMicrotasks();
    expect(out).toEqual([[0, 1]]);
  });

  it('paces queued elements interval apart from the start of each turn', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.delay(100), sched);
    source.emit(1);
    source.emit(2);
    await at(30);
    source.emit(3);
    await at(130);
    source.emit(4); // the consumer sleeps until 300: 4 waits its turn
    await at(1000);
    expect(out).toEqual([
      [0, 1],
      [100, 2],
      [200, 3],
      [300, 4],
    ]);
  });

  it('waits for downstream promises; their time counts towards the interval', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.delay(100), sched, () => sleep(sched, 150));
    source.emit(1);
    source.emit(2);
    source.emit(3);
    await at(1000);
    expect(out).toEqual([
      [0, 1],
      [150, 2],
      [300, 3],
    ]);
  });

  it('applies no back-pressure, even with a slow downstream', async () => {
    const { sched, source } = onVirtualClock();
    recordTimed(source.delay(100), sched, () => sleep(sched, 1000));
    for (let i = 0; i < 10; i++) expect(source.emit(i)).toBeUndefined();
  });

  it('drops the OLDEST waiting element beyond limit and counts it', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.delay(100, { limit: 2 });
    const out = recordTimed(node, sched);
    for (let i = 1; i <= 5; i++) source.emit(i);
    // 1 was handed to the idle consumer at once; 2 and 3 were pushed out by 4 and 5.
    expect(node.queued).toBe(2);
    expect(node.dropped).toBe(2);
    expect(node.capacity).toBe(2);
    await at(1000);
    expect(out).toEqual([
      [0, 1],
      [100, 4],
      [200, 5],
    ]);
    expect(node.queued).toBe(0);
  });

  it('defaults limit to 100 000; Infinity is unbounded', () => {
    const { source } = onVirtualClock();
    expect(source.delay(10).capacity).toBe(100_000);
    expect(source.delay(10, { limit: Infinity }).capacity).toBeUndefined();
    expect(() => source.delay(10, { limit: 0 })).toThrow(RangeError);
    expect(() => source.delay(-1)).toThrow(RangeError);
  });

  it('reports a downstream error and keeps delivering and pacing', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.delay(100);
    const out = recordTimed(node, sched, (x) => {
      if (x === 2) throw new Error('boom');
    });
    source.emit(1);
    source.emit(2);
    source.emit(3);
    await at(1000);
    expect(out).toEqual([
      [0, 1],
      [100, 2],
      [200, 3],
    ]);
    expect(sched.errors).toHaveLength(1);
    expect((sched.errors[0]!.error as Error).message).toBe('boom');
    expect(sched.errors[0]!.node).toBe(node);
  });

  it('reports a rejected downstream promise and goes on', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.delay(100), sched, (x) =>
      x === 1 ? Promise.reject(new Error('async boom')) : undefined,
    );
    source.emit(1);
    source.emit(2);
    await at(500);
    expect(out.map(([, x]) => x)).toEqual([1, 2]);
    expect(sched.errors.map((e) => (e.error as Error).message)).toEqual(['async boom']);
  });

  it('destroy() cancels the pacing timer and forgets the queue', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.delay(100);
    const out = recordTimed(node, sched);
    for (let i = 0; i < 5; i++) source.emit(i);
    await at(0);
    expect(out).toEqual([[0, 0]]);
    expect(sched.pending).toBe(1);
    node.destroy();
    expect(sched.pending).toBe(0);
    expect(node.queued).toBe(0);
    await at(1000);
    expect(out).toEqual([[0, 0]]);
  });

  it('destroy() before the next tick stops the element handed over', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.delay(100);
    const out = recordTimed(node, sched);
    source.emit(1);
    node.destroy();
    await at(500);
    expect(out).toEqual([]);
    expect(sched.pending).toBe(0);
  });

  it('destroy() called by downstream during an emission leaves no timer', async () => {
    const { sched, source, at } = onVirtualClock();
    const node: DelayNode<number> = source.delay(100);
    const out = recordTimed(node, sched, () => node.destroy());
    source.emit(1);
    source.emit(2);
    await at(0);
    expect(out.map(([, x]) => x)).toEqual([1]);
    expect(sched.pending).toBe(0);
  });

  it('is labelled like streamz (interval in ms)', () => {
    const { source } = onVirtualClock();
    const node = source.delay(100);
    expect(node).toBeInstanceOf(DelayNode);
    expect(String(node)).toBe('<delay: 100>');
  });
});

describe('delay under load', () => {
  it('keeps the newest limit elements of a large burst, in order', async () => {
    const sched = new VirtualScheduler();
    const source = new Stream<number>(null, { scheduler: sched });
    const node = source.delay(0, { limit: 100_000 });
    const out = node.sinkToList();
    for (let i = 0; i < 300_000; i++) source.emit(i);
    expect(node.dropped).toBe(199_999);
    await sched.advance(0);
    expect(out).toHaveLength(100_001);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(200_000);
    expect(out[100_000]).toBe(299_999);
  });
});

import { describe, expect, it } from 'vitest';
import { PartitionNode, Stream, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

describe('partition', () => {
  it('emits groups of n synchronously and never flushes the rest (streamz docstring)', () => {
    const { source } = onVirtualClock();
    const node = source.partition(3);
    const out = node.sinkToList();
    for (let i = 0; i < 10; i++) expect(source.emit(i)).toBeUndefined();
    expect(out).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
    expect(node.queued).toBe(1);
    expect(node.capacity).toBe(3);
  });

  it('groups by a key function, emitting partitions in the order they fill (streamz docstring)', () => {
    const { source } = onVirtualClock();
    const out = source.partition(2, { key: (x: number) => x % 2 }).sinkToList();
    for (let i = 0; i < 4; i++) source.emit(i);
    expect(out).toEqual([
      [0, 2],
      [1, 3],
    ]);
    const out2 = source.partition(2, { key: (x: number) => (x < 10 ? 'a' : 'b') }).sinkToList();
    for (const x of [1, 11, 12, 2]) source.emit(x);
    expect(out2).toEqual([
      [11, 12],
      [1, 2],
    ]);
  });

  it('groups by x[key] for any other key, with Python indexing and dict-key equality', () => {
    const s1 = new Stream<any>();
    const byName = s1.partition(2, { key: 'k' }).sinkToList();
    s1.emit({ k: 'x', v: 1 });
    s1.emit({ k: 'y', v: 2 });
    s1.emit({ k: 'x', v: 3 });
    expect(byName).toEqual([
      [
        { k: 'x', v: 1 },
        { k: 'x', v: 3 },
      ],
    ]);
    expect(() => s1.emit({ v: 4 })).toThrow(expect.objectContaining({ name: 'KeyError' }));

    const s2 = new Stream<number[]>();
    const byLast = s2.partition(2, { key: -1 }).sinkToList();
    s2.emit([1, 9]);
    s2.emit([2, 8]);
    s2.emit([3, 9]);
    expect(byLast).toEqual([
      [
        [1, 9],
        [3, 9],
      ],
    ]);

    // 1, 1.0 and true are one dict key in Python; arrays (tuples) compare by value.
    const s3 = new Stream<any>();
    const pyKeys = s3.partition(3, { key: (x: any) => x.k }).sinkToList();
    s3.emit({ k: 1 });
    s3.emit({ k: [1, 2] });
    s3.emit({ k: true });
    s3.emit({ k: [1, 2] });
    s3.emit({ k: 1.0 });
    expect(pyKeys).toEqual([[{ k: 1 }, { k: true }, { k: 1.0 }]]);
  });

  it('flushes a partial group timeout ms after its first element; later elements do not reset the timer (verified)', async () => {
    // streamz 0.6.4, partition(5, timeout=1): 0 at 0, 1 at 500, 2 at 900, 3 at 1200 gave
    // [(1000, (0, 1, 2)), (2200, (3,))].
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.partition(5, { timeout: 1000 }), sched);
    source.emit(0);
    await at(500);
    source.emit(1);
    await at(900);
    source.emit(2);
    await at(1000);
    expect(out).toEqual([[1000, [0, 1, 2]]]);
    await at(1200);
    source.emit(3); // enters an empty group: a new timer
    await at(3000);
    expect(out).toEqual([
      [1000, [0, 1, 2]],
      [2200, [3]],
    ]);
    expect(sched.pending).toBe(0);
  });

  it('cancels the timer when a group fills, and arms one per key', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.partition(2, { timeout: 100, key: (x: string) => x[0] }), sched);
    source.emit('a1');
    await at(10);
    source.emit('b1');
    source.emit('a2');
    expect(out).toEqual([[10, ['a1', 'a2']]]);
    expect(sched.pending).toBe(1);
    await at(500);
    expect(out).toEqual([
      [10, ['a1', 'a2']],
      [110, ['b1']],
    ]);
  });

  it('n = 1 with a timeout emits at once and sets no timer', () => {
    const { sched, source } = onVirtualClock();
    const out = source.partition(1, { timeout: 100 }).sinkToList();
    source.emit(1);
    expect(out).toEqual([[1]]);
    expect(sched.pending).toBe(0);
    expect(() => source.partition(0)).toThrow(RangeError);
  });

  it("returns downstream's promise when a group fills", async () => {
    const { sched, source, at } = onVirtualClock();
    recordTimed(source.partition(2), sched, () => sleep(sched, 50));
    expect(source.emit(1)).toBeUndefined();
    const p = source.emit(2);
    expect(p).toBeInstanceOf(Promise);
    let settledAt = -1;
    void p!.then(() => (settledAt = sched.now()));
    await at(100);
    expect(settledAt).toBe(50);
  });

  it('lets a synchronous error escape emit(); reports an error of a timeout flush and keeps working', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.partition(2, { timeout: 100 });
    const out = recordTimed(node, sched, (p) => {
      if (p.includes('bad')) throw new Error('boom');
      if (p.includes('async bad')) return Promise.reject(new Error('async boom'));
      return undefined;
    });
    source.emit('bad');
    expect(() => source.emit('x')).toThrow('boom');
    source.emit('bad');
    await at(100);
    source.emit('async bad');
    await at(200);
    source.emit(1);
    source.emit(2);
    expect(out.map(([t, p]) => [t, p])).toEqual([
      [0, ['bad', 'x']],
      [100, ['bad']],
      [200, ['async bad']],
      [200, [1, 2]],
    ]);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([
      ['boom', node],
      ['async boom', node],
    ]);
  });

  it('destroy() cancels every timer', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.partition(3, { timeout: 100, key: (x: number) => x % 3 });
    const out = recordTimed(node, sched);
    source.emit(0);
    source.emit(1);
    source.emit(2);
    expect(sched.pending).toBe(3);
    expect(node.queued).toBe(3);
    expect(node.capacity).toBeUndefined();
    node.destroy();
    expect(sched.pending).toBe(0);
    expect(node.queued).toBe(0);
    await at(1000);
    expect(out).toEqual([]);
  });

  it('is labelled like streamz', () => {
    const node = onVirtualClock().source.partition(3);
    expect(node).toBeInstanceOf(PartitionNode);
    expect(String(node)).toBe('<partition: 3>');
  });
});

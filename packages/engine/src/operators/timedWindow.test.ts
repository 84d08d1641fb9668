import { describe, expect, it } from 'vitest';
import { TimedWindowNode, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

describe('timedWindow', () => {
  it('emits lists every interval, [] included, the first right after construction (verified)', async () => {
    // streamz 0.6.4, timed_window(0.1): 1, 2 at 20 ms and 3 at 350 ms gave
    // [(0, []), (100, [1, 2]), (200, []), (300, []), (400, [3])].
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.timedWindow(100), sched);
    await at(20);
    expect(source.emit(1)).toBeUndefined();
    source.emit(2);
    await at(350);
    source.emit(3);
    await at(450);
    expect(out).toEqual([
      [0, []],
      [100, [1, 2]],
      [200, []],
      [300, []],
      [400, [3]],
    ]);
  });

  it('emits the first window on the next scheduler tick, not inside the constructor', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched);
    expect(out).toEqual([]);
    expect(sched.pending).toBe(1);
    source.emit('same tick');
    await at(0);
    expect(out).toEqual([[0, ['same tick']]]);
  });

  it("drifts by downstream's time and hands back the previous window's promise (verified)", async () => {
    // streamz 0.6.4, timed_window(0.1) with a 50 ms async sink, 1 at 20 ms: emit returned a pending
    // future; windows at 0, 150, 300, 450 with [1] in the second.
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.timedWindow(100), sched, () => sleep(sched, 50));
    await at(20);
    const p = source.emit(1);
    expect(p).toBeInstanceOf(Promise);
    let settledAt = -1;
    void p!.then(() => (settledAt = sched.now()));
    await at(60);
    expect(settledAt).toBe(50);
    expect(source.emit(2)).toBeUndefined(); // the previous window is done
    await at(460);
    expect(out).toEqual([
      [0, []],
      [150, [1, 2]],
      [300, []],
      [450, []],
    ]);
  });

  it('emits a new array each time and buffers in queued', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched);
    await at(0);
    source.emit(1);
    source.emit(2);
    expect(node.queued).toBe(2);
    expect(node.capacity).toBeUndefined();
    await at(100);
    expect(node.queued).toBe(0);
    const first = out[1]![1];
    source.emit(3);
    await at(200);
    expect(first).toEqual([1, 2]);
    expect(out[2]![1]).toEqual([3]);
  });

  it('reports a downstream error and keeps emitting windows', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched, (w) => {
      if (w.includes('bad')) throw new Error('boom');
      if (w.includes('async bad')) return Promise.reject(new Error('async boom'));
      return undefined;
    });
    await at(50);
    source.emit('bad');
    await at(150);
    const p = source.emit('async bad');
    await at(250);
    expect(source.emit('ok')).toBeUndefined();
    await at(300);
    expect(out).toEqual([
      [0, []],
      [100, ['bad']],
      [200, ['async bad']],
      [300, ['ok']],
    ]);
    expect(p).toBeUndefined();
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([
      ['boom', node],
      ['async boom', node],
    ]);
  });

  it('resolves the promise it hands upstream even when the window failed downstream', async () => {
    const { sched, source, at } = onVirtualClock();
    recordTimed(source.timedWindow(100), sched, (w) =>
      w.length === 0 ? sleep(sched, 10).then(() => Promise.reject(new Error('late'))) : undefined,
    );
    await at(0);
    const p = source.emit(1)!;
    const outcome = p.then(
      () => 'resolved',
      () => 'rejected',
    );
    await at(20);
    expect(await outcome).toBe('resolved');
    expect(sched.errors).toHaveLength(1);
  });

  it('destroy() cancels the timer and stops the loop', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched);
    await at(50);
    source.emit(1);
    node.destroy();
    expect(sched.pending).toBe(0);
    expect(node.queued).toBe(0);
    await at(1000);
    expect(out).toEqual([[0, []]]);
  });

  it('destroy() while downstream is busy stops the loop too', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched, () => sleep(sched, 50));
    await at(10);
    node.destroy();
    await at(1000);
    expect(out).toEqual([[0, []]]);
    expect(sched.pending).toBe(0);
  });

  it('restarts its loop when an element reaches it after destroy() (connected again)', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.timedWindow(100);
    const out = recordTimed(node, sched);
    await at(50);
    node.destroy();
    source.connect(node);
    await at(70);
    source.emit(1);
    await at(270);
    expect(out).toEqual([
      [0, []],
      [70, [1]],
      [170, []],
      [270, []],
    ]);
    node.destroy();
    expect(sched.pending).toBe(0);
  });

  it('destroy() called by downstream during an emission leaves no timer', async () => {
    const { sched, source, at } = onVirtualClock();
    const node: TimedWindowNode<number> = source.timedWindow(100);
    const out = recordTimed(node, sched, () => node.destroy());
    await at(500);
    expect(out).toEqual([[0, []]]);
    expect(sched.pending).toBe(0);
  });

  it('requires interval > 0', () => {
    expect(() => onVirtualClock().source.timedWindow(0)).toThrow(RangeError);
  });

  it('is labelled like streamz (interval in ms)', () => {
    const node = onVirtualClock().source.timedWindow(200);
    expect(node).toBeInstanceOf(TimedWindowNode);
    expect(String(node)).toBe('<timed_window: 200>');
    node.destroy();
  });
});

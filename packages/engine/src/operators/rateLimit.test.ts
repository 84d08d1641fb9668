import { describe, expect, it } from 'vitest';
import { RateLimitNode, flushMicrotasks, sleep } from '../index.js';
import { onVirtualClock, recordTimed } from '../testing/virtualClock.js';

describe('rateLimit', () => {
  it('passes the first element synchronously inside emit()', () => {
    const { sched, source } = onVirtualClock();
    const out = recordTimed(source.rateLimit(100), sched);
    expect(source.emit(1)).toBeUndefined();
    expect(out).toEqual([[0, 1]]);
  });

  it('spaces a burst interval apart (streamz: next = max(now, next) + interval)', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.rateLimit(100), sched);
    for (let i = 0; i < 4; i++) source.emit(i);
    await at(1000);
    expect(out).toEqual([
      [0, 0],
      [100, 1],
      [200, 2],
      [300, 3],
    ]);
  });

  it('lets an element through at once after a quiet interval, and holds one that comes too soon (verified)', async () => {
    // streamz 0.6.4, rate_limit(0.1): a at 0, b at 250, c at 300 gave [(0, a), (250, b), (350, c)].
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.rateLimit(100), sched);
    source.emit('a');
    await at(250);
    expect(source.emit('b')).toBeUndefined();
    await at(300);
    expect(source.emit('c')).toBeInstanceOf(Promise);
    await at(1000);
    expect(out).toEqual([
      [0, 'a'],
      [250, 'b'],
      [350, 'c'],
    ]);
  });

  it("returns a promise that resolves after the element went downstream, including downstream's promise", async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.rateLimit(100), sched, () => sleep(sched, 50));
    const first = source.emit(1);
    expect(first).toBeInstanceOf(Promise); // downstream's own promise, passed through
    const second = source.emit(2)!;
    let settledAt = -1;
    void second.then(() => (settledAt = sched.now()));
    await at(99);
    expect(out.map(([, x]) => x)).toEqual([1]);
    expect(settledAt).toBe(-1);
    await at(100);
    expect(out).toEqual([
      [0, 1],
      [100, 2],
    ]);
    expect(settledAt).toBe(-1);
    await at(150);
    expect(settledAt).toBe(150);
  });

  it('gives back-pressure: a producer awaiting emit() goes at the limited pace', async () => {
    const { sched, source, at } = onVirtualClock();
    const out = recordTimed(source.rateLimit(10), sched);
    void (async () => {
      for (let i = 0; i < 5; i++) await source.emit(i);
    })();
    await at(100);
    expect(out.map(([t]) => t)).toEqual([0, 10, 20, 30, 40]);
  });

  it("terminates the blog post's Fibonacci feedback loop and paces it (verified)", async () => {
    // streamz 0.6.4: source.sliding_window(2).map(sum), .rate_limit(0.05).sink(source.emit),
    // source.emit(1) gave [1, 2, 3, 5, 8, 13] after 220 ms.
    const { sched, source, at } = onVirtualClock();
    const sums = source.slidingWindow(2).map((w: number[]) => w.reduce((a, b) => a + b, 0));
    const out = recordTimed(sums, sched);
    sums.rateLimit(50).sink((x: number) => source.emit(x));
    source.emit(1);
    await at(220);
    expect(out).toEqual([
      [0, 1],
      [0, 2],
      [50, 3],
      [100, 5],
      [150, 8],
      [200, 13],
    ]);
    sums.downstreams[1]!.destroy();
    expect(sched.pending).toBe(0);
  });

  it('holds waiting elements in queued', async () => {
    const { source } = onVirtualClock();
    const node = source.rateLimit(100);
    for (let i = 0; i < 3; i++) source.emit(i);
    expect(node.queued).toBe(2);
    expect(node.capacity).toBeUndefined();
  });

  it('throws synchronously on the immediate path; reports errors of a delayed emission and keeps going', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.rateLimit(100);
    const out = recordTimed(node, sched, (x) => {
      if (x === 'bad') throw new Error('boom');
    });
    expect(() => source.emit('bad')).toThrow('boom');
    const p = source.emit('bad')!;
    source.emit('ok');
    let resolved = false;
    void p.then(() => (resolved = true));
    await at(300);
    expect(resolved).toBe(true);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([['boom', node]]);
    expect(out.map(([t, x]) => [t, x])).toEqual([
      [0, 'bad'],
      [100, 'bad'],
      [200, 'ok'],
    ]);
  });

  it("rejects the element's promise when downstream's promise rejects (as streamz's future)", async () => {
    const { sched, source, at } = onVirtualClock();
    recordTimed(source.rateLimit(100), sched, () => Promise.reject(new Error('async boom')));
    void source.emit(1)?.catch(() => undefined);
    const p = source.emit(2)!;
    const caught = p.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await at(100);
    expect(await caught).toBe('async boom');
  });

  it('destroy() cancels waiting elements, resolves their promises, and leaves no timer', async () => {
    const { sched, source, at } = onVirtualClock();
    const node = source.rateLimit(100);
    const out = recordTimed(node, sched);
    source.emit(1);
    const p = source.emit(2)!;
    source.emit(3);
    expect(sched.pending).toBe(2);
    node.destroy();
    expect(sched.pending).toBe(0);
    expect(node.queued).toBe(0);
    let resolved = false;
    void p.then(() => (resolved = true));
    await flushMicrotasks();
    expect(resolved).toBe(true);
    await at(1000);
    expect(out.map(([, x]) => x)).toEqual([1]);
  });

  it('is labelled like streamz (interval in ms)', () => {
    const node = onVirtualClock().source.rateLimit(500);
    expect(node).toBeInstanceOf(RateLimitNode);
    expect(String(node)).toBe('<rate_limit: 500>');
  });
});

import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import { RunScheduler } from './runScheduler.js';

describe('RunScheduler', () => {
  it('runs timers on the host clock and forwards errors with their node', async () => {
    const host = new VirtualScheduler(5);
    const errors: unknown[][] = [];
    const s = new RunScheduler(host, (e, n) => errors.push([e, n]));
    expect(s.now()).toBe(5);
    const fired: number[] = [];
    s.setTimeout(() => fired.push(s.now()), 10);
    const h = s.setTimeout(() => fired.push(-1), 20);
    s.clearTimeout(h);
    s.clearTimeout(h);
    expect(s.pending).toBe(1);
    await host.advance(30);
    expect(fired).toEqual([15]);
    expect(s.pending).toBe(0);
    s.reportError('e', 'node');
    expect(errors).toEqual([['e', 'node']]);
  });

  it('catches what a timer callback throws', async () => {
    const host = new VirtualScheduler();
    const errors: unknown[] = [];
    const s = new RunScheduler(host, (e, n) => errors.push(e, n));
    s.setTimeout(() => {
      throw new Error('tick');
    }, 1);
    await host.advance(1);
    expect(errors).toEqual([new Error('tick'), undefined]);
  });

  it('close() cancels every timer and refuses new ones', async () => {
    const host = new VirtualScheduler();
    const s = new RunScheduler(host, () => undefined);
    let fired = 0;
    s.setTimeout(() => fired++, 1);
    s.setTimeout(() => fired++, 2);
    s.close();
    expect(host.pending).toBe(0);
    const late = s.setTimeout(() => fired++, 1);
    s.clearTimeout(late);
    expect(s.isClosed).toBe(true);
    await host.advance(10);
    expect(fired).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { FromPeriodicSource, Stream, VirtualScheduler, fromPeriodic, sleep } from '../index.js';

function record<T>(node: Stream<T>, sched: VirtualScheduler, work?: (x: T) => unknown): Array<[number, T]> {
  const out: Array<[number, T]> = [];
  node.sink((x: T) => {
    out.push([sched.now(), x]);
    return work?.(x);
  });
  return out;
}

describe('Stream.fromPeriodic', () => {
  it('emits callback() every pollInterval ms once started', async () => {
    const sched = new VirtualScheduler();
    let i = 0;
    const source = Stream.fromPeriodic(() => i++, 100, { scheduler: sched });
    expect(source).toBeInstanceOf(FromPeriodicSource);
    expect(String(source)).toBe('<from_periodic>');
    const out = record(source, sched);
    await sched.advance(500);
    expect(out).toEqual([]);
    source.start();
    await sched.advance(350);
    expect(out).toEqual([
      [500, 0],
      [600, 1],
      [700, 2],
      [800, 3],
    ]);
  });

  it('defaults to 100 ms (streamz: 0.1 s)', async () => {
    const sched = new VirtualScheduler();
    const source = fromPeriodic(() => 'x', undefined, { scheduler: sched });
    const out = record(source, sched);
    source.start();
    await sched.advance(250);
    expect(out.map(([t]) => t)).toEqual([0, 100, 200]);
    source.destroy();
  });

  it('stop() lets the current sleep finish, then the loop ends; start() resumes', async () => {
    const sched = new VirtualScheduler();
    let i = 0;
    const source = fromPeriodic(() => i++, 100, { scheduler: sched });
    const out = record(source, sched);
    source.start();
    await sched.advance(150);
    source.stop();
    expect(sched.pending).toBe(1); // the sleep until 200 finishes
    await sched.advance(100);
    expect(sched.pending).toBe(0);
    expect(out.map(([t, x]) => [t, x])).toEqual([
      [0, 0],
      [100, 1],
    ]);
    source.start();
    await sched.advance(150);
    expect(out.map(([t, x]) => [t, x])).toEqual([
      [0, 0],
      [100, 1],
      [250, 2],
      [350, 3],
    ]);
    source.destroy();
  });

  it('stop() and start() within one sleep keep a single loop', async () => {
    const sched = new VirtualScheduler();
    const source = fromPeriodic(() => 1, 100, { scheduler: sched });
    const out = record(source, sched);
    source.start();
    await sched.advance(50);
    source.stop();
    source.start();
    await sched.advance(300);
    expect(out.map(([t]) => t)).toEqual([0, 100, 200, 300]);
    source.destroy();
  });

  it("waits for downstream's promise, so the period drifts by downstream's time", async () => {
    const sched = new VirtualScheduler();
    const source = fromPeriodic(() => 1, 100, { scheduler: sched });
    const out = record(source, sched, () => sleep(sched, 30));
    source.start();
    await sched.advance(400);
    expect(out.map(([t]) => t)).toEqual([0, 130, 260, 390]);
    expect(source.backpressureMs).toBe(90);
    source.destroy();
  });

  it('reports an error of the callback, emits nothing that cycle, and keeps polling', async () => {
    const sched = new VirtualScheduler();
    let i = 0;
    const source = fromPeriodic(
      () => {
        if (++i === 2) throw new Error('sensor down');
        return i;
      },
      100,
      { scheduler: sched },
    );
    const out = record(source, sched);
    source.start();
    await sched.advance(300);
    expect(out).toEqual([
      [0, 1],
      [200, 3],
      [300, 4],
    ]);
    expect(sched.errors.map((e) => [(e.error as Error).message, e.node])).toEqual([['sensor down', source]]);
    expect(source.stopped).toBe(false);
    source.destroy();
    expect(sched.pending).toBe(0);
  });

  it('rejects a callback that is not a function and a bad interval', () => {
    expect(() => fromPeriodic(42 as any)).toThrow(TypeError);
    expect(() => fromPeriodic(() => 1, -5)).toThrow(RangeError);
  });
});

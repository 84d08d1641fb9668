import { describe, expect, it } from 'vitest';
import { Source, Stream, VirtualScheduler, type SourceOptions } from '../index.js';

/** A source counting from 0 to `end` (exclusive); a new run continues the count. */
class Counter extends Source<number> {
  i = 0;
  runs = 0;
  constructor(
    readonly end: number,
    options?: SourceOptions,
    interval = 0,
  ) {
    super(options, interval);
  }
  protected override beginRun(): void {
    this.runs++;
  }
  protected override pull(): IteratorResult<number> {
    return this.i < this.end ? { done: false, value: this.i++ } : { done: true, value: undefined };
  }
}

describe('Source', () => {
  it("has streamz's start/stop flags: created stopped, start() schedules the loop", async () => {
    const sched = new VirtualScheduler();
    const source = new Counter(3, { scheduler: sched });
    const out = source.sinkToList();
    expect(source.stopped).toBe(true);
    expect(source.started).toBe(false);
    source.start();
    expect(source.stopped).toBe(false);
    expect(source.started).toBe(true);
    expect(out).toEqual([]); // not run inside start()
    expect(sched.pending).toBe(1);
    await sched.advance(0);
    expect(out).toEqual([0, 1, 2]);
    expect(source.stopped).toBe(true);
    expect(source.runs).toBe(1);
  });

  it('start() on a running source does nothing', async () => {
    const sched = new VirtualScheduler();
    const source = new Counter(3, { scheduler: sched }, 10);
    source.start();
    source.start();
    expect(sched.pending).toBe(1);
    await sched.runAll();
    expect(source.runs).toBe(1);
  });

  it('stop() sets the flag; the loop ends after its current cycle; start() begins a new run', async () => {
    const sched = new VirtualScheduler();
    const source = new Counter(10, { scheduler: sched }, 100);
    const out = source.sinkToList();
    source.start();
    await sched.advance(50);
    source.stop();
    expect(source.stopped).toBe(true);
    await sched.advance(1000);
    expect(out).toEqual([0]);
    source.start();
    await sched.advance(0);
    expect(out).toEqual([0, 1]);
    expect(source.runs).toBe(2);
    source.destroy();
  });

  it('reports an error of beginRun() and stays stopped', async () => {
    const sched = new VirtualScheduler();
    class Broken extends Counter {
      protected override beginRun(): void {
        throw new Error('cannot open');
      }
    }
    const source = new Broken(3, { scheduler: sched });
    source.start();
    await sched.advance(0);
    expect(source.stopped).toBe(true);
    expect(sched.errors.map((e) => (e.error as Error).message)).toEqual(['cannot open']);
  });

  it('is a Stream with no upstream that start() on downstream nodes reaches', async () => {
    const sched = new VirtualScheduler();
    const source = new Counter(2, { scheduler: sched });
    expect(source).toBeInstanceOf(Stream);
    expect(source.upstreams).toEqual([]);
    const out = source.map((x: number) => x + 1).sinkToList();
    source.downstreams[0]!.start();
    await sched.advance(0);
    expect(out).toEqual([1, 2]);
  });
});

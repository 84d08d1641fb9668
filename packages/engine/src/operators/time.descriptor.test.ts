// The time-based descriptors in tiny graphs on a virtual clock, built detached and wired as the
// compiler does: the times are streamz's (see streamz-semantics.md, "Time-based operators").
import { describe, expect, it } from 'vitest';
import { byType } from '../catalog/index.js';
import { chain, record, testHost } from '../catalog/testHost.js';
import type { Source } from '../sources/source.js';

const d = (type: string) => byType.get(type)!;

describe('time-based descriptors on a virtual clock', () => {
  it('rate_limit lets one element through per interval, the source waiting', async () => {
    const host = testHost();
    const [source, limiter] = chain(host, [
      [d('from_iterable'), { items: [1, 2, 3] }],
      [d('rate_limit'), { interval: 1000 }],
    ]);
    const seen = record(limiter!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen).toEqual([
      [0, 1],
      [1000, 2],
      [2000, 3],
    ]);
  });

  it('delay paces a burst interval ms apart, without back-pressure', async () => {
    const host = testHost();
    const [source, delay] = chain(host, [
      [d('from_iterable'), { items: ['a', 'b', 'c'] }],
      [d('delay'), { interval: 100 }],
    ]);
    const seen = record(delay!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen).toEqual([
      [0, 'a'],
      [100, 'b'],
      [200, 'c'],
    ]);
    expect((source as Source).stopped).toBe(true);
  });

  it('delay drops the oldest waiting element past its limit', async () => {
    const host = testHost();
    const [source, delay] = chain(host, [
      [d('from_iterable'), { items: [1, 2, 3, 4] }],
      [d('delay'), { interval: 10, limit: 1 }],
    ]);
    const seen = record(delay!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen.map(([, x]) => x)).toEqual([1, 4]);
    expect(delay!.dropped).toBe(2);
  });

  it('buffer passes everything in order', async () => {
    const host = testHost();
    const [source, buffer] = chain(host, [
      [d('from_iterable'), { items: [1, 2, 3, 4, 5] }],
      [d('buffer'), { n: 2 }],
    ]);
    const seen = record(buffer!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen).toEqual([1, 2, 3, 4, 5].map((x) => [0, x]));
  });

  it('timed_window emits lists every interval, [] first and for empty intervals', async () => {
    const host = testHost();
    const [source, window] = chain(host, [
      [d('counter'), { interval: 300, limit: 5 }],
      [d('timed_window'), { interval: 1000 }],
    ]);
    const seen = record(window!);
    source!.start();
    await host.scheduler.advance(3000);
    expect(seen).toEqual([
      [0, []],
      [1000, [0, 1, 2, 3]],
      [2000, [4]],
      [3000, []],
    ]);
    window!.destroy();
    expect(host.scheduler.pending).toBe(0);
  });

  it('latest keeps only the newest element of a burst', async () => {
    const host = testHost();
    const [source, latest] = chain(host, [
      [d('from_iterable'), { items: [1, 2, 3] }],
      [d('latest'), {}],
    ]);
    const seen = record(latest!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen).toEqual([[0, 3]]);
    expect(latest!.dropped).toBe(2);
  });

  it('partition emits a partial group after its timeout', async () => {
    const host = testHost();
    const [source, partition] = chain(host, [
      [d('counter'), { interval: 200, limit: 4 }],
      [d('partition'), { n: 3, timeout: 500 }],
    ]);
    const seen = record(partition!);
    source!.start();
    await host.scheduler.runAll();
    expect(seen).toEqual([
      [400, [0, 1, 2]],
      [1100, [3]],
    ]);
  });
});

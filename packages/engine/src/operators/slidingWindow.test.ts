import { describe, expect, it } from 'vitest';
import { SlidingWindowNode, Stream } from '../index.js';

describe('slidingWindow', () => {
  it('emits full windows only with returnPartial: false (streamz docstring)', () => {
    const source = new Stream<number>();
    const out = source.slidingWindow(3, { returnPartial: false }).sinkToList();
    for (let i = 0; i < 8; i++) source.emit(i);
    expect(out).toEqual([
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
      [4, 5, 6],
      [5, 6, 7],
    ]);
  });

  it('emits partial windows first by default (checked against streamz)', () => {
    const source = new Stream<number>();
    const out = source.slidingWindow(3).sinkToList();
    for (let i = 0; i < 5; i++) source.emit(i);
    expect(out).toEqual([[0], [0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4]]);
  });

  it('emits nothing before the window is full without partials, and never flushes', () => {
    const source = new Stream<number>();
    const w = source.slidingWindow(4, { returnPartial: false });
    const out = w.sinkToList();
    source.emit(1);
    source.emit(2);
    expect(out).toEqual([]);
    expect(w.queued).toBe(2);
    expect(w.capacity).toBe(4);
  });

  it('uses Python truthiness for returnPartial', () => {
    const source = new Stream<number>();
    const out = source.slidingWindow(2, { returnPartial: 0 as unknown as boolean }).sinkToList();
    source.emit(1);
    source.emit(2);
    expect(out).toEqual([[1, 2]]);
  });

  it('emits a fresh array every time, never mutated later', () => {
    const source = new Stream<number>();
    const out = source.slidingWindow(2).sinkToList();
    for (let i = 0; i < 20; i++) source.emit(i);
    expect(out[0]).toEqual([0]);
    expect(out[1]).toEqual([0, 1]);
    expect(out[2]).toEqual([1, 2]);
    expect(out[19]).toEqual([18, 19]);
    expect(new Set(out).size).toBe(20);
  });

  it('works with n = 1 and keeps null/undefined elements', () => {
    const source = new Stream<unknown>();
    const out = source.slidingWindow(1).sinkToList();
    source.emit(null);
    source.emit(undefined);
    source.emit(3);
    expect(out).toEqual([[null], [undefined], [3]]);
  });

  it('handles windows larger than the initial ring capacity', () => {
    const source = new Stream<number>();
    const out = source.slidingWindow(50, { returnPartial: false }).sinkToList();
    for (let i = 0; i < 120; i++) source.emit(i);
    expect(out).toHaveLength(71);
    expect(out[0]).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(out[70]).toEqual(Array.from({ length: 50 }, (_, i) => i + 70));
  });

  it('rejects a negative or non-integer n as Python does, and 0', () => {
    const source = new Stream<number>();
    expect(() => source.slidingWindow(-1)).toThrow('maxlen must be non-negative');
    expect(() => source.slidingWindow(1.5)).toThrow(/integer/);
    expect(() => source.slidingWindow(0)).toThrow(/at least 1/);
  });

  it('returns no promise on the synchronous path', () => {
    const source = new Stream<number>();
    source.slidingWindow(2).sinkToList();
    expect(source.emit(1)).toBeUndefined();
  });

  it('passes a downstream promise back as back-pressure', async () => {
    const source = new Stream<number>();
    const w = source.slidingWindow(2);
    w.sink(() => Promise.resolve());
    const p = source.emit(1);
    expect(p).toBeInstanceOf(Promise);
    await p;
  });

  it('is labelled like streamz', () => {
    const w = new Stream().slidingWindow(3);
    expect(w).toBeInstanceOf(SlidingWindowNode);
    expect(String(w)).toBe('<sliding_window: 3>');
    expect(w.kind).toBe('sliding_window');
  });
});

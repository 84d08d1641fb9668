import { describe, expect, it } from 'vitest';
import { SliceNode, Stream } from '../index.js';

function run(start?: number | null, end?: number | null, step?: number | null) {
  const source = new Stream<number>();
  const node = source.slice(start, end, step);
  const out = node.sinkToList();
  for (let i = 0; i < 10; i++) source.emit(i);
  return { out, attached: source.downstreams.length };
}

describe('slice', () => {
  it('matches streamz on every combination checked with real streamz', () => {
    // (args, output, len(source.downstreams)) from streamz 0.6.4 on range(10)
    const cases: [[number | null, number | null, number | null], number[], number][] = [
      [[2, 6, 2], [2, 4], 0],
      [[1, null, 2], [2, 4, 6, 8], 1],
      [[0, 0, null], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1],
      [[null, 3, null], [0, 1, 2], 0],
      [[3, null, null], [3, 4, 5, 6, 7, 8, 9], 1],
      [[null, null, 3], [0, 3, 6, 9], 1],
      [[1, 4, 0], [1, 2, 3], 0],
      [[0, 1, null], [0], 0],
      [[5, 3, null], [], 0],
    ];
    for (const [[start, end, step], expected, attached] of cases) {
      expect(run(start, end, step)).toEqual({ out: expected, attached });
    }
  });

  it('passes everything with no arguments', () => {
    expect(run().out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('throws ValueError for negative values at construction', () => {
    const source = new Stream<number>();
    expect(() => source.slice(-1)).toThrow('Negative indices not supported by slice');
    expect(() => source.slice(null, -1)).toThrow('Negative indices');
    expect(() => source.slice(null, null, -1)).toThrow('Negative indices');
    expect(source.downstreams).toHaveLength(0);
  });

  it('removes itself from every upstream after the end, keeping its own upstream list', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const node = a.slice(0, 2);
    b.connect(node);
    const out = node.sinkToList();
    a.emit(1);
    b.emit(2);
    expect(a.downstreams).toHaveLength(0);
    expect(b.downstreams).toHaveLength(0);
    expect(node.upstreams).toEqual([a, b]);
    a.emit(3);
    b.emit(4);
    expect(out).toEqual([1, 2]);
  });

  it('drops downstream promises (no back-pressure through a slice)', async () => {
    const source = new Stream<number>();
    let resolve!: () => void;
    const gate = new Promise<void>((r) => {
      resolve = r;
    });
    source.slice().sink(() => gate);
    expect(source.emit(1)).toBeUndefined();
    resolve();
    await gate;
  });

  it('reports a dropped promise that rejects to the scheduler instead of leaving it unhandled', async () => {
    const errors: unknown[] = [];
    const scheduler = {
      now: () => 0,
      setTimeout: () => 0,
      clearTimeout: () => undefined,
      reportError: (e: unknown) => errors.push(e),
    };
    const source = new Stream<number>(null, { scheduler });
    source.slice().sink(() => Promise.reject(new Error('late')));
    source.emit(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(errors).toHaveLength(1);
  });

  it('does not advance when delivery throws (the index is bumped after emit, as streamz)', () => {
    const source = new Stream<number>();
    const node = source.slice(0, 2);
    const out: number[] = [];
    node.sink((x) => {
      if (x === 1) throw new Error('boom');
      out.push(x);
    });
    expect(() => source.emit(1)).toThrow('boom');
    expect(node.index).toBe(0);
    source.emit(2);
    source.emit(3);
    source.emit(4);
    expect(out).toEqual([2, 3]);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().slice(1, 2);
    expect(node).toBeInstanceOf(SliceNode);
    expect(String(node)).toBe('<slice>');
  });
});

import { describe, expect, it } from 'vitest';
import { StarmapNode, Stream } from '../index.js';

describe('starmap', () => {
  it('splays each tuple into the arguments (streamz docstring)', () => {
    const source = new Stream<[number, number]>();
    const out = source.starmap((a: number, b: number) => a + b).sinkToList();
    for (let i = 0; i < 5; i++) source.emit([i, i]);
    expect(out).toEqual([0, 2, 4, 6, 8]);
  });

  it('appends the extra arguments after the tuple items (checked against streamz)', () => {
    // streamz: starmap(lambda a, b, c: (a, b, c), 10) on (1, 2) -> (1, 2, 10)
    const source = new Stream<[number, number]>();
    const out = source.starmap((a: number, b: number, c: number) => [a, b, c], 10).sinkToList();
    source.emit([1, 2]);
    expect(out).toEqual([[1, 2, 10]]);
  });

  it('calls func with no arguments for an empty tuple and emits undefined results', () => {
    const source = new Stream<unknown[]>();
    const out = source.starmap((...a: unknown[]) => (a.length === 0 ? undefined : a.length)).sinkToList();
    source.emit([]);
    source.emit([1, 2, 3]);
    expect(out).toEqual([undefined, 3]);
  });

  it('throws TypeError for an element that is not an array', () => {
    const source = new Stream<any>();
    const out = source.starmap(Math.max).sinkToList();
    expect(() => source.emit(1)).toThrow(expect.objectContaining({ name: 'TypeError' }));
    expect(() => source.emit(1)).toThrow("got 'int'");
    expect(() => source.emit('ab')).toThrow("got 'str'");
    expect(() => source.emit(null)).toThrow("got 'NoneType'");
    expect(() => source.emit({ a: 1 })).toThrow("got 'dict'");
    source.emit([1, 5]);
    expect(out).toEqual([5]);
  });

  it('lets an exception from func escape emit() and keeps working', () => {
    const source = new Stream<[number]>();
    const out = source
      .starmap((x: number) => {
        if (x === 2) throw new Error('boom');
        return x;
      })
      .sinkToList();
    source.emit([1]);
    expect(() => source.emit([2])).toThrow('boom');
    source.emit([3]);
    expect(out).toEqual([1, 3]);
  });

  it('rejects a non-function', () => {
    expect(() => new Stream().starmap(5 as unknown as () => void)).toThrow(TypeError);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().starmap(Math.max);
    expect(node).toBeInstanceOf(StarmapNode);
    expect(String(node)).toBe('<starmap: max>');
  });
});

import { describe, expect, it } from 'vitest';
import { PluckNode, Stream } from '../index.js';

const pyError = (name: string) => expect.objectContaining({ name });

describe('pluck', () => {
  it('picks several positions into a tuple (streamz docstring)', () => {
    const source = new Stream<number[]>();
    const out = source.pluck([0, 3]).sinkToList();
    for (const x of [
      [1, 2, 3, 4],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ])
      source.emit(x);
    expect(out).toEqual([
      [1, 4],
      [4, 7],
      [8, 11],
    ]);
  });

  it('picks a key (streamz docstring)', () => {
    const source = new Stream<Record<string, unknown>>();
    const out = source.pluck('name').sinkToList();
    source.emit({ name: 'Alice', x: 123 });
    source.emit({ name: 'Bob', x: 456 });
    expect(out).toEqual(['Alice', 'Bob']);
  });

  it('uses Python indexing: negative positions, strings, Maps, several keys of a dict', () => {
    const source = new Stream<any>();
    const last = source.pluck(-1).sinkToList();
    source.emit([4, 5, 6, 7]);
    source.emit('abc');
    expect(last).toEqual([7, 'c']);

    const s2 = new Stream<any>();
    const fromMap = s2.pluck('k').sinkToList();
    s2.emit(new Map([['k', 1]]));
    expect(fromMap).toEqual([1]);

    const s3 = new Stream<any>();
    const two = s3.pluck(['a', 'b']).sinkToList();
    s3.emit({ a: 1, b: 2 });
    expect(two).toEqual([[1, 2]]);
  });

  it('emits an empty tuple for an empty list of picks (checked against streamz)', () => {
    const source = new Stream<number[]>();
    const out = source.pluck([]).sinkToList();
    source.emit([1]);
    expect(out).toEqual([[]]);
  });

  it('throws IndexError or KeyError out of emit and keeps working (streamz test_pluck)', () => {
    const source = new Stream<any>();
    const out = source.pluck(1).sinkToList();
    source.emit([1, 2]);
    expect(() => source.emit([1])).toThrow(pyError('IndexError'));
    const s2 = new Stream<any>();
    s2.pluck('x');
    expect(() => s2.emit({ a: 1 })).toThrow(pyError('KeyError'));
    expect(() => s2.emit(5)).toThrow(pyError('TypeError'));
    source.emit([3, 4]);
    expect(out).toEqual([2, 4]);
  });

  it('emits a fresh tuple each time', () => {
    const source = new Stream<number[]>();
    const out = source.pluck([0]).sinkToList();
    source.emit([1]);
    source.emit([1]);
    expect(out[0]).not.toBe(out[1]);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().pluck(0);
    expect(node).toBeInstanceOf(PluckNode);
    expect(String(node)).toBe('<pluck>');
  });
});

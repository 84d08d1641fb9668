import { describe, expect, it } from 'vitest';
import { FlattenNode, Stream } from '../index.js';

describe('flatten', () => {
  it('emits the items of each element (streamz docstring input; its printed output omits one 7)', () => {
    const source = new Stream<number[]>();
    const out = source.flatten().sinkToList();
    for (const x of [
      [1, 2, 3],
      [4, 5],
      [6, 7, 7],
    ])
      source.emit(x);
    expect(out).toEqual([1, 2, 3, 4, 5, 6, 7, 7]);
  });

  it('handles every kind of iterable as streamz (checked against streamz)', () => {
    // streamz: [[1,2,3],[4,5],[],'ab',{'k':1,'j':2},(6,),{7}] -> [1,2,3,4,5,'a','b','k','j',6,7]
    const source = new Stream<any>();
    const out = source.flatten().sinkToList();
    for (const x of [[1, 2, 3], [4, 5], [], 'ab', { k: 1, j: 2 }, [6], new Set([7])]) source.emit(x);
    expect(out).toEqual([1, 2, 3, 4, 5, 'a', 'b', 'k', 'j', 6, 7]);
  });

  it('yields Map keys, typed-array items, generator items and code points', () => {
    const source = new Stream<any>();
    const out = source.flatten().sinkToList();
    source.emit(
      new Map([
        ['x', 1],
        ['y', 2],
      ]),
    );
    source.emit(new Uint8Array([8, 9]));
    source.emit(
      (function* () {
        yield 'g1';
        yield 'g2';
      })(),
    );
    source.emit('a😀');
    expect(out).toEqual(['x', 'y', 8, 9, 'g1', 'g2', 'a', '😀']);
  });

  it('flattens one level only (checked against streamz)', () => {
    const source = new Stream<number[][]>();
    const out = source.flatten().sinkToList();
    source.emit([[1, 2], [3]]);
    expect(out).toEqual([[1, 2], [3]]);
  });

  it('throws TypeError for a non-iterable (checked against streamz)', () => {
    const source = new Stream<any>();
    source.flatten().sinkToList();
    expect(() => source.emit(5)).toThrow("'int' object is not iterable");
    expect(() => source.emit(null)).toThrow("'NoneType' object is not iterable");
    expect(() => source.emit(undefined)).toThrow(expect.objectContaining({ name: 'TypeError' }));
    expect(() => source.emit(new Date(0))).toThrow(expect.objectContaining({ name: 'TypeError' }));
  });

  it('stops at an exception, after delivering the items before it', () => {
    const source = new Stream<number[]>();
    const out: number[] = [];
    source.flatten().sink((x: number) => {
      if (x === 2) throw new Error('boom');
      out.push(x);
    });
    expect(() => source.emit([1, 2, 3])).toThrow('boom');
    expect(out).toEqual([1]);
  });

  it('joins the downstream promises of all the items', async () => {
    const source = new Stream<number[]>();
    const resolvers: (() => void)[] = [];
    source.flatten().sink(
      () =>
        new Promise<void>((r) => {
          resolvers.push(r);
        }),
    );
    const p = source.emit([1, 2]);
    expect(p).toBeInstanceOf(Promise);
    expect(resolvers).toHaveLength(2);
    let done = false;
    void p!.then(() => {
      done = true;
    });
    resolvers[0]!();
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    resolvers[1]!();
    await p;
    expect(done).toBe(true);
    expect(source.emit([])).toBeUndefined();
  });

  it('delivers to several downstreams item by item, depth-first', () => {
    const source = new Stream<number[]>();
    const f = source.flatten();
    const log: string[] = [];
    f.sink((x) => log.push(`a${x}`));
    f.sink((x) => log.push(`b${x}`));
    source.emit([1, 2]);
    expect(log).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('has the alias concat and is labelled like streamz', () => {
    const source = new Stream<number[]>();
    const c = source.concat();
    expect(c).toBeInstanceOf(FlattenNode);
    const out = c.sinkToList();
    source.emit([1, 2]);
    expect(out).toEqual([1, 2]);
    expect(String(c)).toBe('<flatten>');
  });
});

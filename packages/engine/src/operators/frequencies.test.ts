import { describe, expect, it } from 'vitest';
import { FrequenciesNode, Stream } from '../index.js';

describe('frequencies', () => {
  it('counts occurrences, emitting a new Map each time', () => {
    const source = new Stream<string>();
    const out = source.frequencies().sinkToList();
    source.emit('a');
    source.emit('b');
    source.emit('a');
    expect(out).toEqual([
      new Map([['a', 1]]),
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    ]);
    expect(out[0]).not.toBe(out[1]);
    expect(out[0]!.get('a')).toBe(1); // earlier emissions are never mutated
  });

  it('uses Python equality and keeps the first element as the key (checked against streamz)', () => {
    // streamz: [1, True, 'a', 1.0, (1,2), (1,2), False, 0] ->
    //   ..., {1: 3, 'a': 1, (1, 2): 2, False: 2}
    const source = new Stream<unknown>();
    const out = source.frequencies().sinkToList();
    const t1 = [1, 2];
    for (const x of [1, true, 'a', 1.0, t1, [1, 2], false, 0]) source.emit(x);
    expect(out.map((m) => [...m.entries()])).toEqual([
      [[1, 1]],
      [[1, 2]],
      [
        [1, 2],
        ['a', 1],
      ],
      [
        [1, 3],
        ['a', 1],
      ],
      [
        [1, 3],
        ['a', 1],
        [[1, 2], 1],
      ],
      [
        [1, 3],
        ['a', 1],
        [[1, 2], 2],
      ],
      [
        [1, 3],
        ['a', 1],
        [[1, 2], 2],
        [false, 1],
      ],
      [
        [1, 3],
        ['a', 1],
        [[1, 2], 2],
        [false, 2],
      ],
    ]);
    const last = out[out.length - 1]!;
    expect(last.get(t1 as never)).toBe(2); // the first array seen is the key
  });

  it('throws TypeError for unhashable elements and keeps counting afterwards', () => {
    const source = new Stream<unknown>();
    const node = source.frequencies();
    const out = node.sinkToList();
    source.emit(1);
    expect(() => source.emit({ a: 1 })).toThrow(/unhashable/);
    expect(() => source.emit([{ a: 1 }])).toThrow(/unhashable/);
    source.emit(1);
    expect(out).toEqual([new Map([[1, 1]]), new Map([[1, 2]])]);
    expect(node.state).toBe(out[1]);
  });

  it('counts null like any value', () => {
    const source = new Stream<unknown>();
    const out = source.frequencies().sinkToList();
    source.emit(null);
    source.emit(null);
    expect(out[1]).toEqual(new Map([[null, 2]]));
  });

  it('is labelled', () => {
    const node = new Stream().frequencies();
    expect(node).toBeInstanceOf(FrequenciesNode);
    expect(String(node)).toBe('<frequencies>');
  });
});

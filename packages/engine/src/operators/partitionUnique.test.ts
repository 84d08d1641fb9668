import { describe, expect, it } from 'vitest';
import { PartitionUniqueNode, Stream } from '../index.js';

function run<T>(build: (s: Stream<T>) => Stream<any>, xs: T[]): unknown[] {
  const source = new Stream<T>();
  const out = build(source).sinkToList();
  for (const x of xs) source.emit(x);
  return out;
}

describe('partitionUnique', () => {
  it("keeps the first of repeated keys (streamz docstring, keep='first')", () => {
    expect(run((s) => s.partitionUnique(3, { keep: 'first' }), [1, 2, 1, 3, 1, 3, 3, 2])).toEqual([
      [1, 2, 3],
      [1, 3, 2],
    ]);
    expect(run((s) => s.partitionUnique(3), [1, 2, 1, 3, 1, 3, 3, 2])).toEqual([
      [1, 2, 3],
      [1, 3, 2],
    ]);
  });

  it("moves a repeated key to the end with keep='last' (streamz docstring)", () => {
    expect(run((s) => s.partitionUnique(3, { keep: 'last' }), [1, 2, 1, 3, 1, 3, 3, 2])).toEqual([
      [2, 1, 3],
      [1, 3, 2],
    ]);
  });

  it('uses a key function (streamz docstring)', () => {
    const xs = ['f', 'fo', 'f', 'foo', 'f', 'foo', 'foo', 'fo'];
    expect(run((s: Stream<string>) => s.partitionUnique(3, { key: (x) => x.length, keep: 'last' }), xs)).toEqual([
      ['fo', 'f', 'foo'],
      ['f', 'foo', 'fo'],
    ]);
  });

  it('uses x[key] for a non-function key, with Python equality of keys (checked against streamz)', () => {
    // streamz: partition_unique(2, key='k') on k=1, k=1, k=True, k=2 -> [({'k':1,'v':1}, {'k':2,'v':4})]
    const xs = [
      { k: 1, v: 1 },
      { k: 1, v: 2 },
      { k: true, v: 3 },
      { k: 2, v: 4 },
    ];
    expect(run((s) => s.partitionUnique(2, { key: 'k' }), xs)).toEqual([
      [
        { k: 1, v: 1 },
        { k: 2, v: 4 },
      ],
    ]);
    // key=0 picks the first item of a tuple
    expect(
      run((s) => s.partitionUnique(2, { key: 0 }), [
        [1, 'a'],
        [1, 'b'],
        [2, 'c'],
      ]),
    ).toEqual([
      [
        [1, 'a'],
        [2, 'c'],
      ],
    ]);
  });

  it('raises KeyError for a missing key and keeps its buffer', () => {
    const source = new Stream<any>();
    const node = source.partitionUnique(2, { key: 'k' });
    const out = node.sinkToList();
    source.emit({ k: 1 });
    expect(() => source.emit({ x: 1 })).toThrow(/KeyError|k/);
    source.emit({ k: 2 });
    expect(out).toEqual([[{ k: 1 }, { k: 2 }]]);
  });

  it('emits every element with n = 1 (checked against streamz)', () => {
    expect(run((s) => s.partitionUnique(1), [1, 1, 2])).toEqual([[1], [1], [2]]);
  });

  it("treats any keep other than 'last' as 'first', as streamz", () => {
    expect(run((s) => s.partitionUnique(2, { keep: 'whatever' as 'first' }), [1, 1, 2])).toEqual([[1, 2]]);
  });

  it('compares tuples by value and throws on unhashable elements', () => {
    expect(run((s) => s.partitionUnique(2), [[1, 2], [1, 2], [3]])).toEqual([[[1, 2], [3]]]);
    const source = new Stream<any>();
    source.partitionUnique(2);
    expect(() => source.emit({ a: 1 })).toThrow(/unhashable/);
  });

  it('reports what it holds and never flushes', () => {
    const source = new Stream<number>();
    const node = source.partitionUnique(3);
    const out = node.sinkToList();
    source.emit(1);
    source.emit(2);
    expect(out).toEqual([]);
    expect(node.queued).toBe(2);
    expect(node.capacity).toBe(3);
  });

  it('rejects a non-positive n', () => {
    expect(() => new Stream().partitionUnique(0)).toThrow(/positive/);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().partitionUnique(3);
    expect(node).toBeInstanceOf(PartitionUniqueNode);
    expect(String(node)).toBe('<partition_unique: 3>');
  });
});

import { describe, expect, it } from 'vitest';
import { Stream, UniqueNode } from '../index.js';
import type { UniqueOptions } from '../index.js';

function run(options: UniqueOptions<any> | undefined, xs: unknown[]): unknown[] {
  const source = new Stream<unknown>();
  const out = source.unique(options).sinkToList();
  for (const x of xs) source.emit(x);
  return out;
}

describe('unique', () => {
  it('drops immediate repeats with maxsize 1 (streamz docstring)', () => {
    expect(run({ maxsize: 1 }, [1, 1, 2, 2, 2, 1, 3])).toEqual([1, 2, 1, 3]);
  });

  it('remembers every key without maxsize', () => {
    expect(run(undefined, [1, 2, 1, 3, 2, 4])).toEqual([1, 2, 3, 4]);
    expect(run({ maxsize: 0 }, [1, 2, 1, 3, 2, 4])).toEqual([1, 2, 3, 4]);
  });

  it('refreshes recency on a hit, in both modes (streamz test_unique_history)', () => {
    expect(run({ maxsize: 2 }, [1, 2, 1, 3, 2])).toEqual([1, 2, 3, 2]);
    expect(run({ maxsize: 2, hashable: false }, [1, 2, 1, 3, 2])).toEqual([1, 2, 3, 2]);
    expect(run({ maxsize: 2 }, [1, 2, 1, 3, 1, 2])).toEqual([1, 2, 3, 2]);
  });

  it('uses Python equality: 1 == 1.0 == true, tuples by value (checked against streamz)', () => {
    // streamz on [1,2,1,3,2,True,1.0,(1,2),(1,2),0,False,3]
    const xs = [1, 2, 1, 3, 2, true, 1.0, [1, 2], [1, 2], 0, false, 3];
    const expected: [UniqueOptions<any> | undefined, unknown[]][] = [
      [{ maxsize: 2 }, [1, 2, 3, 2, true, [1, 2], 0, 3]],
      [{ maxsize: 2, hashable: false }, [1, 2, 3, 2, true, [1, 2], 0, 3]],
      [undefined, [1, 2, 3, [1, 2], 0]],
      [{ maxsize: 1 }, [1, 2, 1, 3, 2, true, [1, 2], 0, 3]],
      [{ maxsize: 1, hashable: false }, [1, 2, 1, 3, 2, true, [1, 2], 0, 3]],
      [{ hashable: false }, [1, 2, 3, [1, 2], 0]],
    ];
    for (const [options, out] of expected) expect(run(options, xs)).toEqual(out);
  });

  it('needs hashable: false for dicts (checked against streamz)', () => {
    expect(run({ hashable: false }, [{ a: 1 }, { a: 1 }, [1], [1], { a: true }])).toEqual([{ a: 1 }, [1]]);
    const source = new Stream<unknown>();
    source.unique();
    expect(() => source.emit({ a: 1 })).toThrow("unhashable type: 'Object'");
  });

  it('compares key(x) and emits the element itself', () => {
    const xs = [
      { id: 1, v: 'a' },
      { id: 1, v: 'b' },
      { id: 2, v: 'c' },
    ];
    expect(run({ key: (x: { id: number }) => x.id }, xs)).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'c' },
    ]);
  });

  it('treats null as a key like any other', () => {
    expect(run(undefined, [null, null, 0])).toEqual([null, 0]);
  });

  it('rejects a key that is not a function, and a bad maxsize', () => {
    const source = new Stream<unknown>();
    expect(() => source.unique({ key: 'a' as never })).toThrow(/key must be a function/);
    expect(() => source.unique({ maxsize: -1 })).toThrow(/maxsize/);
    expect(() => source.unique({ maxsize: 1.5 })).toThrow(/maxsize/);
  });

  it('bounds its memory with maxsize', () => {
    const source = new Stream<number>();
    const node = source.unique({ maxsize: 3 });
    for (let i = 0; i < 100; i++) source.emit(i);
    expect(node.remembered).toBe(3);
    const list = new Stream<number>();
    const node2 = list.unique({ maxsize: 3, hashable: false });
    for (let i = 0; i < 100; i++) list.emit(i);
    expect(node2.remembered).toBe(3);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().unique({ key: String });
    expect(node).toBeInstanceOf(UniqueNode);
    expect(String(node)).toBe('<unique>');
  });
});

import { describe, expect, it } from 'vitest';
import { CombineLatestNode, Stream } from '../index.js';

const pyError = (name: string) => expect.objectContaining({ name });

describe('combineLatest', () => {
  it('waits for every input, then emits on any input (streamz test_combine_latest)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const c = a.combineLatest(b);
    const d = a.combineLatest(b, { emitOn: [a, b] });
    const out = c.sinkToList();
    const out2 = d.sinkToList();
    a.emit(1);
    a.emit(2);
    b.emit('a');
    a.emit(3);
    b.emit('b');
    expect(out).toEqual([
      [2, 'a'],
      [3, 'a'],
      [3, 'b'],
    ]);
    expect(out2).toEqual(out);
  });

  it('emits only on emitOn given as a stream (streamz test_combine_latest_emit_on)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const out = a.combineLatest(b, { emitOn: a }).sinkToList();
    a.emit(1);
    b.emit('a');
    a.emit(2);
    a.emit(3);
    b.emit('b');
    a.emit(4);
    expect(out).toEqual([
      [2, 'a'],
      [3, 'a'],
      [4, 'b'],
    ]);
  });

  it('emits only on emitOn given as an index (streamz test_combine_latest_emit_on_stream)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const out = a.combineLatest(b, { emitOn: 0 }).sinkToList();
    a.emit(1);
    b.emit('a');
    a.emit(2);
    a.emit(3);
    b.emit('b');
    a.emit(4);
    expect(out).toEqual([
      [2, 'a'],
      [3, 'a'],
      [4, 'b'],
    ]);
  });

  it('accepts negative indexes and mixed arrays for emitOn (checked against streamz)', () => {
    // emit_on=-1 -> [(1, 2), (3, 4)]; emit_on=[0, c] -> [(1, 2, 3), (5, 4, 3)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const out = a.combineLatest(b, { emitOn: -1 }).sinkToList();
    a.emit(1);
    b.emit(2);
    a.emit(3);
    b.emit(4);
    expect(out).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const x = new Stream<number>();
    const y = new Stream<number>();
    const z = new Stream<number>();
    const node = x.combineLatest(y, z, { emitOn: [0, z] });
    const out2 = node.sinkToList();
    x.emit(1);
    y.emit(2);
    z.emit(3);
    y.emit(4);
    x.emit(5);
    expect(out2).toEqual([
      [1, 2, 3],
      [5, 4, 3],
    ]);
    expect(node.emitOn).toEqual([x, z]);
  });

  it('throws IndexError for an emitOn index out of range (checked against streamz)', () => {
    expect(() => new Stream().combineLatest(new Stream(), { emitOn: 5 })).toThrow(pyError('IndexError'));
  });

  it('counts null and undefined as present values and does not deduplicate (checked against streamz)', () => {
    const a = new Stream<unknown>();
    const b = new Stream<unknown>();
    const out = a.combineLatest(b).sinkToList();
    a.emit(null);
    b.emit(undefined);
    b.emit(undefined);
    expect(out).toEqual([
      [null, undefined],
      [null, undefined],
    ]);
  });

  it('works with a single input (checked against streamz)', () => {
    const a = new Stream<unknown>();
    const out = a.combineLatest().sinkToList();
    a.emit(1);
    a.emit(null);
    expect(out).toEqual([[1], [null]]);
  });

  it('emits a fresh array each time', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const out = a.combineLatest(b).sinkToList();
    a.emit(1);
    b.emit(2);
    a.emit(1);
    expect(out[0]).not.toBe(out[1]);
    expect(out[0]).toEqual(out[1]);
  });

  it('adds a new input that must deliver first (streamz test_connect_combine_latest)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const x = a.combineLatest(b, { emitOn: a });
    const out = x.sinkToList();
    c.connect(x);
    b.emit(1);
    c.emit(1);
    a.emit(1);
    expect(out).toEqual([[1, 1, 1]]);
  });

  it('follows connected inputs when emitOn was not given (checked against streamz)', () => {
    // a.emit(1); b.emit(2); x.connect(c); a.emit(3); x.emit(9); b.emit(4) -> [(1, 2), (3, 2, 9), (3, 4, 9)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const x = new Stream<number>();
    const c = a.combineLatest(b);
    const out = c.sinkToList();
    a.emit(1);
    b.emit(2);
    x.connect(c);
    a.emit(3);
    x.emit(9);
    b.emit(4);
    expect(out).toEqual([
      [1, 2],
      [3, 2, 9],
      [3, 4, 9],
    ]);
    expect(c.emitOn).toEqual([a, b, x]);
  });

  it('keeps an explicit emitOn on connect (checked against streamz)', () => {
    // emit_on=[a]; x.connect(z); a 1, b 2, x 3, a 4, x 5 -> [(4, 2, 3)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const x = new Stream<number>();
    const z = a.combineLatest(b, { emitOn: [a] });
    const out = z.sinkToList();
    x.connect(z);
    a.emit(1);
    b.emit(2);
    x.emit(3);
    a.emit(4);
    x.emit(5);
    expect(out).toEqual([[4, 2, 3]]);
  });

  it('removes a slot on disconnect (streamz test_connect_discombine_latest)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const x = a.combineLatest(b, c, { emitOn: a });
    const out = x.sinkToList();
    c.disconnect(x);
    b.emit(1);
    c.emit(1);
    a.emit(1);
    expect(out).toEqual([[1, 1]]);
  });

  it('stops waiting for a disconnected missing input (checked against streamz)', () => {
    // a 1, b 2, c.disconnect, a 3, b 4 -> [(3, 2), (3, 4)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const z = a.combineLatest(b, c);
    const out = z.sinkToList();
    a.emit(1);
    b.emit(2);
    c.disconnect(z);
    a.emit(3);
    b.emit(4);
    expect(out).toEqual([
      [3, 2],
      [3, 4],
    ]);
    expect(z.emitOn).toEqual([a, b]);
  });

  it('removes the slot of an input that already delivered (streamz raises KeyError here)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = a.combineLatest(b);
    const out = c.sinkToList();
    a.emit(1);
    b.emit(2);
    a.disconnect(c);
    b.emit(3);
    expect(out).toEqual([[1, 2], [3]]);
    expect(c.last).toEqual([3]);
  });

  it('throws TypeError on emission when an input is connected twice (streamz crashes too)', () => {
    const a = new Stream<number>();
    const c = a.combineLatest(a);
    c.sinkToList();
    expect(() => a.emit(1)).toThrow(pyError('TypeError'));
    const x = new Stream<number>();
    const y = new Stream<number>();
    const z = x.combineLatest(y);
    const out = z.sinkToList();
    x.emit(1);
    y.emit(2);
    x.connect(z);
    expect(() => x.emit(3)).toThrow(pyError('TypeError'));
    // streamz raises KeyError here and is broken afterwards; we drop x's FIRST slot (as its
    // _remove_upstream does), and the slot that never delivered keeps every emission failing.
    x.disconnect(z);
    expect(() => y.emit(4)).toThrow(pyError('TypeError'));
    expect(out).toEqual([[1, 2]]);
  });

  it('rejects non-stream inputs and is labelled like streamz', () => {
    const a = new Stream<number>();
    expect(() => a.combineLatest(3 as never)).toThrow(/not a Stream/);
    const node = a.combineLatest(new Stream());
    expect(node).toBeInstanceOf(CombineLatestNode);
    expect(String(node)).toBe('<combine_latest>');
    expect(String(new CombineLatestNode([a], { streamName: 'c' }))).toBe('<c; combine_latest>');
  });
});

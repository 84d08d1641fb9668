import { describe, expect, it } from 'vitest';
import { Stream, ZipNode, splitZipArgs } from '../index.js';

describe('zip', () => {
  it('pairs elements in arrival order (streamz test_zip)', () => {
    const a = new Stream<number>();
    const b = new Stream<any>();
    const c = new ZipNode([a, b]);
    const out = c.sinkToList();
    a.emit(1);
    b.emit('a');
    a.emit(2);
    b.emit('b');
    expect(out).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    const d = new Stream<number>();
    const out2 = a.zip(b, d).sinkToList();
    a.emit(1);
    b.emit(2);
    d.emit(3);
    expect(out2).toEqual([[1, 2, 3]]);
  });

  it('emits a fresh array each time', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const out = a.zip(b).sinkToList();
    a.emit(1);
    b.emit(2);
    a.emit(3);
    b.emit(4);
    expect(out[0]).not.toBe(out[1]);
    expect(out).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('inserts literals at their positions (streamz test_zip_literals)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const out = a.zip(123, b).sinkToList();
    a.emit(1);
    b.emit(2);
    expect(out).toEqual([[1, 123, 2]]);
    a.emit(4);
    b.emit(5);
    expect(out).toEqual([
      [1, 123, 2],
      [4, 123, 5],
    ]);
  });

  it('places several literals as pack_literals does (checked against streamz)', () => {
    // zip(a, 1, b, 2, 3) -> ('x', 1, 'y', 2, 3); zip(1, a, b) -> (1, 'x', 'y')
    const a = new Stream<string>();
    const b = new Stream<string>();
    const out = a.zip(1, b, 2, 3).sinkToList();
    const out2 = new ZipNode([1, a, b]).sinkToList();
    a.emit('x');
    b.emit('y');
    expect(out).toEqual([['x', 1, 'y', 2, 3]]);
    expect(out2).toEqual([[1, 'x', 'y']]);
  });

  it('treats arrays, null and objects with other keys as literals', () => {
    const a = new Stream<number>();
    const out = a.zip([1, 2], null, { maxsize: 3, other: 1 }).sinkToList();
    a.emit(0);
    expect(out).toEqual([[0, [1, 2], null, { maxsize: 3, other: 1 }]]);
  });

  it('takes a trailing plain object of known keys as options', () => {
    expect(splitZipArgs([1, { maxsize: 2 }])).toEqual({ items: [1], options: { maxsize: 2 } });
    expect(splitZipArgs([{ limit: 5, streamName: 'z' }])).toEqual({ items: [], options: { limit: 5, streamName: 'z' } });
    expect(splitZipArgs([{}])).toEqual({ items: [], options: {} });
    expect(splitZipArgs([{ maxsize: 2, x: 1 }])).toEqual({ items: [{ maxsize: 2, x: 1 }], options: {} });
    expect(splitZipArgs([new Map([['maxsize', 1]])]).items).toHaveLength(1);
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b, { maxsize: 3, limit: 7, streamName: 'pairs' });
    expect(z.maxsize).toBe(3);
    expect(z.limit).toBe(7);
    expect(String(z)).toBe('<pairs; zip>');
  });

  it('zips a stream with itself (streamz test_zip_same)', () => {
    const a = new Stream<number>();
    const out = a.zip(a).sinkToList();
    a.emit(1);
    a.emit(2);
    expect(out).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(a.downstreams).toHaveLength(1);
  });

  it('repeats a stream given twice among others, with literals', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const out = new ZipNode([a, 'L', b, a]).sinkToList();
    a.emit(1);
    a.emit(2);
    b.emit(10);
    b.emit(20);
    expect(out).toEqual([
      [1, 'L', 10, 1],
      [2, 'L', 20, 2],
    ]);
  });

  it('emits at most one tuple per update, as streamz', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    const out = z.sinkToList();
    a.emit(1);
    a.emit(2);
    a.emit(3);
    expect(z.queued).toBe(3);
    b.emit(10);
    expect(out).toEqual([[1, 10]]);
    b.emit(20);
    b.emit(30);
    expect(out).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    expect(z.queued).toBe(0);
  });

  it('treats null and undefined as ordinary values', () => {
    const a = new Stream<unknown>();
    const b = new Stream<unknown>();
    const out = a.zip(b).sinkToList();
    a.emit(null);
    b.emit(undefined);
    expect(out).toEqual([[null, undefined]]);
  });

  it('returns no promise on the synchronous path', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    a.zip(b).sinkToList();
    for (let i = 0; i < 10; i++) expect(a.emit(i)).toBeUndefined();
    expect(b.emit(0)).toBeUndefined();
  });

  it('applies back-pressure past maxsize with a promise that resolves at the next tuple', async () => {
    // streamz: zip(a, b, maxsize=1); updates from a return [None, Future, Future]; b's update emits.
    const a = new Stream<number>();
    const b = new Stream<string>();
    const z = a.zip(b, { maxsize: 1 });
    const out = z.sinkToList();
    expect(a.emit(1)).toBeUndefined();
    const p2 = a.emit(2);
    const p3 = a.emit(3);
    expect(p2).toBeInstanceOf(Promise);
    expect(p3).toBeInstanceOf(Promise);
    let resolved = false;
    void p2!.then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(b.emit('x')).toBeUndefined();
    await p2;
    await p3;
    expect(resolved).toBe(true);
    expect(out).toEqual([[1, 'x']]);
    expect(z.queued).toBe(2); // nothing was dropped
    expect(z.dropped).toBe(0);
  });

  it('with maxsize 0 every buffered element gets a promise (as streamz)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    a.zip(b, { maxsize: 0 }).sinkToList();
    expect(a.emit(1)).toBeInstanceOf(Promise);
    expect(b.emit(2)).toBeUndefined();
  });

  it('mirrors streamz test_zip_timeout: the future resolves once the other side emits', async () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const out = a.zip(b, { maxsize: 2 }).sinkToList();
    a.emit(1);
    a.emit(2);
    const future = a.emit(3);
    expect(future).toBeInstanceOf(Promise);
    b.emit('a');
    await future;
    expect(out).toEqual([[1, 'a']]);
  });

  it('drops the oldest element past the hard limit and counts it', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b, { maxsize: Infinity, limit: 3 });
    const out = z.sinkToList();
    for (let i = 1; i <= 5; i++) expect(a.emit(i)).toBeUndefined();
    expect(z.dropped).toBe(2);
    expect(z.queued).toBe(3);
    b.emit(10);
    b.emit(20);
    expect(out).toEqual([
      [3, 10],
      [4, 20],
    ]);
  });

  it('has a default limit of 100 000 and maxsize of 10', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    expect(z.maxsize).toBe(10);
    expect(z.limit).toBe(100_000);
    expect(z.capacity).toBe(20);
    for (let i = 0; i < 100_005; i++) a.emit(i);
    expect(z.queued).toBe(100_000);
    expect(z.dropped).toBe(5);
  });

  it('rejects an invalid limit or maxsize', () => {
    const a = new Stream<number>();
    expect(() => a.zip({ limit: 0 })).toThrow(/limit/);
    expect(() => a.zip({ limit: 1.5 })).toThrow(/limit/);
    expect(() => a.zip({ maxsize: Number.NaN })).toThrow(/maxsize/);
  });

  it('grows a new input on connect (streamz test_connect_zip)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const x = a.zip(b);
    const out = x.sinkToList();
    c.connect(x);
    a.emit(1);
    b.emit(1);
    expect(out).toEqual([]);
    c.emit(1);
    expect(out).toEqual([[1, 1, 1]]);
    expect(x.upstreams).toEqual([a, b, c]);
  });

  it('connects a new input while others hold elements (checked against streamz)', () => {
    // a.emit(1); c.connect(z); b.emit(2); c.emit(3) -> [(1, 2, 3)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const z = a.zip(b);
    const out = z.sinkToList();
    a.emit(1);
    c.connect(z);
    b.emit(2);
    c.emit(3);
    expect(out).toEqual([[1, 2, 3]]);
  });

  it('reconnecting an existing input resets its buffer (checked against streamz)', () => {
    // a.emit(1); b.emit(2); a.emit(3); a.connect(z); b.emit(4); a.emit(5); b.emit(6); a.emit(7)
    // -> [(1, 2), (5, 4, 5), (7, 6, 7)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    const out = z.sinkToList();
    a.emit(1);
    b.emit(2);
    a.emit(3);
    a.connect(z);
    b.emit(4);
    a.emit(5);
    b.emit(6);
    a.emit(7);
    expect(out).toEqual([
      [1, 2],
      [5, 4, 5],
      [7, 6, 7],
    ]);
  });

  it('shrinks on disconnect (streamz test_disconnect_zip)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const x = a.zip(b, c);
    const out = x.sinkToList();
    b.disconnect(x);
    a.emit(1);
    b.emit(1);
    expect(out).toEqual([]);
    c.emit(1);
    expect(out).toEqual([[1, 1]]);
  });

  it('stalls, as streamz, when the only empty buffer is disconnected', () => {
    // streamz: a.emit(1..3); b.disconnect(z); a.emit(4) -> [] with 4 elements buffered
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    const out = z.sinkToList();
    a.emit(1);
    a.emit(2);
    a.emit(3);
    b.disconnect(z);
    a.emit(4);
    expect(out).toEqual([]);
    expect(z.queued).toBe(4);
  });

  it('raises IndexError when a disconnect leaves a literal without its preceding values', () => {
    // streamz: zip(a, b, 5); b.disconnect(z); a.emit(4) -> IndexError: pop from empty list
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b, 5);
    z.sinkToList();
    b.disconnect(z);
    expect(() => a.emit(4)).toThrow('pop from empty list');
  });

  it('raises KeyError when a repeated input is disconnected and another input fires', () => {
    // streamz: zip(a, a, b); a.disconnect(z); b.emit(1) -> KeyError
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = new ZipNode([a, a, b]);
    z.sinkToList();
    a.disconnect(z);
    expect(z.upstreams).toEqual([a, b]);
    expect(() => b.emit(1)).toThrow(/KeyError|Stream/);
  });

  it('raises KeyError for an update from a stream that is not an input', () => {
    const a = new Stream<number>();
    const z = a.zip(a);
    expect(() => z.update(1, new Stream())).toThrow();
  });

  it('keeps the buffers when a downstream throws (state already changed)', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    const out: unknown[] = [];
    z.sink((t) => {
      if ((t as number[])[0] === 1) throw new Error('boom');
      out.push(t);
    });
    a.emit(1);
    a.emit(2);
    expect(() => b.emit(10)).toThrow('boom');
    b.emit(20);
    expect(out).toEqual([[2, 20]]);
  });

  it('delivers to several downstreams', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zip(b);
    const o1 = z.sinkToList();
    const o2 = z.map((t) => (t as number[]).length).sinkToList();
    a.emit(1);
    b.emit(2);
    expect(o1).toEqual([[1, 2]]);
    expect(o2).toEqual([2]);
  });

  it('is labelled like streamz', () => {
    const a = new Stream();
    expect(String(a.zip(new Stream()))).toBe('<zip>');
    expect(a.zip(new Stream()).kind).toBe('zip');
  });
});

import { describe, expect, it } from 'vitest';
import { Stream, ZipLatestNode } from '../index.js';

describe('zipLatest', () => {
  it('pairs every lossless element with the latest others (streamz test_zip_latest)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const c = a.zipLatest(b);
    const d = a.combineLatest(b, { emitOn: a });
    const out = c.sinkToList();
    const out2 = d.sinkToList();
    a.emit(1);
    a.emit(2);
    b.emit('a');
    b.emit('b');
    a.emit(3);
    expect(out).toEqual([
      [1, 'a'],
      [2, 'a'],
      [3, 'b'],
    ]);
    expect(out2).toEqual([[3, 'b']]);
  });

  it('emits lossless elements at once once every input is present (streamz test_zip_latest_reverse)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const out = a.zipLatest(b).sinkToList();
    b.emit('a');
    a.emit(1);
    a.emit(2);
    a.emit(3);
    b.emit('b');
    a.emit(4);
    expect(out).toEqual([
      [1, 'a'],
      [2, 'a'],
      [3, 'a'],
      [4, 'b'],
    ]);
  });

  it('drains the whole queue with the current latest values (streamz test_triple_zip_latest)', () => {
    const s1 = new Stream<number>();
    const s2 = new Stream<string>();
    const s3 = new Stream<string>();
    const out = s1.zipLatest(s2, s3).sinkToList();
    s1.emit(1);
    s2.emit('I');
    s2.emit('II');
    s1.emit(2);
    s2.emit('III');
    s3.emit('a');
    s3.emit('b');
    s1.emit(3);
    expect(out).toEqual([
      [1, 'III', 'a'],
      [2, 'III', 'a'],
      [3, 'III', 'b'],
    ]);
  });

  it('matches streamz on a longer interleaving (checked against streamz)', () => {
    // a 1, b 2, a 3, c 4, a 5, b 6, c 7, a 8 -> [(1,2,4), (3,2,4), (5,2,4), (8,6,7)]
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const z = a.zipLatest(b, c);
    const out = z.sinkToList();
    a.emit(1);
    b.emit(2);
    a.emit(3);
    expect(z.queued).toBe(2);
    c.emit(4);
    expect(z.queued).toBe(0);
    a.emit(5);
    b.emit(6);
    c.emit(7);
    a.emit(8);
    expect(out).toEqual([
      [1, 2, 4],
      [3, 2, 4],
      [5, 2, 4],
      [8, 6, 7],
    ]);
  });

  it('treats null as a value and works with no other input (checked against streamz)', () => {
    const a = new Stream<unknown>();
    const b = new Stream<unknown>();
    const out = a.zipLatest(b).sinkToList();
    a.emit(null);
    b.emit(null);
    expect(out).toEqual([[null, null]]);
    const s = new Stream<number>();
    const alone = s.zipLatest().sinkToList();
    s.emit(1);
    s.emit(2);
    expect(alone).toEqual([[1], [2]]);
  });

  it('joins the promises of a drain and returns none when nothing is emitted', async () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const z = a.zipLatest(b);
    let n = 0;
    z.sink(() => {
      n++;
      return Promise.resolve();
    });
    expect(a.emit(1)).toBeUndefined();
    expect(a.emit(2)).toBeUndefined();
    const p = b.emit(0);
    expect(p).toBeInstanceOf(Promise);
    expect(n).toBe(2);
    await p;
    expect(b.emit(5)).toBeUndefined();
  });

  it('handles a feedback loop into the lossless input as streamz (checked against streamz)', () => {
    // streamz: [(1, 'b'), (2, 'b'), (11, 'b'), (12, 'b')]: the re-entrant update drains the queue
    const a = new Stream<number>();
    const b = new Stream<string>();
    const z = a.zipLatest(b);
    const out: unknown[] = [];
    z.sink((t) => {
      const [x] = t as [number];
      out.push(t);
      if (x < 3) a.emit(x + 10);
    });
    a.emit(1);
    a.emit(2);
    b.emit('b');
    expect(out).toEqual([
      [1, 'b'],
      [2, 'b'],
      [11, 'b'],
      [12, 'b'],
    ]);
  });

  it('adds a connected input, which must deliver before the next emission (not supported by streamz)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const x = new Stream<string>();
    const z = a.zipLatest(b);
    const out = z.sinkToList();
    b.emit('b');
    a.emit(1);
    x.connect(z);
    a.emit(2);
    a.emit(3);
    expect(out).toEqual([[1, 'b']]);
    x.emit('x');
    a.emit(4);
    expect(out).toEqual([
      [1, 'b'],
      [2, 'b', 'x'],
      [3, 'b', 'x'],
      [4, 'b', 'x'],
    ]);
  });

  it('removes a disconnected input (not supported by streamz)', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const c = new Stream<string>();
    const z = a.zipLatest(b, c);
    const out = z.sinkToList();
    a.emit(1);
    b.emit('b');
    c.disconnect(z);
    expect(out).toEqual([]);
    a.emit(2);
    expect(out).toEqual([
      [1, 'b'],
      [2, 'b'],
    ]);
    expect(z.last).toEqual([2, 'b']);
  });

  it('stops emitting while the lossless input is disconnected; reconnected, its slot moves to the end', () => {
    const a = new Stream<number>();
    const b = new Stream<string>();
    const z = a.zipLatest(b);
    const out = z.sinkToList();
    b.emit('b');
    a.emit(1);
    a.disconnect(z);
    b.emit('c');
    expect(out).toEqual([[1, 'b']]);
    a.connect(z);
    expect(z.upstreams).toEqual([b, a]);
    a.emit(2);
    b.emit('d');
    a.emit(3);
    expect(out).toEqual([
      [1, 'b'],
      ['c', 2],
      ['d', 3],
    ]);
  });

  it('is labelled like streamz', () => {
    const a = new Stream();
    const node = a.zipLatest(new Stream());
    expect(node).toBeInstanceOf(ZipLatestNode);
    expect(node.lossless).toBe(a);
    expect(String(node)).toBe('<zip_latest>');
  });
});

import { describe, expect, it } from 'vitest';
import { Stream, UnionNode } from '../index.js';

describe('union', () => {
  it('passes every element of every input in arrival order', () => {
    const a = new Stream<number>();
    const b = new Stream<number>();
    const c = new Stream<number>();
    const out = a.union(b, c).sinkToList();
    a.emit(1);
    c.emit(3);
    b.emit(2);
    a.emit(4);
    expect(out).toEqual([1, 3, 2, 4]);
  });

  it('delivers once for an input given twice (checked against streamz)', () => {
    // streamz: a.union(b, a); a.emit(1); b.emit(2) -> [1, 2], len(upstreams) == 3
    const a = new Stream<number>();
    const b = new Stream<number>();
    const u = a.union(b, a);
    const out = u.sinkToList();
    a.emit(1);
    b.emit(2);
    expect(out).toEqual([1, 2]);
    expect(u.upstreams).toHaveLength(3);
  });

  it('connects and disconnects inputs (streamz test_multi_connect)', () => {
    const source0 = new Stream<number>();
    const source1 = new Stream<number>();
    const u = source0.union(source1);
    expect(u.downstreams).toHaveLength(0);
    const upstream = new Stream<number>();
    const out: number[] = [];
    u.map((x) => x + 1).map((x) => out.push(x));
    upstream.connect(u);
    upstream.emit(2);
    upstream.emit(4);
    expect(out).toEqual([3, 5]);
    upstream.disconnect(u);
    upstream.emit(6);
    source1.emit(7);
    expect(out).toEqual([3, 5, 8]);
  });

  it('passes null, undefined and downstream promises through', async () => {
    const a = new Stream<unknown>();
    const u = a.union();
    const out = u.sinkToList();
    a.emit(null);
    a.emit(undefined);
    expect(out).toEqual([null, undefined]);
    const b = new Stream<number>();
    b.union().sink(() => Promise.resolve());
    const p = b.emit(1);
    expect(p).toBeInstanceOf(Promise);
    await p;
  });

  it('takes a trailing options object and rejects non-stream inputs', () => {
    const a = new Stream<number>();
    expect(String(a.union(new Stream(), { streamName: 'all' }))).toBe('<all; union>');
    expect(() => a.union(5 as never)).toThrow(/not a Stream/);
  });

  it('is labelled like streamz', () => {
    const node = new Stream().union(new Stream());
    expect(node).toBeInstanceOf(UnionNode);
    expect(String(node)).toBe('<union>');
  });
});

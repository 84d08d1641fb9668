import { describe, expect, it } from 'vitest';
import { CollectNode, Stream } from '../index.js';

describe('collect', () => {
  it('emits the held elements when flushed, via a sink (streamz docstring)', () => {
    const source1 = new Stream<number>();
    const source2 = new Stream<string>();
    const collector = source1.collect();
    const out = collector.sinkToList();
    source2.sink(collector.flush);
    source1.emit(1);
    source1.emit(2);
    expect(out).toEqual([]);
    source2.emit('anything');
    expect(out).toEqual([[1, 2]]);
  });

  it('emits [] when empty and clears after each flush (checked against streamz)', () => {
    // streamz: emit 1, 2; flush; flush; emit 3; flush -> [(1, 2), (), (3,)]
    const s1 = new Stream<number>();
    const s2 = new Stream<string>();
    const c = s1.collect();
    const out = c.sinkToList();
    s2.sink(c.flush);
    s1.emit(1);
    s1.emit(2);
    s2.emit('x');
    s2.emit('y');
    s1.emit(3);
    expect(c.queued).toBe(1);
    expect(c.flush()).toBeUndefined();
    expect(out).toEqual([[1, 2], [], [3]]);
    expect(c.queued).toBe(0);
  });

  it('never emits by itself and returns nothing from update', () => {
    const source = new Stream<number>();
    const c = source.collect();
    const out = c.sinkToList();
    expect(source.emit(1)).toBeUndefined();
    expect(out).toEqual([]);
    expect(c.cache).toEqual([1]);
  });

  it('emits a copy: later elements do not change an emitted array', () => {
    const source = new Stream<number>();
    const c = source.collect();
    const out = c.sinkToList();
    source.emit(1);
    c.flush();
    source.emit(2);
    c.flush();
    expect(out).toEqual([[1], [2]]);
  });

  it('drops downstream promises and keeps the cache when delivery throws', () => {
    const source = new Stream<number>();
    const c = source.collect();
    let fail = true;
    const seen: unknown[] = [];
    c.sink((x) => {
      seen.push(x);
      if (fail) throw new Error('boom');
    });
    source.emit(1);
    expect(() => c.flush()).toThrow('boom');
    fail = false;
    c.flush();
    expect(seen).toEqual([[1], [1]]);
    const s2 = new Stream<number>();
    const c2 = s2.collect();
    c2.sink(() => Promise.resolve());
    s2.emit(1);
    expect(c2.flush()).toBeUndefined();
  });

  it('is labelled like streamz', () => {
    const node = new Stream().collect();
    expect(node).toBeInstanceOf(CollectNode);
    expect(String(node)).toBe('<collect>');
  });
});

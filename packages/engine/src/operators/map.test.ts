import { describe, expect, it } from 'vitest';
import { Stream, VirtualScheduler } from '../index.js';
import { MapNode } from './map.js';

describe('map', () => {
  it('applies the function to every element, as in the streamz docs', () => {
    const source = new Stream<number>();
    const out = source.map((x) => x + 1).sinkToList();
    expect(source.emit(1)).toBeUndefined();
    source.emit(2);
    source.emit(10);
    expect(out).toEqual([2, 3, 11]);
  });

  it('passes extra positional arguments after the element', () => {
    const source = new Stream<number>();
    const out = source.map((x: number, y: number, z: number) => x * y + z, 10, 1).sinkToList();
    source.emit(2);
    expect(out).toEqual([21]);
  });

  it('emits undefined and null results like any value', () => {
    const source = new Stream<number>();
    const out = source.map(() => null).sinkToList();
    source.emit(1);
    expect(out).toEqual([null]);
  });

  it('lets an exception escape emit() and keeps the graph usable', () => {
    const source = new Stream<number>();
    const out = source
      .map((x) => {
        if (x === 2) throw new Error('boom');
        return x;
      })
      .sinkToList();
    source.emit(1);
    expect(() => source.emit(2)).toThrow('boom');
    source.emit(3);
    expect(out).toEqual([1, 3]);
  });

  it('is labelled like streamz', () => {
    function double(x: number) {
      return 2 * x;
    }
    expect(String(new Stream<number>().map(double))).toBe('<map: double>');
  });
});

describe('Stream constructor', () => {
  it('takes options alone, as streamz takes keywords', () => {
    const clock = new VirtualScheduler();
    const source = new Stream<number>({ scheduler: clock, streamName: 'in' });
    expect(source.scheduler).toBe(clock);
    expect(source.upstreams).toEqual([]);
    expect(String(source)).toBe('<in; Stream>');
    expect(source.map((x) => x).scheduler).toBe(clock);
  });
});

describe('map and sink: copies of the hot method', () => {
  it('give different functions different classes, the same function text the same one', () => {
    const source = new Stream<number>();
    const f = (x: number) => x + 1000001;
    const g = (x: number) => x * 1000003;
    const a = source.map(f);
    const b = source.map(g);
    const c = source.map((x: number) => x + 1000001); // same text as f
    expect(Object.getPrototypeOf(a)).not.toBe(Object.getPrototypeOf(b));
    expect(Object.getPrototypeOf(c)).toBe(Object.getPrototypeOf(a));
    const outs = [a, b, c].map((node) => node.sinkToList());
    source.emit(1);
    expect(outs).toEqual([[1000002], [1000003], [1000002]]);
    for (const node of [a, b, c]) {
      expect(node).toBeInstanceOf(MapNode);
      expect(node.kind).toBe('map');
    }
    expect([a, b, c].map(String)).toEqual(['<map: f>', '<map: g>', '<map: function>']);
  });

  it('behave alike for sinks, promises included', async () => {
    const source = new Stream<number>();
    const seen: number[][] = [[], [], [], [], []];
    const sinks = [
      source.sink((x: number) => void seen[0]!.push(x)),
      source.sink((x: number) => void seen[1]!.push(x * 2)),
      source.sink((x: number) => void seen[2]!.push(x * 3)),
      source.sink((x: number) => void seen[3]!.push(x * 4)),
      source.sink((x: number) => Promise.resolve().then(() => void seen[4]!.push(x * 5))),
    ];
    expect(new Set(sinks.map((s) => Object.getPrototypeOf(s))).size).toBe(4);
    const pending = source.emit(1);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(seen).toEqual([[1], [2], [3], [4], [5]]);
    for (const s of sinks) expect(s.kind).toBe('sink');
  });
});

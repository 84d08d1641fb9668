import { describe, expect, it } from 'vitest';
import { Stream, VirtualScheduler } from '../index.js';

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

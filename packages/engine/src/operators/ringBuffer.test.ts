import { describe, expect, it } from 'vitest';
import { RingBuffer, WindowRing } from './ringBuffer.js';

describe('RingBuffer', () => {
  it('is a FIFO queue that grows past its initial capacity', () => {
    const r = new RingBuffer<number>(2);
    expect(r.shift()).toBeUndefined();
    expect(r.peek()).toBeUndefined();
    for (let i = 0; i < 10; i++) r.push(i);
    expect(r.length).toBe(10);
    expect(r.peek()).toBe(0);
    expect(r.get(9)).toBe(9);
    expect(r.get(10)).toBeUndefined();
    expect(r.get(-1)).toBeUndefined();
    expect(r.toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let i = 0; i < 4; i++) expect(r.shift()).toBe(i);
    expect(r.toArray()).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('wraps around without losing order', () => {
    const r = new RingBuffer<number>(4);
    const model: number[] = [];
    let n = 0;
    for (let step = 0; step < 1000; step++) {
      if (step % 3 === 2) {
        expect(r.shift()).toBe(model.shift());
      } else {
        r.push(n);
        model.push(n++);
      }
      expect(r.length).toBe(model.length);
    }
    expect(r.toArray()).toEqual(model);
  });

  it('copies a wrapped-around buffer in order', () => {
    const r = new RingBuffer<number>(4);
    for (let i = 0; i < 4; i++) r.push(i);
    r.shift();
    r.shift();
    r.push(4);
    r.push(5);
    expect(r.toArray()).toEqual([2, 3, 4, 5]);
    r.push(6); // grows while wrapped
    expect(r.toArray()).toEqual([2, 3, 4, 5, 6]);
  });

  it('clears and keeps working', () => {
    const r = new RingBuffer<string>();
    r.push('a');
    r.push('b');
    r.shift();
    r.push('c');
    r.clear();
    expect(r.length).toBe(0);
    expect(r.toArray()).toEqual([]);
    r.push('d');
    expect(r.toArray()).toEqual(['d']);
  });

  it('returns a fresh array', () => {
    const r = new RingBuffer<number>();
    r.push(1);
    const a = r.toArray();
    const b = r.toArray();
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });
});

describe('WindowRing', () => {
  it('holds the last n elements, oldest first, as one fresh array', () => {
    const w = new WindowRing<number>(3);
    expect(w.toArray()).toEqual([]);
    const seen: number[][] = [];
    for (let i = 0; i < 10; i++) {
      w.push(i);
      seen.push(w.toArray());
    }
    expect(seen).toEqual([
      [0],
      [0, 1],
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
      [4, 5, 6],
      [5, 6, 7],
      [6, 7, 8],
      [7, 8, 9],
    ]);
    expect(w.length).toBe(3);
  });

  it('works with n = 1', () => {
    const w = new WindowRing<string>(1);
    w.push('a');
    w.push('b');
    expect(w.toArray()).toEqual(['b']);
  });
});

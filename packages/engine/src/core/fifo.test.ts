import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('is first-in first-out across compactions', () => {
    const q = new Fifo<number>();
    let next = 0;
    let expected = 0;
    let wrong = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 3000; i++) q.push(next++);
      for (let i = 0; i < 2500; i++) if (q.shift() !== expected++) wrong++;
    }
    expect(wrong).toBe(0);
    expect(q.length).toBe(next - expected);
    expect(q.peek()).toBe(expected);
    while (q.length > 0) if (q.shift() !== expected++) wrong++;
    expect(wrong).toBe(0);
    expect(q.shift()).toBeUndefined();
    q.push(1);
    q.clear();
    expect(q.length).toBe(0);
  });
});

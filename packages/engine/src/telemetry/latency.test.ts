import { describe, expect, it } from 'vitest';
import { LATENCY_SAMPLES, LatencyWindow, percentile } from './latency.js';

describe('latency', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('keeps a bounded window per tick and empties it when read', () => {
    const w = new LatencyWindow();
    expect(w.take()).toBeUndefined();
    for (let i = 0; i < LATENCY_SAMPLES * 2; i++) w.add(i % 10);
    w.add(-1);
    expect(w.size).toBe(LATENCY_SAMPLES);
    const stats = w.take()!;
    expect(stats.p50).toBe(4);
    expect(stats.p99).toBe(9);
    expect(stats.mean).toBeCloseTo(276 / 64);
    expect(w.size).toBe(0);
  });
});

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BusyMarker } from './busyMarker.js';

const dir = mkdtempSync(join(tmpdir(), 'streamloom-busy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy
  }
};

describe('BusyMarker', () => {
  it('wraps functions without changing what they do', async () => {
    const fd = openSync(join(dir, 'a.log'), 'w');
    const marker = new BusyMarker(fd);
    try {
      const one = marker.wrap('n1', (x: number) => x + 1, 'x => x + 1');
      const two = marker.wrap('n1', (a: number, b: number) => a * b, '(a, b) => a * b');
      const rest = marker.wrap('n2', (...xs: number[]) => xs.length, '(...xs) => xs.length');
      const named = marker.wrap('n3', function double(x: number) {
        return x * 2;
      });
      expect(one(1)).toBe(2);
      expect(two(3, 4)).toBe(12);
      expect(rest(1, 2, 3)).toBe(3);
      expect([one.length, two.length, named.name]).toEqual([1, 2, 'double']);
      const thrower = marker.wrap('n4', () => {
        throw new RangeError('no');
      });
      expect(() => thrower()).toThrow(RangeError);
    } finally {
      await marker.close();
      closeSync(fd);
    }
  });

  it('reports the node whose function is running, even while it never returns to the event loop', async () => {
    const file = join(dir, 'b.log');
    const fd = openSync(file, 'w');
    const marker = new BusyMarker(fd);
    try {
      const slow = marker.wrap('slowNode', (ms: number) => spin(ms), 'ms => spin(ms)');
      await new Promise((r) => setTimeout(r, 200)); // the reporter has started and knows the name
      slow(700);
      await new Promise((r) => setTimeout(r, 200));
      const reports = readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { busy: string | null });
      expect(reports).toContainEqual({ busy: 'slowNode' });
      expect(reports.at(-1)).toEqual({ busy: null });
    } finally {
      await marker.close();
      closeSync(fd);
    }
  });

  it('records nothing without a pipe (headless runs)', () => {
    const marker = new BusyMarker(null);
    const f = (x: number) => x;
    expect(marker.wrap('n', f)).toBe(f);
  });
});

import { describe, expect, it } from 'vitest';
import type { HostLogLine } from './messages.js';
import { RunLogRing } from './runLog.js';

const lines = (n: number, from = 0, text = (i: number) => String(i)): HostLogLine[] =>
  Array.from({ length: n }, (_, i) => ({ t: 1000 + from + i, nodeId: 'log', line: text(from + i) }));

describe('RunLogRing (a run’s recent output on the server)', () => {
  it('numbers lines, keeps the last ones, and sums what the host skipped', () => {
    const ring = new RunLogRing('r1', 5);
    const b1 = ring.append({ lines: lines(3), skipped: 0 })!;
    expect(b1).toEqual({ runId: 'r1', since: ring.since, skipped: 0, omitted: 0, lines: lines(3).map((l, i) => ({ ...l, seq: i + 1 })) });
    ring.append({ lines: lines(4, 3), skipped: 7 });
    expect(ring.kept).toBe(5);
    const snap = ring.snapshot();
    expect(snap.lines.map((l) => l.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(snap.lines.map((l) => l.line)).toEqual(['2', '3', '4', '5', '6']);
    expect(snap).toMatchObject({ runId: 'r1', skipped: 7, total: 7 });
    expect(ring.snapshot(5).lines.map((l) => l.seq)).toEqual([6, 7]);
  });

  it('reports a batch with only skipped lines, and nothing for an empty one', () => {
    const ring = new RunLogRing('r1', 5);
    expect(ring.append({ lines: [], skipped: 0 })).toBeNull();
    expect(ring.append({ lines: [], skipped: 4 })).toEqual({ runId: 'r1', since: ring.since, lines: [], skipped: 4, omitted: 0 });
  });

  it('keeps fewer long lines (a bound on characters) and lets them all go when released', () => {
    const ring = new RunLogRing('r1', 1000, 10_000);
    ring.append({ lines: lines(100, 0, () => 'x'.repeat(1000)), skipped: 0 });
    expect(ring.kept).toBe(10);
    expect(ring.keptChars).toBe(10_000);
    ring.release();
    expect(ring.snapshot()).toEqual({ runId: 'r1', since: ring.since, lines: [], skipped: 0, total: 100 });
  });
});

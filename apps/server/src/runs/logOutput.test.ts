import { describe, expect, it } from 'vitest';
import { LOG_LINE_MAX_CHARS, LogOutput } from './logOutput.js';

describe('LogOutput (a run host’s log lines)', () => {
  it('holds lines with their node and time until taken', () => {
    const out = new LogOutput(100, () => 0);
    out.write('1', 'a');
    out.write('{"x":2}', 'b');
    const batch = out.take()!;
    expect(batch.skipped).toBe(0);
    expect(batch.lines.map((l) => [l.nodeId, l.line])).toEqual([
      ['a', '1'],
      ['b', '{"x":2}'],
    ]);
    expect(batch.lines.every((l) => Math.abs(l.t - Date.now()) < 5000)).toBe(true);
    expect(out.take()).toBeUndefined();
  });

  it('forwards at most its rate, counts the rest as skipped, and refills with time', () => {
    let now = 0;
    const out = new LogOutput(100, () => now);
    for (let i = 0; i < 1000; i++) out.write(String(i), 'log');
    expect(out.held).toBe(100);
    const first = out.take()!;
    expect(first.lines).toHaveLength(100);
    expect(first.lines.at(-1)!.line).toBe('99');
    expect(first.skipped).toBe(900);

    // 100 ms later: ten more lines' worth.
    now += 100;
    out.take();
    for (let i = 0; i < 50; i++) out.write('x', 'log');
    const second = out.take()!;
    expect(second.lines).toHaveLength(10);
    expect(second.skipped).toBe(40);

    // A long pause refills one second's worth at most.
    now += 60_000;
    out.take();
    for (let i = 0; i < 500; i++) out.write('y', 'log');
    expect(out.take()!.lines).toHaveLength(100);
  });

  it('cuts long lines and keeps their length', () => {
    const out = new LogOutput(10, () => 0);
    out.write('"' + 'a'.repeat(10_000) + '"', 'log');
    const [line] = out.take()!.lines;
    expect(line!.line).toHaveLength(LOG_LINE_MAX_CHARS);
    expect(line!.length).toBe(10_002);
  });
});

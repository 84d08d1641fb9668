import { describe, expect, it } from 'vitest';
import { durationText, msText, paramShort, parseDuration, rateText, shortNumber } from './format';

describe('format', () => {
  it('shortens numbers for badges', () => {
    expect(shortNumber(0)).toBe('0');
    expect(shortNumber(9.94)).toBe('9.9');
    expect(shortNumber(1234)).toBe('1.2k');
    expect(shortNumber(56_000)).toBe('56k');
    expect(shortNumber(3_400_000)).toBe('3.4M');
    expect(rateText(12.5)).toBe('13/s');
    expect(msText(0.02)).toBe('20 µs');
    expect(msText(undefined)).toBe('–');
  });

  it('reads and writes durations as people do', () => {
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2 m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('soon')).toBeNull();
    expect(durationText(1000)).toBe('1s');
    expect(durationText(1500)).toBe('1.5s');
    expect(durationText(60_000)).toBe('1m');
    expect(durationText(250)).toBe('250ms');
  });

  it('shows a parameter in short on the node', () => {
    expect(paramShort('function', 'x =>\n  x * 2')).toBe('x => x * 2');
    expect(paramShort('duration', 500)).toBe('500ms');
    expect(paramShort('list', [1, 2])).toBe('[1,2]');
    expect(paramShort('integer', null)).toBe('none');
  });
});

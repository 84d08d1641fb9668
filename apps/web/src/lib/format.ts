// Numbers as a badge shows them: short, stable width.

/** 1234 → "1.2k", 0.5 → "0.5". */
export function shortNumber(n: number): string {
  if (!Number.isFinite(n)) return '–';
  const a = Math.abs(n);
  if (a >= 1e9) return `${(n / 1e9).toFixed(a >= 1e10 ? 0 : 1)}G`;
  if (a >= 1e6) return `${(n / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e3) return `${(n / 1e3).toFixed(a >= 1e4 ? 0 : 1)}k`;
  if (a >= 10 || Number.isInteger(n)) return String(Math.round(n));
  return n.toFixed(1);
}

export function rateText(perSecond: number): string {
  return `${shortNumber(perSecond)}/s`;
}

export function msText(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A duration in ms as people write it: 1500 → "1.5s", 60000 → "1m". */
export function durationText(ms: number): string {
  if (ms !== 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** "1.5s", "200ms", "2m", "1h", "300" (ms) → ms; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(-?\d+(?:\.\d+)?|-?\.\d+)\s*(ms|s|sec|m|min|h)?\s*$/i.exec(text);
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'ms').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' || unit === 'sec' ? 1000 : unit === 'm' || unit === 'min' ? 60_000 : 3_600_000;
  return Math.round(n * factor * 1000) / 1000;
}

/** A parameter's value in short, for the node's key line. */
export function paramShort(kind: string, value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'none';
  if (kind === 'duration' && typeof value === 'number') return durationText(value);
  if (typeof value === 'string') return kind === 'function' ? value.replace(/\s+/g, ' ').trim() : value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

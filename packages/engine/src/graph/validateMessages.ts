// Small helpers that turn ids and values into text a person can read in an issue message.

const MAX_QUOTED = 64;

/** A string quoted for a message, shortened when long: `"m1"`. */
export function q(text: string): string {
  const short = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
  return JSON.stringify(short);
}

/** `Node "m1" (map)`, or `Node "m1"` when its type is unknown. */
export function nodeLabel(id: string, type?: string): string {
  return `N${nodeRef(id, type).slice(1)}`;
}

/** `node "m1" (map)`: a node named inside a sentence. */
export function nodeRef(id: string, type?: string): string {
  return type === undefined ? `node ${q(id)}` : `node ${q(id)} (${short(type)})`;
}

/** `Edge "e1" (m1 → m2)`. */
export function edgeLabel(id: string | undefined, index: number, source?: unknown, target?: unknown): string {
  const name = id === undefined ? `Edge #${index + 1}` : `Edge ${q(id)}`;
  if (typeof source === 'string' && typeof target === 'string') return `${name} (${short(source)} → ${short(target)})`;
  return name;
}

function short(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}

/** What a value is, in a few words: `"abc"`, `-1`, `an object`, `a list of 3 items`, `null`. */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'undefined':
        return 'nothing';
      case 'number':
        return Number.isNaN(value) ? 'NaN' : String(value);
      case 'bigint':
        return `the big integer ${short(String(value))}`;
      case 'boolean':
        return String(value);
      case 'string':
        return `${q(value)} (text)`;
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function value (write its source text instead)';
      default:
        if (value === null) return 'null';
        if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
        return 'an object';
    }
  } catch {
    return 'a value that cannot be read';
  }
}

/** `a number`, `an integer`, … */
export function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** `"a", "b" or "c"`. */
export function listOr(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max).map((s) => q(s));
  if (items.length > max) return `${shown.join(', ')} …`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/** The candidate closest to `word` when it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 100) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.length > 100) continue;
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `; did you mean "map"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s === undefined ? '' : `; did you mean ${q(s)}?`;
}

/** Port ranges as text: `1`, `1–4`, `1, 3 and 5–9` (at most 10 ranges shown). */
export function portRanges(ranges: ReadonlyArray<readonly [from: number, to: number]>): string {
  const parts = ranges.slice(0, 10).map(([from, to]) => (from === to ? String(from) : `${from}–${to}`));
  if (ranges.length > 10) parts.push('…');
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

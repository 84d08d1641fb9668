import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAGIC = /[*?[]/;

/**
 * Python's `glob.glob(pattern)` for the patterns streamz's `filenames` uses: `*`, `?` and `[…]`
 * (with `[!…]`) in any path segment, no `**`. As in Python, wildcards do not match names starting
 * with a dot, unreadable or missing directories give no match, and the result is in directory
 * order (callers sort).
 */
export function glob(pattern: string): string[] {
  if (!MAGIC.test(pattern)) return exists(pattern) ? [pattern] : [];
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [absolute ? '/' : ''];
  for (let i = absolute ? 1 : 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next: string[] = [];
    const last = i === segments.length - 1;
    for (const base of paths) {
      if (!MAGIC.test(segment)) {
        const p = base === '' ? segment : join(base, segment);
        if (last ? exists(p) : isDirectory(p)) next.push(p);
        continue;
      }
      const re = segmentRegExp(segment);
      let names: string[];
      try {
        names = readdirSync(base === '' ? '.' : base);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.')) continue;
        if (!re.test(name)) continue;
        const p = base === '' ? name : join(base, name);
        if (last || isDirectory(p)) next.push(p);
      }
    }
    paths = next;
  }
  return paths;
}

/** fnmatch's translation of one segment to a regular expression. */
export function segmentRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close;
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${re})$`, 's');
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

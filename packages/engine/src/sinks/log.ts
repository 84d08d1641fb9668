import { Stream } from '../core/stream.js';
import type { Pending } from '../core/types.js';

/**
 * One line of JSON for `x`, as Python's `json.dumps(x, separators=(',', ':'), ensure_ascii=False)`
 * writes it for JSON data: undefined is `null`, a BigInt its digits, a Map an object, a Set an
 * array. A value JSON cannot hold (a cycle) is written as its `String(…)`, JSON-quoted.
 */
export function jsonLine(x: unknown): string {
  try {
    return JSON.stringify(x, replacer) ?? 'null';
  } catch {
    return JSON.stringify(String(x));
  }
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** A sink that writes every element as one JSON line to `write` (the run's output). */
export class LogNode<T> extends Stream<T> {
  constructor(
    upstream: Stream<T> | null,
    readonly write: (line: string) => void,
  ) {
    super(upstream);
  }

  override update(x: T): Pending {
    this.write(jsonLine(x));
    return undefined;
  }

  override get kind(): string {
    return 'log';
  }
}

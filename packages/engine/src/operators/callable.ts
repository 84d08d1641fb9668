/** Fixes trailing arguments once, so the per-element call allocates nothing. */
export function bindArgs<X, R>(
  func: (x: X, ...args: any[]) => R,
  args: readonly unknown[],
): (x: X) => R {
  if (typeof func !== 'function') {
    throw new TypeError(`expected a function, got ${func === null ? 'null' : typeof func}`);
  }
  if (args.length === 0) return func as (x: X) => R;
  return (x: X) => func(x, ...args);
}

/** A function's name for labels, as streamz shows `<map: add>`. */
export function functionName(func: unknown): string {
  const name = typeof func === 'function' ? func.name : '';
  return name || 'function';
}

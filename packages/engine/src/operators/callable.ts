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

/**
 * Spreads user functions over an operator's hand-written copies of its hot method (see map.ts).
 * Functions with the same source text share a copy (closures of one literal share V8's feedback
 * anyway); each new text takes the next copy in turn. Called once per node, never per element.
 */
export function copyChooser(copies: number): (func: unknown) => number {
  const slots = new Map<string, number>();
  let next = 0;
  return (func) => {
    if (typeof func !== 'function') return 0;
    let key: string;
    try {
      key = Function.prototype.toString.call(func);
    } catch {
      return 0;
    }
    let slot = slots.get(key);
    if (slot === undefined) {
      if (slots.size >= 1024) slots.clear();
      slot = next;
      next = (next + 1) % copies;
      slots.set(key, slot);
    }
    return slot;
  };
}

import type { Pending } from './types.js';

/** Is `x` a promise or any thenable (streamz's "awaitable")? */
export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    x !== null &&
    (typeof x === 'object' || typeof x === 'function') &&
    typeof (x as { then?: unknown }).then === 'function'
  );
}

/** Combines what two deliveries returned: undefined stays undefined, promises are joined. */
export function joinPending(a: Pending, b: Pending): Pending {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Promise.all([a, b]);
}

/** A promise that resolves after `ms` on the given scheduler. */
export function sleep(
  scheduler: { setTimeout(cb: () => void, ms: number): unknown },
  ms: number,
): Promise<void> {
  return new Promise((resolve) => {
    scheduler.setTimeout(resolve, ms);
  });
}

/**
 * Runs `next` once `pending` settles, reporting a rejection on the node's scheduler first: how a
 * background loop waits for downstream without letting an error end the loop.
 */
export function afterSettled(
  pending: Promise<unknown>,
  node: { scheduler: { reportError(error: unknown, node: unknown): void } },
  next: () => void,
): void {
  pending.then(next, (error: unknown) => {
    node.scheduler.reportError(error, node);
    next();
  });
}

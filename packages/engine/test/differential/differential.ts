/** Test-file plumbing: one streamz process per file, and one `it` per differential property. */
import { afterAll, beforeAll, it } from 'vitest';
import type fc from 'fast-check';
import { checkDifferential, requireOps, StreamzProcess, type Case, type Result } from './harness.js';

/** Starts the file's streamz process before its tests and stops it after them. */
export function useStreamz(): () => StreamzProcess {
  let py: StreamzProcess | undefined;
  beforeAll(async () => {
    py = await StreamzProcess.start();
  });
  afterAll(() => py?.close());
  return () => {
    if (py === undefined) throw new Error('the streamz process did not start (see the beforeAll error)');
    return py;
  };
}

/**
 * One property: `numRuns` cases from `arb` behave the same on streamz and on the engine. Fails
 * first, with a clear message, when the engine lacks one of `ops`.
 */
export function differential(
  py: () => StreamzProcess,
  name: string,
  ops: readonly string[],
  arb: fc.Arbitrary<Case>,
  numRuns: number,
  leaveOut?: (c: Case, expected: Result, actual: Result) => boolean,
): void {
  it(`${name} matches streamz (${numRuns} cases)`, async () => {
    requireOps(...ops);
    await checkDifferential(py(), name, arb, numRuns, leaveOut);
  });
}

/** Test-file plumbing: one streamz process per file, and one `it` per differential property. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type fc from 'fast-check';
import {
  checkDifferential,
  requireOps,
  runEngine,
  StreamzProcess,
  type Case,
  type Result,
} from './harness.js';

/** Starts the file's streamz process before its tests and stops it after them. */
export function useStreamz(): () => StreamzProcess {
  let py: StreamzProcess | undefined;
  beforeAll(async () => {
    py = await StreamzProcess.start();
  });
  afterAll(() => py?.close());
  return () => {
    if (py === undefined)
      throw new Error('the streamz process did not start (see the beforeAll error)');
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

/**
 * A divergence we keep on purpose, pinned down: streamz gives `streamz` and the engine `engine` on
 * case `c`. It fails when either side changes, so the decision gets looked at again.
 */
export function knownDivergence(
  py: () => StreamzProcess,
  name: string,
  c: Case,
  streamz: Result,
  engine: Result,
): void {
  it(`known divergence: ${name}`, async () => {
    const [expected] = await py().run([c]);
    expect(expected, 'streamz no longer behaves as recorded').toEqual(streamz);
    expect(runEngine(c), 'the engine no longer behaves as recorded').toEqual(engine);
  });
}

/**
 * Whole graphs against the real streamz: random chains of operators with sinks tapping them (so
 * depth-first delivery order shows), and errors raised in one branch of a fan-out.
 */
import { describe, expect, it } from 'vitest';
import { chainCase, errorBelowPartitionCase, errorFanOutCase, errorWithPartition } from './arbitraries.js';
import { differential, useStreamz } from './differential.js';
import { ALL_OPS, missingOps } from './harness.js';

const py = useStreamz();
const CHAIN_OPS = ALL_OPS.filter((op) => !['source', 'sink', 'flush', 'union', 'zip', 'combineLatest', 'zipLatest', 'collect'].includes(op));

describe('chains of 2-5 operators', () => {
  // The chains draw only from the operators the engine has, so they give a signal while the rest
  // land; the next test fails until every operator is there.
  const available = CHAIN_OPS.filter((op) => missingOps([op]).length === 0);
  differential(py, 'chains', ['map', 'filter', 'accumulate'], chainCase(available), 300, errorWithPartition);

  it('draw from every deterministic operator', () => {
    expect(missingOps(CHAIN_OPS), 'operators not yet in the engine, so left out of the chains').toEqual([]);
  });
});

describe('errors', () => {
  differential(py, 'an error in one branch of a fan-out', ['map', 'filter', 'accumulate'], errorFanOutCase(ALL_OPS.filter((op) => missingOps([op]).length === 0)), 200);
  differential(py, 'an error below a partition, with later branches above it', ['map', 'partition', 'pluck'], errorBelowPartitionCase, 100);
});

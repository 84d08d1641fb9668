import { describe, expect, it } from 'vitest';
import { findSyncCycles } from './cycles.js';

const none = () => false;

describe('findSyncCycles', () => {
  it('finds nothing in a DAG', () => {
    expect(findSyncCycles(['a', 'b', 'c'], [['a', 'b'], ['b', 'c'], ['a', 'c']], none)).toEqual([]);
  });

  it('finds a self-loop and a loop, as node paths', () => {
    expect(findSyncCycles(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'd']], none)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
  });

  it('ignores loops broken by an asynchronous node, but not a shorter loop beside them', () => {
    const edges: Array<[string, string]> = [['u', 'm'], ['m', 'u'], ['u', 'r'], ['r', 'u']];
    expect(findSyncCycles(['u', 'm', 'r'], edges, (id) => id === 'r')).toEqual([['u', 'm', 'u']]);
    expect(findSyncCycles(['u', 'm', 'r'], edges, (id) => id === 'm' || id === 'r')).toEqual([]);
  });

  it('gives the shortest loop through the first node of a component', () => {
    const edges: Array<[string, string]> = [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a'], ['b', 'a']];
    expect(findSyncCycles(['a', 'b', 'c', 'd'], edges, none)).toEqual([['a', 'b', 'a']]);
  });

  it('handles a long ring without recursion', () => {
    const n = 20_000;
    const ids = Array.from({ length: n }, (_, i) => `n${i}`);
    const edges = ids.map((id, i) => [id, ids[(i + 1) % n]!] as const);
    const [cycle] = findSyncCycles(ids, edges, none);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle![0]).toBe('n0');
    expect(cycle![n]).toBe('n0');
  });
});

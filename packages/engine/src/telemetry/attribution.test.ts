import { describe, expect, it } from 'vitest';
import { Stream } from '../core/stream.js';
import { MapNode } from '../operators/map.js';
import { culpritFromStack, functionUrl } from './attribution.js';

const errorAt = (stack: string) => Object.assign(new Error('x'), { stack: `Error: x\n${stack}` });

describe('attribution', () => {
  it('names user functions by node and parameter, safely', () => {
    expect(functionUrl({ nodeId: 'm1', param: 'func' })).toBe('streamloom:m1/func');
    expect(functionUrl({ nodeId: 'a b\n//c', param: 'f' })).toBe('streamloom:a%20b%0A%2F%2Fc/f');
  });

  it('finds the innermost frame that belongs to a node', () => {
    const src = new Stream<any>(null);
    const m1 = new MapNode<any, any>(null as never, (x: unknown) => x);
    const m2 = new MapNode<any, any>(null as never, (x: unknown) => x);
    const nodes = new Map<string, Stream<any>>([
      ['src', src],
      ['odd id', m1],
      ['m2', m2],
    ]);
    // A user function's frame wins over the engine frames around it.
    expect(
      culpritFromStack(
        errorAt('    at helper (streamloom:odd%20id/func:1:5)\n    at MapNode.update (map.ts:3:1)'),
        nodes,
      ),
    ).toBe('odd id');
    expect(
      culpritFromStack(
        errorAt('    at streamloom:m2/func:2:9\n    at MapNode.update (map.ts:3:1)'),
        nodes,
      ),
    ).toBe('m2');
    // A script name of another run is skipped.
    expect(
      culpritFromStack(
        errorAt('    at streamloom:other/func:1:1\n    at streamloom:m2/func:1:1'),
        nodes,
      ),
    ).toBe('m2');
    // A class with two nodes is ambiguous unless only one is downstream of the root.
    expect(culpritFromStack(errorAt('    at MapNode.update (map.ts:3:1)'), nodes)).toBeUndefined();
    src.connect(m2);
    expect(culpritFromStack(errorAt('    at MapNode.update (map.ts:3:1)'), nodes, src)).toBe('m2');
    expect(culpritFromStack(errorAt('    at Stream._emit (stream.ts:1:1)'), nodes)).toBe('src');
  });

  it('gives up on values without a stack', () => {
    const nodes = new Map<string, Stream<any>>([['a', new Stream<any>(null)]]);
    expect(culpritFromStack('a string', nodes)).toBeUndefined();
    expect(culpritFromStack(null, nodes)).toBeUndefined();
    expect(culpritFromStack({ stack: 42 }, nodes)).toBeUndefined();
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    expect(culpritFromStack(hostile, nodes)).toBeUndefined();
  });
});

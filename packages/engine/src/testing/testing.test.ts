import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../core/virtualScheduler.js';
import { plainHost } from './plainHost.js';
import { GraphIssuesError, runGraph } from './runGraph.js';

const chain = {
  version: 1,
  name: 'chain',
  nodes: [
    { id: 'in', type: 'from_iterable', params: { items: [] } },
    { id: 'double', type: 'map', params: { func: 'x => x * 2' } },
    { id: 'out', type: 'sink_to_list', params: {} },
    { id: 'print', type: 'log', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'in', target: 'double' },
    { id: 'e2', source: 'double', target: 'out' },
    { id: 'e3', source: 'double', target: 'print' },
  ],
};

describe('plainHost', () => {
  it('compiles function source, names it for stack traces, and keeps log lines', () => {
    const seen: string[] = [];
    const host = plainHost(new VirtualScheduler(), { log: (l) => seen.push(l) });
    const f = host.compileFunction('x => { throw new Error("in f") }', {
      nodeId: 'm 1',
      param: 'func',
    });
    expect(() => f(1)).toThrow('in f');
    try {
      f(1);
    } catch (error) {
      expect((error as Error).stack).toContain('streamloom:m%201/func');
    }
    expect(() => host.compileFunction('42', { nodeId: 'm', param: 'func' })).toThrow(
      /func must be a function, got number/,
    );
    expect(() => host.compileFunction('x =>', { nodeId: 'm', param: 'func' })).toThrow(SyntaxError);
    host.log('a');
    expect(host.lines).toEqual(['a']);
    expect(seen).toEqual(['a']);
  });
});

describe('runGraph', () => {
  it('pushes inputs at their times and returns what the sinks kept and the log', async () => {
    const result = await runGraph(chain, {
      inputs: [
        { node: 'in', value: 3, at: 200 },
        { node: 'in', value: 1 },
        { node: 'in', value: 2, at: 100 },
      ],
      advance: 500,
      inspect: ['double'],
    });
    expect(result.outputs).toEqual({ out: [2, 4, 6] });
    expect(result.log).toEqual(['2', '4', '6']);
    expect(result.scheduler.now()).toBe(500);
    expect(result.samples.double!.values.map((v) => v.value)).toEqual([2, 4, 6]);
    expect(result.frame.nodes.double).toMatchObject({ in: 3, out: 3, errors: 0 });
    expect(result.failure).toBeUndefined();
    expect(result.errors).toEqual([]);
    expect(result.run.stopped).toBe(true);
  });

  it('throws the issues of a graph that does not compile', async () => {
    const bad = { ...chain, nodes: [...chain.nodes, { id: 'x', type: 'nope', params: {} }] };
    await expect(runGraph(bad)).rejects.toBeInstanceOf(GraphIssuesError);
    await expect(runGraph(bad)).rejects.toThrow(/unknown_type/);
  });

  it('reports a failed run and failed pushes', async () => {
    const failing = {
      ...chain,
      nodes: chain.nodes.map((n) =>
        n.id === 'double'
          ? { ...n, onError: 'stop', params: { func: 'x => { throw new Error("no") }' } }
          : n,
      ),
    };
    const result = await runGraph(failing, {
      inputs: [
        { node: 'in', value: 1 },
        { node: 'in', value: 2 },
      ],
    });
    expect(result.failure?.nodeId).toBe('double');
    expect(result.errors).toEqual([result.failure, result.failure, result.failure]);
  });
});

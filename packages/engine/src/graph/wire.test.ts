import { describe, expect, it } from 'vitest';
import { Stream } from '../core/stream.js';
import { wireEdges } from './wire.js';

/** A node that records what reaches it, and from which input. */
class Recorder extends Stream<any> {
  readonly seen: Array<[number, unknown]> = [];
  constructor(
    readonly log: string[],
    readonly name: string,
  ) {
    super(null);
  }
  override update(x: unknown, who?: Stream<any>) {
    this.seen.push([this.upstreams.indexOf(who!), x]);
    this.log.push(`${this.name}:${String(x)}`);
    return this._emit(x);
  }
}

const edge = (
  source: string,
  target: string,
  targetPort = 0,
  id = `${source}-${target}-${targetPort}`,
) => ({ id, source, target, targetPort });

describe('wireEdges', () => {
  it('delivers in edge order and orders inputs by port, edge order breaking ties', () => {
    const log: string[] = [];
    const a = new Stream<any>(null);
    const b = new Stream<any>(null);
    const x = new Recorder(log, 'x');
    const y = new Recorder(log, 'y');
    const nodes = new Map<string, Stream<any>>([
      ['a', a],
      ['b', b],
      ['x', x],
      ['y', y],
    ]);
    wireEdges(nodes, [edge('a', 'y'), edge('b', 'x', 1), edge('a', 'x', 0)]);
    expect(a.downstreams).toEqual([y, x]);
    expect(x.upstreams).toEqual([a, b]);
    a.emit(1);
    b.emit(2);
    expect(log).toEqual(['y:1', 'x:1', 'x:2']);
    expect(x.seen).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('delivers once for two edges between the same nodes, but counts two inputs (streamz sets)', () => {
    const a = new Stream<any>(null);
    const z = new Recorder([], 'z');
    wireEdges(
      new Map<string, Stream<any>>([
        ['a', a],
        ['z', z],
      ]),
      [edge('a', 'z', 1), edge('a', 'z', 0)],
    );
    expect(a.downstreams).toEqual([z]);
    expect(z.upstreams).toEqual([a, a]);
  });

  it('wires cycles like any other edges', () => {
    const a = new Stream<any>(null);
    const b = new Stream<any>(null);
    wireEdges(
      new Map<string, Stream<any>>([
        ['a', a],
        ['b', b],
      ]),
      [edge('a', 'b'), edge('b', 'a')],
    );
    expect(a.downstreams).toEqual([b]);
    expect(b.downstreams).toEqual([a]);
  });

  it('throws on an edge to a node it was not given', () => {
    expect(() => wireEdges(new Map(), [edge('a', 'b')])).toThrow(/unknown node "a"/);
  });
});

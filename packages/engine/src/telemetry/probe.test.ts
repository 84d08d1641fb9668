import { describe, expect, it } from 'vitest';
import { Stream } from '../core/stream.js';
import { NodeFailure } from '../graph/types.js';
import { MapNode } from '../operators/map.js';
import { SinkNode } from '../operators/sink.js';
import { timing } from './latency.js';
import {
  armLatency,
  attachProbe,
  disarmLatency,
  chargeError,
  ERRORS_KEPT,
  guardNode,
  Probe,
  probeOf,
  registerProbe,
  setInspected,
  VALUES_KEPT,
  type ProbeOwner,
} from './probe.js';

function owner(): ProbeOwner & { failures: NodeFailure[] } {
  const failures: NodeFailure[] = [];
  return {
    failures,
    fail(f) {
      failures.push(f);
      return failures[0]!;
    },
    time: () => 1000,
  };
}

function probed(node: Stream<any>, id = 'n', stop = false) {
  const o = owner();
  const probe = new Probe(id, node, stop, o);
  attachProbe(probe);
  return { probe, owner: o };
}

describe('probes', () => {
  it('guards a node in place: an error is counted there and the element dropped', () => {
    const src = new Stream<number>(null);
    const m = new MapNode<number, number>(src, (x) => {
      if (x === 2) throw new RangeError('two');
      return x;
    });
    const out: number[] = [];
    new SinkNode(m, (x: number) => out.push(x));
    const { probe } = probed(m);
    probe.upstreams = [src];
    expect(m).toBeInstanceOf(MapNode);
    expect(probeOf(m)).toBe(probe);
    for (const x of [1, 2, 3]) src.emit(x);
    expect(out).toEqual([1, 3]);
    expect(probe).toMatchObject({ errors: 1, lastElement: 2, in: 3 });
    expect(probe.takeErrors()).toEqual([
      { t: 1000, error: new RangeError('two'), element: 2, hasElement: true },
    ]);
    expect(probe.takeErrors()).toEqual([]);
  });

  it('guards an update set on the instance, once', () => {
    const node = new Stream<any>(null);
    let calls = 0;
    node.update = () => {
      calls++;
      throw new Error('own');
    };
    const { probe } = probed(node);
    const guard = node.update;
    guardNode(node);
    expect(node.update).toBe(guard);
    node.update(1);
    expect(calls).toBe(1);
    expect(probe.errors).toBe(1);
  });

  it('lets a NodeFailure through every guard, and a stop node fails the run', () => {
    const src = new Stream<number>(null);
    const a = new MapNode<number, number>(src, (x) => x);
    const b = new MapNode<number, number>(a, () => {
      throw new Error('bad');
    });
    const pa = probed(a, 'a');
    const pb = probed(b, 'b', true);
    expect(() => src.emit(1)).toThrow(NodeFailure);
    expect(pb.owner.failures.map((f) => f.nodeId)).toEqual(['b']);
    expect(pa.probe.errors).toBe(0);
    expect(pb.probe.errors).toBe(1);
  });

  it('keeps the last ERRORS_KEPT errors, oldest first', () => {
    const { probe } = probed(new Stream<any>(null));
    for (let i = 0; i < ERRORS_KEPT + 3; i++) chargeError(probe.node, new Error(`e${i}`), i, true);
    const kept = probe.takeErrors();
    expect(kept).toHaveLength(ERRORS_KEPT);
    expect(kept[0]!.element).toBe(3);
    expect(kept.at(-1)!.element).toBe(ERRORS_KEPT + 2);
    expect(chargeError(new Stream<any>(null), new Error('x'), 1, true)).toBe(false);
  });

  it('times a node’s own work, without the guarded nodes it calls', () => {
    const spin = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const src = new Stream<number>(null);
    const outer = new MapNode<number, number>(src, (x) => (spin(1), x));
    const inner = new MapNode<number, number>(outer, (x) => (spin(3), x));
    const po = probed(outer, 'outer').probe;
    const pi = probed(inner, 'inner').probe;
    armLatency([src, outer, inner], 9);
    expect(src.next).toBe(null);
    for (let x = 0; x < 10; x++) src.emit(x);
    // The window closed after 9 deliveries and gave the nodes their fast path back.
    expect(timing.armed).toBe(0);
    expect(src.next).toBe(outer);
    expect(outer.next).toBe(inner);
    const o = po.latency.take()!;
    const i = pi.latency.take()!;
    // Medians: a loaded machine may stretch any one call.
    expect(o.p50).toBeGreaterThanOrEqual(1);
    expect(o.p50).toBeLessThan(3);
    expect(i.p50).toBeGreaterThanOrEqual(3);
    expect(pi.latency.size).toBe(0);
    expect(po.latency.take()).toBeUndefined();
    disarmLatency();
  });

  it('arms and disarms the sampling window, per node set', () => {
    const a = new Stream<number>(null);
    const b = new MapNode<number, number>(a, (x) => x);
    const fan = new Stream<number>(null);
    const out: number[] = [];
    new SinkNode(fan, (x: number) => out.push(x));
    new SinkNode(fan, (x: number) => out.push(-x));
    armLatency([a], 5);
    expect(timing.armed).toBe(5);
    armLatency([fan], 2);
    expect(timing.armed).toBe(5);
    expect([a.next, fan.next]).toEqual([null, null]);
    // Delivery is unchanged while sampled.
    fan.emit(1);
    expect(out).toEqual([1, -1]);
    disarmLatency([a]);
    expect(a.next).toBe(b);
    expect(timing.armed).toBe(4);
    disarmLatency();
    expect(timing.armed).toBe(0);
    expect(fan.next).toBe(null);
    fan.emit(2);
    expect(out).toEqual([1, -1, 2, -2]);
  });

  it('leaves a node without a probe to streamz: its error propagates', () => {
    const src = new Stream<number>(null);
    const m = new MapNode<number, number>(src, () => {
      throw new RangeError('bare');
    });
    new SinkNode(m, () => undefined);
    probed(new Stream<any>(null)); // installs the fault handler
    expect(() => src.emit(1)).toThrow(RangeError);
  });

  it('stamps recorded values with the clock every STAMP_EVERY values and interpolates the rest', () => {
    let clock = 0;
    const o: ProbeOwner = { fail: (f) => f, time: () => clock };
    const src = new Stream<number>(null);
    const m = new MapNode<number, number>(src, (x) => x);
    const probe = new Probe('m', m, false, o);
    attachProbe(probe);
    setInspected(probe, true, true);
    // 200 values, the clock advancing 1 ms per value: kept are the last 100 (numbers 100…199).
    for (let i = 0; i < 200; i++) {
      clock = i;
      src.emit(i);
    }
    clock = 200;
    const { values, omitted } = probe.takeValues();
    expect(omitted).toBe(100);
    expect(values.map((v) => v.value)).toEqual(Array.from({ length: 100 }, (_, i) => i + 100));
    // Exact at the stamps (128, 192), interpolated between them and up to the take.
    expect(values[28]).toEqual({ t: 128, value: 128 });
    expect(values[92]).toEqual({ t: 192, value: 192 });
    expect(values[0]!.t).toBeCloseTo(100);
    expect(values[99]!.t).toBeCloseTo(199);
    for (let i = 1; i < values.length; i++) expect(values[i]!.t).toBeGreaterThan(values[i - 1]!.t);
    // A slow stream (fewer than STAMP_EVERY values per take) gets the clock of its first value.
    clock = 500;
    src.emit(7);
    clock = 600;
    expect(probe.takeValues()).toEqual({ values: [{ t: 500, value: 7 }], omitted: 0 });
    setInspected(probe, false, true);
  });

  it('records an inspected node’s output, or a sink’s input, and detaches cleanly', () => {
    const src = new Stream<number>(null);
    const m = new MapNode<number, number>(src, (x) => x * 2);
    const sink = new SinkNode(m, () => undefined);
    const pm = probed(m, 'm').probe;
    const ps = new Probe('s', sink, false, owner());
    registerProbe(ps);
    ps.upstreams = [m];
    setInspected(pm, true, true);
    setInspected(pm, true, true);
    setInspected(ps, true, false);
    for (let i = 0; i < VALUES_KEPT + 5; i++) src.emit(i);
    const vm = pm.takeValues();
    expect(vm.omitted).toBe(5);
    expect(vm.values[0]).toEqual({ t: 1000, value: 10 });
    expect(ps.takeValues().values.at(-1)!.value).toBe(2 * (VALUES_KEPT + 4));
    setInspected(pm, false, true);
    setInspected(ps, false, false);
    expect(m.downstreams).toEqual([sink]);
    expect(pm.takeValues()).toEqual({ values: [], omitted: 0 });
  });
});

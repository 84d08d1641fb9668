import { describe, expect, it } from 'vitest';
import type { TelemetryFrame } from '@streamloom/engine/protocol';
import { FrameQueue } from '../api/socket';
import { makeStore, settle } from './testing';

const conn = (source: string, target: string) => ({ source, target, sourceHandle: 'out', targetHandle: 'in-0' });

async function ready() {
  const t = makeStore();
  const s = t.store.getState();
  await s.createGraph();
  s.addNode('counter', { x: 0, y: 0 });
  s.addNode('map', { x: 0, y: 0 });
  s.addNode('sliding_window', { x: 0, y: 0 });
  s.connect(conn('counter-1', 'map-1'));
  s.connect(conn('map-1', 'sliding_window-1'));
  await settle();
  return t;
}

const frame = (runId: string, t: number, nodes: TelemetryFrame['nodes']): TelemetryFrame => ({ runId, t, nodes });

describe('run slice', () => {
  it('refuses to deploy a graph with problems, saying which', async () => {
    const { store, server } = makeStore();
    await store.getState().createGraph();
    store.getState().addNode('map', { x: 0, y: 0 });
    await store.getState().deploy();
    expect(store.getState().runMessage).toMatch(/Fix 1 problem/);
    expect(server.calls.some((c) => c.startsWith('deploy'))).toBe(false);
  });

  it('saves, deploys the saved revision, follows the run and stops it', async () => {
    const { store, server, transport } = await ready();
    await store.getState().deploy();
    const run = store.getState().run!;
    expect(server.calls).toContain(`deploy g1 ${store.getState().revision}`);
    expect(transport.subscribed).toEqual([run.runId]);
    expect(run.state).toBe('running');
    await store.getState().stop();
    expect(store.getState().run!.state).toBe('stopped');
  });

  it('shows a failed run with the node it names', async () => {
    const { store } = await ready();
    await store.getState().deploy();
    const run = store.getState().run!;
    store.getState().onRunStatus({ ...run, state: 'failed', reason: 'boom', nodeId: 'map-1' });
    expect(store.getState().run).toMatchObject({ state: 'failed', nodeId: 'map-1' });
    store.getState().onRunStatus({ ...run, runId: 'other', state: 'stopped' });
    expect(store.getState().run!.state).toBe('failed');
  });
});

describe('telemetry slice', () => {
  it('applies frames: rates over a second, counts, the bottleneck; other runs are ignored', async () => {
    const { store } = await ready();
    await store.getState().deploy();
    const runId = store.getState().run!.runId;
    const s = store.getState();
    s.applyFrames([frame(runId, 1000, { 'counter-1': { in: 0, out: 0, rate: 0, errors: 0 }, 'map-1': { in: 0, out: 0, rate: 0, errors: 0, busy: 1 } })]);
    s.applyFrames([
      frame(runId, 1500, { 'counter-1': { in: 0, out: 50, rate: 100, errors: 0 }, 'map-1': { in: 50, out: 48, rate: 96, errors: 2, busy: 30 } }),
      frame(runId, 2000, { 'counter-1': { in: 0, out: 100, rate: 100, errors: 0 }, 'map-1': { in: 100, out: 96, rate: 96, errors: 4, busy: 40 }, 'sliding_window-1': { in: 96, out: 96, rate: 96, errors: 0, busy: 60, queue: 2, capacity: 3 } }),
      frame('someone-else', 3000, { 'counter-1': { in: 0, out: 9999, rate: 1, errors: 0 } }),
    ]);
    const live = store.getState().live;
    expect(live['counter-1']!.rate).toBeCloseTo(100);
    expect(live['map-1']!.inRate).toBeCloseTo(100);
    expect(live['map-1']!.errors).toBe(4);
    expect(live['sliding_window-1']!.queue).toBe(2);
    expect(store.getState().bottleneck).toBe('sliding_window-1');
    expect(store.getState().rates.get('map-1')!.length).toBe(3);
  });

  it('keeps the bottleneck mark on its node while that node stays nearly as busy as the busiest', async () => {
    const { store } = await ready();
    await store.getState().deploy();
    const runId = store.getState().run!.runId;
    const busy = (t: number, a: number, b: number) =>
      store.getState().applyFrames([
        frame(runId, t, { 'counter-1': { in: 0, out: t, rate: 0, errors: 0, busy: a }, 'map-1': { in: t, out: t, rate: 0, errors: 0, busy: b } }),
      ]);
    busy(1000, 10, 5);
    expect(store.getState().bottleneck).toBe('counter-1');
    busy(1100, 10, 11);
    expect(store.getState().bottleneck).toBe('counter-1');
    busy(1200, 10, 20);
    expect(store.getState().bottleneck).toBe('map-1');
    busy(1300, 0, 0);
    expect(store.getState().bottleneck).toBe(null);
    // Nearly idle nodes (under 5 ms of work a second): no bottleneck to show.
    busy(1400, 1, 3);
    expect(store.getState().bottleneck).toBe(null);
  });

  it('keeps the last latency and busy figures through ticks without a sample (slow streams), and drops them from the bottleneck once old', async () => {
    const { store } = await ready();
    await store.getState().deploy();
    const runId = store.getState().run!.runId;
    const apply = (t: number, m: Record<string, number>) =>
      store.getState().applyFrames([frame(runId, t, { 'map-1': { in: t, out: t, rate: 1, errors: 0, ...m } })]);
    apply(1000, { latencyP50: 2, latencyP99: 9, busy: 40 });
    apply(1100, {});
    let live = store.getState().live['map-1']!;
    expect([live.latencyP50, live.latencyP99, live.busy, live.statsAt]).toEqual([2, 9, 40, 1000]);
    expect(store.getState().bottleneck).toBe('map-1');
    apply(1200, { latencyP50: 3, latencyP99: 5, busy: 6 });
    live = store.getState().live['map-1']!;
    expect([live.latencyP50, live.latencyP99, live.busy, live.statsAt]).toEqual([3, 5, 6, 1200]);
    apply(5000, {});
    expect(store.getState().live['map-1']!.latencyP50).toBe(3);
    expect(store.getState().bottleneck).toBe(null);
  });

  it('keeps the same object for an idle node, so its badge does not re-render', async () => {
    const { store } = await ready();
    await store.getState().deploy();
    const runId = store.getState().run!.runId;
    const idle = { in: 5, out: 5, rate: 0, errors: 0 };
    store.getState().applyFrames([frame(runId, 1000, { 'map-1': idle })]);
    store.getState().applyFrames([frame(runId, 2100, { 'map-1': idle })]);
    const before = store.getState().live['map-1'];
    store.getState().applyFrames([frame(runId, 3200, { 'map-1': idle })]);
    expect(store.getState().live['map-1']).toBe(before);
  });

  it('keeps a bounded list of samples and counts the ones let go', async () => {
    const { store, transport } = await ready();
    await store.getState().deploy();
    const runId = store.getState().run!.runId;
    store.getState().inspect('map-1');
    expect(transport.inspections).toEqual([[runId, 'map-1', true]]);
    const values = Array.from({ length: 150 }, (_, i) => ({ t: i, value: i }));
    store.getState().applySamples({ runId, nodeId: 'map-1', values, omitted: 7, errors: [{ t: 1, message: 'bad', element: 3 }] });
    store.getState().applySamples({ runId, nodeId: 'map-1', values, omitted: 0, errors: [] });
    const inspected = store.getState().inspected!;
    expect(inspected.values).toHaveLength(200);
    expect(inspected.omitted).toBe(7 + 100);
    expect(inspected.received).toBe(307);
    expect(inspected.errors[0]!.element).toBe(3);
    store.getState().applySamples({ runId, nodeId: 'log-1', values, omitted: 0, errors: [] });
    expect(store.getState().inspected!.values).toHaveLength(200);
    store.getState().inspect(null);
    expect(transport.inspections.at(-1)).toEqual([runId, 'map-1', false]);
  });

  it('coalesces frames: one apply per animation frame however many arrive', () => {
    const applied: number[] = [];
    let pending: (() => void) | null = null;
    const q = new FrameQueue((frames) => applied.push(frames.length), (cb) => (pending = cb));
    for (let i = 0; i < 1000; i++) q.push(frame('r', i, {}));
    expect(applied).toEqual([]);
    pending!();
    expect(applied).toEqual([600]);
  });
});

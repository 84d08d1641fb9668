// Runs end to end: deploy a graph into its own process, watch it over socket.io (status, frames
// whose counts rise, samples of an inspected node), push a value by hand, stop it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus, TelemetryFrame } from '@streamloom/engine/protocol';
import {
  chain,
  connect,
  deploy,
  outOf,
  record,
  removeDir,
  slowGraph,
  startServer,
  waitFor,
  waitForState,
  type TestServer,
} from './helpers.js';

let t: TestServer;

beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

describe('a run', () => {
  it('starts, streams frames whose counts rise, shows an inspected node’s values, and stops', async () => {
    const { graphId, runId } = await deploy(t, slowGraph('watched', 20));
    const socket = await connect(t.url);
    const got = record(socket);

    const sub = await socket.emitWithAck('run:subscribe', { runId });
    expect(sub.ok).toBe(true);
    if (!sub.ok) return;
    expect(sub.data.status).toMatchObject({ runId, graphId, revision: 1 });
    expect(['starting', 'running']).toContain(sub.data.status.state);

    await waitForState(t, runId, 'running');
    // Frames come about 10 times a second, and the counts rise.
    await waitFor('three frames', () => got.frames.length >= 3);
    const first = got.frames[0]!;
    await waitFor('the count to rise', () => outOf(got.frames.at(-1), 'm') > outOf(first, 'm') + 5);
    const last = got.frames.at(-1)!;
    expect(last.runId).toBe(runId);
    expect(Object.keys(last.nodes).sort()).toEqual(['log', 'm', 'src']);
    expect(last.nodes.m!.in).toBeGreaterThanOrEqual(last.nodes.m!.out);
    expect(last.t).toBeGreaterThan(first.t);

    // Inspecting a node brings its values.
    const inspect = await socket.emitWithAck('run:inspect', { runId, nodeId: 'm', on: true });
    expect(inspect).toEqual({ ok: true, data: null });
    await waitFor('samples of m', () => got.samples.some((s) => s.nodeId === 'm' && s.values.length > 0));
    const values = got.samples.flatMap((s) => s.values.map((v) => v.value));
    expect(values.every((v) => typeof v === 'number' && v % 10 === 0)).toBe(true);

    // Stop: the status says so, and the run is listed as stopped.
    const stopped = await t.api<RunStatus>('POST', `/api/runs/${runId}/stop`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ runId, state: 'stopped', endedAt: expect.any(String) });
    await waitFor('the stopped status event', () => got.statuses.some((s) => s.state === 'stopped'));
    const runs = await t.api<RunStatus[]>('GET', '/api/runs');
    expect(runs.body.find((r) => r.runId === runId)?.state).toBe('stopped');
    socket.close();
  });

  it('gives a late subscriber the last frame at once', async () => {
    const { runId } = await deploy(t, slowGraph('retained', 50));
    await waitForState(t, runId, 'running');
    const early = await connect(t.url);
    const got = record(early);
    await early.emitWithAck('run:subscribe', { runId });
    await waitFor('a frame', () => got.frames.length > 0);

    const late = await connect(t.url);
    const sub = await late.emitWithAck('run:subscribe', { runId });
    expect(sub.ok && sub.data.frame).toBeTruthy();
    const frame = sub.ok ? (sub.data.frame as TelemetryFrame) : undefined;
    expect(frame?.runId).toBe(runId);
    expect(Object.keys(frame?.nodes ?? {})).toContain('src');

    // Unsubscribing stops the frames.
    await late.emitWithAck('run:unsubscribe', { runId });
    const lateGot = record(late);
    const n = got.frames.length;
    await waitFor('more frames for the early client', () => got.frames.length > n + 3);
    expect(lateGot.frames.length).toBe(0);

    await t.api('POST', `/api/runs/${runId}/stop`);
    early.close();
    late.close();
  });

  it('takes a value pushed by hand into a node', async () => {
    // A counter that never counts: the map only sees what is pushed into it.
    const graph = chain('manual', [
      { id: 'src', type: 'counter', params: { interval: 1000, limit: 0 } },
      { id: 'm', type: 'map', params: { func: 'x => ({ doubled: x.n * 2, tags: x.tags.length })' } },
      { id: 'log', type: 'log', params: {} },
    ]);
    const { runId } = await deploy(t, graph);
    await waitForState(t, runId, 'running');
    const socket = await connect(t.url);
    const got = record(socket);
    await socket.emitWithAck('run:subscribe', { runId });
    await socket.emitWithAck('run:inspect', { runId, nodeId: 'log', on: true });

    // emit on a node delivers downstream of it (streamz's emit): push into the source.
    const emitted = await t.api('POST', `/api/runs/${runId}/emit`, { nodeId: 'src', value: { n: 21, tags: ['a', 'b'] } });
    expect(emitted.status, emitted.text).toBe(200);
    await waitFor('the pushed value at the log sink', () =>
      got.samples.some((s) => s.nodeId === 'log' && s.values.some((v) => JSON.stringify(v.value) === '{"doubled":42,"tags":2}')),
    );
    await waitFor('counts in a frame', () => outOf(got.frames.at(-1), 'm') === 1);

    // A value the function chokes on is counted as an error of that node; the run goes on.
    const bad = await t.api('POST', `/api/runs/${runId}/emit`, { nodeId: 'src', value: null });
    expect(bad.status).toBe(200);
    await waitFor('the error counted on m', () => (got.frames.at(-1)?.nodes.m?.errors ?? 0) === 1);

    const unknownNode = await t.api('POST', `/api/runs/${runId}/emit`, { nodeId: 'ghost', value: 1 });
    expect(unknownNode.status).toBe(400);
    expect(unknownNode.body.error).toMatchObject({ code: 'invalid_node', message: expect.stringMatching(/ghost/) });
    const noValue = await t.api('POST', `/api/runs/${runId}/emit`, { nodeId: 'src' });
    expect(noValue.status).toBe(400);
    expect(noValue.body.error.code).toBe('invalid_body');

    const inspectGhost = await socket.emitWithAck('run:inspect', { runId, nodeId: 'ghost', on: true });
    expect(inspectGhost).toMatchObject({ ok: false, error: { code: 'invalid_node' } });
    const badPayload = await socket.emitWithAck('run:subscribe', { runId: 42 } as never);
    expect(badPayload).toMatchObject({ ok: false, error: { code: 'invalid_body' } });
    const unknownRun = await socket.emitWithAck('run:subscribe', { runId: 'nope' });
    expect(unknownRun).toMatchObject({ ok: false, error: { code: 'not_found' } });

    await t.api('POST', `/api/runs/${runId}/stop`);
    const afterStop = await t.api('POST', `/api/runs/${runId}/emit`, { nodeId: 'src', value: 1 });
    expect(afterStop.status).toBe(409);
    expect(afterStop.body.error.code).toBe('not_running');
    socket.close();
  });

  it('fails a run whose node stops it, naming the node', async () => {
    const graph = chain('stopping', [
      { id: 'src', type: 'counter', params: { interval: 20 } },
      { id: 'boom', type: 'map', params: { func: 'x => { if (x === 3) throw new Error("three!"); return x; }' }, onError: 'stop' },
      { id: 'log', type: 'log', params: {} },
    ]);
    const { runId } = await deploy(t, graph);
    const failed = await waitForState(t, runId, 'failed');
    expect(failed.nodeId).toBe('boom');
    expect(failed.reason).toMatch(/three!/);
  });

  it('streams to long-polling clients and to clients that upgrade, as browsers connect', async () => {
    const { runId } = await deploy(t, slowGraph('transports', 20));
    await waitForState(t, runId, 'running');
    for (const transports of ['polling', 'browser'] as const) {
      const socket = await connect(t.url, undefined, transports);
      const got = record(socket);
      const sub = await socket.emitWithAck('run:subscribe', { runId });
      expect(sub.ok).toBe(true);
      const t0 = Date.now();
      await waitFor(`frames over ${transports}`, () => got.frames.length >= 15);
      // About 10 a second: none held back for long.
      expect(Date.now() - t0).toBeLessThan(10_000);
      await waitFor('the count to rise', () => outOf(got.frames.at(-1), 'm') > outOf(got.frames[0], 'm'));
      socket.close();
    }
    // The server is still there.
    expect((await t.api('GET', '/api/health')).status).toBe(200);
    await t.api('POST', `/api/runs/${runId}/stop`);
  });

  it('deploys a named revision', async () => {
    const created = await t.api('POST', '/api/graphs', { graph: slowGraph('v1', 50, 'x => x') });
    await t.api('PUT', `/api/graphs/${created.body.id}`, { graph: slowGraph('v2', 50, 'x => -x'), baseRevision: 1 });
    const deployed = await t.api('POST', `/api/graphs/${created.body.id}/deploy`, { revision: 1 });
    expect(deployed.status).toBe(201);
    const status = await waitForState(t, deployed.body.runId, 'running');
    expect(status.revision).toBe(1);
    await t.api('POST', `/api/runs/${deployed.body.runId}/stop`);
  });
});

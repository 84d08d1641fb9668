// A run's output end to end: the `log` sinks' lines reach the server (numbered, with node id and
// time), are kept for GET /api/runs/:runId/log and pushed to subscribers as `run:log`; a sink that
// writes as fast as it can is held to the bound, and what was skipped is counted.
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphInput, LogBatch, LogLine, RunLog, TelemetryFrame } from '@streamloom/engine/protocol';
import { KEPT_LOG_LINES } from '../src/realtime/Outbox.js';
import { chain, connect, deploy, removeDir, startServer, waitFor, waitForState, type Client, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

/** counter → map(x * 10) → two log sinks. */
const logGraph = (interval: number) => ({
  version: 1 as const,
  name: 'logged',
  nodes: [
    { id: 'src', type: 'counter', params: { interval } },
    { id: 'm', type: 'map', params: { func: 'x => ({ n: x * 10 })' } },
    { id: 'out', type: 'log', params: {} },
    { id: 'raw', type: 'log', params: {} },
  ],
  edges: [
    { id: 'e1', source: 'src', target: 'm' },
    { id: 'e2', source: 'm', target: 'out' },
    { id: 'e3', source: 'src', target: 'raw' },
  ],
});

describe('a run’s log', () => {
  it('reaches REST and run:log subscribers with node ids, times and consecutive numbers', async () => {
    const { runId } = await deploy(t, logGraph(20));
    const socket = await connect(t.url);
    const batches: LogBatch[] = [];
    socket.on('run:log', (b) => batches.push(b));
    const sub = await socket.emitWithAck('run:subscribe', { runId });
    expect(sub.ok).toBe(true);
    await waitForState(t, runId, 'running');

    const live = (): LogLine[] => batches.flatMap((b) => b.lines);
    await waitFor('20 lines over run:log', () => live().length >= 20);
    expect(batches.every((b) => b.runId === runId && b.skipped === 0 && b.omitted === 0)).toBe(true);
    const got = live();
    // Numbered without gaps (this client subscribed before the first line).
    expect(got.map((l) => l.seq)).toEqual(got.map((_, i) => got[0]!.seq + i));
    expect(got[0]!.seq).toBe(1);
    const out = got.filter((l) => l.nodeId === 'out').map((l) => JSON.parse(l.line) as { n: number });
    const raw = got.filter((l) => l.nodeId === 'raw').map((l) => JSON.parse(l.line) as number);
    expect(out.length).toBeGreaterThan(3);
    expect(raw.length).toBeGreaterThan(3);
    expect(out.every((v) => v.n % 10 === 0)).toBe(true);
    expect(raw.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(got.every((l) => Math.abs(l.t - Date.now()) < 60_000)).toBe(true);

    // REST: the same lines, by number.
    const rest = await t.api<RunLog>('GET', `/api/runs/${runId}/log`);
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ runId, skipped: 0 });
    expect(rest.body.total).toBe(rest.body.lines.at(-1)!.seq);
    const bySeq = new Map(rest.body.lines.map((l) => [l.seq, l]));
    for (const l of got.slice(0, 20)) expect(bySeq.get(l.seq)).toEqual(l);
    const after = await t.api<RunLog>('GET', `/api/runs/${runId}/log?after=10`);
    expect(after.body.lines[0]!.seq).toBe(11);

    // Stopping keeps the log, last lines included.
    await t.api('POST', `/api/runs/${runId}/stop`);
    const ended = await t.api<RunLog>('GET', `/api/runs/${runId}/log`);
    expect(ended.status).toBe(200);
    expect(ended.body.total).toBeGreaterThanOrEqual(rest.body.total);
    await waitFor('every line over run:log', () => live().at(-1)?.seq === ended.body.total);
    socket.close();
  });

  it('refuses requests without the token, for unknown runs and with a bad query', async () => {
    const { runId } = await deploy(t, logGraph(200));
    expect((await t.api('GET', `/api/runs/${runId}/log`, undefined, { token: null })).status).toBe(401);
    expect((await t.api('GET', `/api/runs/${runId}/log`, undefined, { token: 'wrong' })).status).toBe(401);
    const unknown = await t.api('GET', '/api/runs/nope/log');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    for (const q of ['after=-1', 'after=abc', 'after=1.5', 'limit=3']) {
      const bad = await t.api('GET', `/api/runs/${runId}/log?${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe('invalid_body');
    }
    const long = await t.api('GET', `/api/runs/${'x'.repeat(101)}/log`);
    expect(long.status).toBe(400);
    await t.api('POST', `/api/runs/${runId}/stop`);
  });

  it('holds a sink that writes as fast as it can to the bound and counts every line it skips', async () => {
    const graph = chain('flood', [
      { id: 'src', type: 'counter', params: { interval: 0 } },
      { id: 'log', type: 'log', params: {} },
    ]);
    const { runId } = await deploy(t, graph);
    const socket = await connect(t.url);
    const batches: LogBatch[] = [];
    const frames: TelemetryFrame[] = [];
    socket.on('run:log', (b) => batches.push(b));
    socket.on('run:telemetry', (f) => frames.push(f));
    await socket.emitWithAck('run:subscribe', { runId });
    await waitForState(t, runId, 'running');
    const startedAt = Date.now();

    // Millions of elements, but a few hundred lines a second.
    await waitFor('100k elements into the log sink', () => (frames.at(-1)?.nodes.log?.in ?? 0) > 100_000, 30_000);
    await waitFor('3 s of flood', () => Date.now() - startedAt > 3000);
    const during = await t.api<RunLog>('GET', `/api/runs/${runId}/log`);
    const seconds = (Date.now() - startedAt) / 1000;
    expect(during.body.skipped).toBeGreaterThan(50_000);
    expect(during.body.total).toBeLessThanOrEqual(200 * (seconds + 1) + 200);
    expect(during.body.lines.length).toBeLessThanOrEqual(1000);
    expect(batches.at(-1)!.skipped).toBeGreaterThan(0);
    // Each message is about a tick's worth of lines.
    expect(Math.max(...batches.map((b) => b.lines.length))).toBeLessThanOrEqual(200);

    // Stopped: every element that reached the sink is either a line or counted as skipped.
    await t.api('POST', `/api/runs/${runId}/stop`);
    const ended = await t.api<RunLog>('GET', `/api/runs/${runId}/log`);
    const late = await connect(t.url);
    const sub = await late.emitWithAck('run:subscribe', { runId });
    const last = sub.ok ? sub.data.frame : null;
    expect(ended.body.total + ended.body.skipped).toBe(last?.nodes.log?.in);
    expect(ended.body.lines.length).toBe(Math.min(1000, ended.body.total));
    expect(ended.body.lines.at(-1)!.seq).toBe(ended.body.total);
    // The server process did not keep what it skipped.
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
    socket.close();
    late.close();
  });

  it('holds at most a bounded number of lines for a client that stops reading, and counts the rest', async () => {
    // Large frames fill the socket's buffers quickly; the log sink writes as fast as it may.
    const nodes: GraphInput['nodes'] = [
      { id: 'src', type: 'counter', params: { interval: 0 } },
      { id: 'log', type: 'log', params: {} },
    ];
    const edges: GraphInput['edges'] = [{ id: 'l', source: 'src', target: 'log' }];
    for (let i = 0; i < 150; i++) {
      nodes.push({ id: `m${i}`, type: 'map', params: { func: `x => "${'abcdefgh'.repeat(4)}".repeat(10) + x + ${i}` } });
      edges.push({ id: `e${i}`, source: 'src', target: `m${i}` });
    }
    const { runId } = await deploy(t, { version: 1, name: 'wide flood', nodes, edges });
    const slow = await connect(t.url);
    const batches: LogBatch[] = [];
    slow.on('run:log', (b) => batches.push(b));
    await slow.emitWithAck('run:subscribe', { runId });
    await waitForState(t, runId, 'running');
    await waitFor('lines for the client', () => batches.length > 2);

    const server = t.server.io.sockets.sockets.get(slow.id!)!;
    tcpOf(slow).pause();
    let maxHeldLines = 0;
    let maxHeld = 0;
    const watch = () => {
      maxHeldLines = Math.max(maxHeldLines, server.data.outbox.heldLogLines);
      maxHeld = Math.max(maxHeld, server.data.outbox.held);
    };
    await waitFor('the socket’s buffers to fill (the server holds lines)', () => (watch(), server.data.outbox.heldLogLines > 0), 60_000, 20);
    // Three more seconds: about 600 lines made, at most KEPT_LOG_LINES held.
    const heldSince = Date.now();
    await waitFor('3 s of held lines', () => (watch(), Date.now() - heldSince > 3000), 10_000, 20);
    expect(maxHeldLines).toBeLessThanOrEqual(KEPT_LOG_LINES);
    expect(maxHeld).toBeLessThanOrEqual(2);

    tcpOf(slow).resume();
    await t.api('POST', `/api/runs/${runId}/stop`);
    const ended = await t.api<RunLog>('GET', `/api/runs/${runId}/log`);
    await waitFor('the last line at the slow client', () => batches.at(-1)?.lines.at(-1)?.seq === ended.body.total, 30_000);
    // Every line is either received or counted as omitted, in order.
    const got = batches.flatMap((b) => b.lines.map((l) => l.seq));
    expect(got).toEqual([...got].sort((a, b) => a - b));
    const omitted = batches.reduce((n, b) => n + b.omitted, 0);
    expect(omitted).toBeGreaterThan(0);
    expect(got.length + omitted).toBe(ended.body.total);
    slow.close();
  });
});

describe('a run’s log across a server restart', () => {
  it('begins again (from 1, another since) for the run started again under the same id', async () => {
    const first = await startServer();
    const { runId } = await deploy(first, logGraph(50));
    await waitForState(first, runId, 'running');
    const before = await waitFor('lines before the restart', async () => {
      const r = await first.api<RunLog>('GET', `/api/runs/${runId}/log`);
      return r.body.total >= 5 ? r.body : undefined;
    });
    await first.close();

    const second = await startServer({ dataDir: first.dataDir });
    try {
      await waitForState(second, runId, 'running');
      const after = await waitFor('lines after the restart', async () => {
        const r = await second.api<RunLog>('GET', `/api/runs/${runId}/log`);
        return r.body.total >= 2 ? r.body : undefined;
      });
      expect(after.since).toBeGreaterThan(before.since);
      expect(after.lines[0]!.seq).toBe(1);
      await second.api('POST', `/api/runs/${runId}/stop`);
    } finally {
      await second.close();
      removeDir(first.dataDir);
    }
  });
});

/** The client's TCP socket under its websocket, to stop reading from it. */
function tcpOf(client: Client): NetSocket {
  const transport = (client.io as unknown as { engine: { transport: { ws: { _socket: NetSocket } } } }).engine.transport;
  return transport.ws._socket;
}

// One run's failure is that run's alone: an endless loop, an exhausted heap, a process that dies.
// The server answers throughout and another run keeps its rate.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus, TelemetryFrame } from '@streamloom/engine/protocol';
import {
  chain,
  connect,
  deploy,
  outOf,
  record,
  removeDir,
  startServer,
  waitFor,
  waitForState,
  type Client,
  type Received,
  type TestServer,
} from './helpers.js';

const WATCHDOG_MS = 2000;
const HEAP_MB = 64;

let t: TestServer;
/** A steady run (one number every 10 ms) that must keep its rate while others fail. */
let steady: { runId: string; socket: Client; got: Received };

beforeAll(async () => {
  t = await startServer({ runs: { watchdogMs: WATCHDOG_MS, heapMb: HEAP_MB } });
  const { runId } = await deploy(
    t,
    chain('steady', [
      { id: 'src', type: 'counter', params: { interval: 10 } },
      { id: 'm', type: 'map', params: { func: 'x => x + 1' } },
      { id: 'log', type: 'log', params: {} },
    ]),
  );
  await waitForState(t, runId, 'running');
  const socket = await connect(t.url);
  const got = record(socket);
  await socket.emitWithAck('run:subscribe', { runId });
  steady = { runId, socket, got };
  await waitFor('the steady run’s frames', () => got.frames.length > 5);
});
afterAll(async () => {
  steady.socket.close();
  await t.close();
  removeDir(t.dataDir);
});

/** The steady run's elements per second between two moments, from its frames. */
function steadyRate(from: number, to: number): number {
  const inWindow = steady.got.frames.filter((f) => f.t >= from && f.t <= to);
  const a = inWindow[0];
  const b = inWindow.at(-1);
  if (a === undefined || b === undefined || b.t === a.t) return 0;
  return ((outOf(b, 'm') - outOf(a, 'm')) * 1000) / (b.t - a.t);
}

/** Checks the API answers quickly, repeatedly, until `done` resolves; returns the slowest answer. */
async function probeApi(done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => (finished = true));
  let slowest = 0;
  while (!finished) {
    const t0 = Date.now();
    const res = await t.api('GET', '/api/health', undefined, { token: null });
    expect(res.status).toBe(200);
    slowest = Math.max(slowest, Date.now() - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  return slowest;
}

/** Deploys a graph expected to fail; checks the server and the steady run while it does. */
async function expectIsolatedFailure(graph: Parameters<typeof deploy>[1]): Promise<{ status: RunStatus; lastFrame: TelemetryFrame | undefined }> {
  const { runId } = await deploy(t, graph);
  const socket = await connect(t.url);
  const got = record(socket);
  await socket.emitWithAck('run:subscribe', { runId });
  const from = Date.now();
  const failed = waitForState(t, runId, 'failed', 60_000);
  const slowest = await probeApi(failed);
  const status = await failed;
  const to = Date.now();
  socket.close();

  // The API kept answering, and the steady run kept its rate (100 per second, give or take a
  // loaded machine) and is still running.
  expect(slowest).toBeLessThan(1500);
  const rate = steadyRate(from, to);
  expect(rate).toBeGreaterThan(50);
  expect((await t.api<RunStatus>('GET', `/api/runs/${steady.runId}`)).body.state).toBe('running');
  return { status, lastFrame: got.frames.at(-1) };
}

describe('a run that fails alone', () => {
  it('an endless loop in a map is killed within the watchdog budget, naming the node', async () => {
    const { status, lastFrame } = await expectIsolatedFailure(
      chain('hang', [
        { id: 'src', type: 'counter', params: { interval: 10 } },
        { id: 'spin', type: 'map', params: { func: 'x => { if (x === 20) { while (true) {} } return x; }' } },
        { id: 'log', type: 'log', params: {} },
      ]),
    );
    expect(status.nodeId).toBe('spin');
    expect(status.reason).toMatch(/spin.*without returning/);
    // From the host's last word to its end: the budget, plus the watchdog's check interval and a
    // loaded machine's scheduling.
    expect(lastFrame).toBeDefined();
    const killedAfter = Date.parse(status.endedAt!) - lastFrame!.t;
    console.log(`watchdog: hung run failed ${killedAfter} ms after its last frame (budget ${WATCHDOG_MS} ms)`);
    expect(killedAfter).toBeGreaterThanOrEqual(WATCHDOG_MS - 200);
    expect(killedAfter).toBeLessThan(WATCHDOG_MS + 2000);
  });

  it('a memory bomb fails its run with the heap cap, naming the node when it was seen', async () => {
    const { status } = await expectIsolatedFailure(
      chain('bomb', [
        { id: 'src', type: 'counter', params: { interval: 10 } },
        { id: 'bomb', type: 'map', params: { func: 'x => { const keep = []; for (;;) keep.push(new Array(100000).fill(x)); }' } },
        { id: 'log', type: 'log', params: {} },
      ]),
    );
    console.log(`memory bomb: ${status.reason}`);
    // The busy reporter polls every 50 ms; a heap that fills before its first poll (a loaded machine
    // starts the reporter thread late) ends the run without a node to name. Never a wrong one.
    if (status.nodeId !== undefined) expect(status.nodeId).toBe('bomb');
    // Out of memory, or (while the collector thrashes near the cap) killed as unresponsive.
    expect(status.reason).toMatch(/out of memory|without returning/);
  });

  it('a host process that dies fails its run alone', async () => {
    const { runId } = await deploy(
      t,
      chain('victim', [
        { id: 'src', type: 'counter', params: { interval: 10 } },
        { id: 'log', type: 'log', params: {} },
      ]),
    );
    await waitForState(t, runId, 'running');
    const pid = await waitFor('the victim’s host process', () => {
      const hosts = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('runs/host.js'))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      // The steady run's host and the victim's: the newest is the victim's.
      return hosts.length >= 2 ? Math.max(...hosts) : undefined;
    });
    const died = waitForState(t, runId, 'failed');
    process.kill(pid, 'SIGKILL');
    const status = await died;
    expect(status.reason).toMatch(/exited unexpectedly \(signal SIGKILL\)/);
    expect((await t.api<RunStatus>('GET', `/api/runs/${steady.runId}`)).body.state).toBe('running');
  });
});

describe('user functions cannot reach the process', () => {
  it('process.exit and the constructor escape only count errors on their node; the run goes on', async () => {
    const graph = {
      version: 1 as const,
      name: 'escape',
      nodes: [
        { id: 'src', type: 'counter', params: { interval: 10 } },
        { id: 'exit', type: 'map', params: { func: 'x => process.exit(1)' } },
        { id: 'win', type: 'sliding_window', params: { n: 2 } },
        // Arrays made by the engine come from the host's realm: its Function must not compile code either.
        { id: 'escape', type: 'map', params: { func: 'w => w.constructor.constructor("return process")().exit(7)' } },
        { id: 'log1', type: 'log', params: {} },
        { id: 'log2', type: 'log', params: {} },
      ],
      edges: [
        { id: 'e1', source: 'src', target: 'exit' },
        { id: 'e2', source: 'exit', target: 'log1' },
        { id: 'e3', source: 'src', target: 'win' },
        { id: 'e4', source: 'win', target: 'escape' },
        { id: 'e5', source: 'escape', target: 'log2' },
      ],
    };
    const { runId } = await deploy(t, graph);
    const socket = await connect(t.url);
    const got = record(socket);
    await socket.emitWithAck('run:subscribe', { runId });
    await socket.emitWithAck('run:inspect', { runId, nodeId: 'escape', on: true });
    await waitFor('errors on both nodes', () => {
      const f = got.frames.at(-1);
      return (f?.nodes.exit?.errors ?? 0) > 5 && (f?.nodes.escape?.errors ?? 0) > 5;
    });
    const f = got.frames.at(-1)!;
    expect(f.nodes.exit!.lastError).toMatch(/process is not defined/);
    expect(f.nodes.escape!.lastError).toMatch(/Code generation from strings disallowed/);
    expect((await t.api<RunStatus>('GET', `/api/runs/${runId}`)).body.state).toBe('running');
    await t.api('POST', `/api/runs/${runId}/stop`);
    socket.close();
  });
});

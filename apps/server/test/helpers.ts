import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  GraphInput,
  NodeSamples,
  RunStatus,
  ServerToClientEvents,
  TelemetryFrame,
} from '@streamloom/engine/protocol';
import { loadConfig, type RunConfig } from '../src/config.js';
import { createServer, type StreamloomServer } from '../src/server.js';

export const TOKEN = 'test-token-0123456789';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  server: StreamloomServer;
  dataDir: string;
  /** Lines the server logged. */
  logs: string[];
  /** A JSON request with the token; `token: null` sends none. */
  api<T = any>(method: string, path: string, body?: unknown, opts?: RequestOpts): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export interface RequestOpts {
  token?: string | null;
  /** Sent as it is (not JSON-encoded). */
  raw?: string;
  contentType?: string;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  text: string;
}

/** Starts the real server on an ephemeral port (a fresh data directory unless one is given). */
export async function startServer(
  opts: { dataDir?: string; runs?: Partial<RunConfig>; bodyLimit?: number } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'streamloom-test-'));
  const config = loadConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      token: TOKEN,
      ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}),
      // Generous unless a test is about them: a loaded machine can starve a host for a while.
      runs: { startTimeoutMs: 30_000, watchdogMs: 10_000, ...opts.runs },
    },
  );
  const logs: string[] = [];
  const server = createServer({ config, token: TOKEN, log: (line) => logs.push(line) });
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  server.resumeRuns();
  return {
    url,
    server,
    dataDir,
    logs,
    async api(method, path, body, ro = {}) {
      const headers: Record<string, string> = {};
      const token = ro.token === undefined ? TOKEN : ro.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let payload: string | undefined;
      if (ro.raw !== undefined) payload = ro.raw;
      else if (body !== undefined) payload = JSON.stringify(body);
      if (payload !== undefined) headers['content-type'] = ro.contentType ?? 'application/json';
      const res = await fetch(url + path, { method, headers, body: payload ?? null });
      const text = await res.text();
      let parsed: any = undefined;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed, text };
    },
    close: () => server.close(),
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A connected socket.io client, or the connection error. Websocket only by default; `'browser'`
 * starts with long polling and upgrades, as a browser does.
 */
export function connect(url: string, token: string | null = TOKEN, transports: 'websocket' | 'polling' | 'browser' = 'websocket'): Promise<Client> {
  const socket: Client = io(url, {
    auth: token === null ? {} : { token },
    transports: transports === 'browser' ? ['polling', 'websocket'] : [transports],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Everything a client received for its runs. */
export interface Received {
  frames: TelemetryFrame[];
  statuses: RunStatus[];
  samples: NodeSamples[];
}

export function record(socket: Client): Received {
  const r: Received = { frames: [], statuses: [], samples: [] };
  socket.on('run:telemetry', (f) => r.frames.push(f));
  socket.on('run:status', (s) => r.statuses.push(s));
  socket.on('run:samples', (s) => r.samples.push(s));
  return r;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeout`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeout = 20_000,
  interval = 50,
): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (error) {
      last = error;
      if (error instanceof Error && / is (failed|stopped): /.test(error.message)) throw error;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until a run reaches `state` (polling the REST API). */
export async function waitForState(t: TestServer, runId: string, state: RunStatus['state'], timeout = 30_000): Promise<RunStatus> {
  let seen: RunStatus | undefined;
  try {
    return await waitFor(
      `run ${runId} to be ${state}`,
      async () => {
        const r = await t.api<RunStatus>('GET', `/api/runs/${runId}`);
        seen = r.body;
        if (r.body?.state === state) return r.body;
        // A run that ended otherwise will not get there: say how it ended.
        if ((r.body?.state === 'failed' || r.body?.state === 'stopped') && state !== 'failed' && state !== 'stopped') {
          throw new Error(`run ${runId} is ${r.body.state}: ${r.body.reason ?? ''}`);
        }
        return undefined;
      },
      timeout,
      100,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen: ${JSON.stringify(seen)}; server log: ${t.logs.join(' | ')}`);
  }
}

/** Creates a graph and deploys it; returns the ids. */
export async function deploy(t: TestServer, graph: GraphInput): Promise<{ graphId: string; runId: string }> {
  const created = await t.api('POST', '/api/graphs', { graph });
  if (created.status !== 201) throw new Error(`create failed: ${created.status} ${created.text}`);
  const deployed = await t.api('POST', `/api/graphs/${created.body.id}/deploy`);
  if (deployed.status !== 201) throw new Error(`deploy failed: ${deployed.status} ${deployed.text}`);
  return { graphId: created.body.id, runId: deployed.body.runId };
}

// Graphs.

/** W1 of the engine's benchmarks: a fast counter → map → filter → accumulate → sink. */
export function w1Graph(name = 'W1'): GraphInput {
  return chain(name, [
    { id: 'src', type: 'counter', params: { interval: 0 } },
    { id: 'inc', type: 'map', params: { func: 'x => x + 1' } },
    { id: 'odd', type: 'filter', params: { predicate: 'x => x % 3 !== 0' } },
    { id: 'sum', type: 'accumulate', params: { func: '(acc, x) => (acc + x) | 0', start: 0 } },
    { id: 'out', type: 'sink', params: { func: 'x => {}' } },
  ]);
}

/** A slow counter (one number per `interval` ms) through a map into a log sink. */
export function slowGraph(name = 'slow', interval = 20, func = 'x => x * 10'): GraphInput {
  return chain(name, [
    { id: 'src', type: 'counter', params: { interval } },
    { id: 'm', type: 'map', params: { func } },
    { id: 'log', type: 'log', params: {} },
  ]);
}

/** Nodes in a line, each feeding the next. */
export function chain(name: string, nodes: GraphInput['nodes']): GraphInput {
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id }));
  return { version: 1, name, nodes, edges };
}

/** The `out` count of a node in a frame (0 when absent). */
export function outOf(frame: TelemetryFrame | undefined, nodeId: string): number {
  return frame?.nodes[nodeId]?.out ?? 0;
}

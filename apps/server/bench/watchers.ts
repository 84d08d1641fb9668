/**
 * The cost of watching: the throughput of a running W1 graph (counter → map → filter → accumulate
 * → sink, as fast as it goes) with no client watching, and with 20 socket.io clients subscribed to
 * it (in another process, as browsers would be). Phases alternate (alone, watched, alone, …) and
 * each watched phase is compared with the mean of the alone phases on either side, which cancels
 * most of the drift of a shared machine; the figure is the median of those ratios. Throughput is
 * read from the run's own telemetry (elements out of the source per second). CPU time of the run's
 * host, the server and the clients is reported too (from /proc and process.cpuUsage): on a shared
 * machine where the wall-clock rate swings by tens of percent, the CPU figures are the ones to read
 * (elements per CPU-second of the host, and the CPU the watching costs).
 *
 *   npm run build -w @streamloom/engine && npx tsc -p tsconfig.build.json   (the host runs from dist)
 *   npx tsx bench/watchers.ts [--phase-ms 3000] [--rounds 8] [--clients 20] [--inspect] [--priority=-10]
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TelemetryFrame } from '@streamloom/engine/protocol';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';

const { values } = parseArgs({
  options: {
    'phase-ms': { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '8' },
    clients: { type: 'string', default: '20' },
    inspect: { type: 'boolean', default: false },
    // Raise the priority of every process of the benchmark (needs root) so that other work on a
    // shared machine does not drown the difference being measured.
    priority: { type: 'string' },
  },
});
const PHASE_MS = Number(values['phase-ms']);
const ROUNDS = Number(values.rounds);
const CLIENTS = Number(values.clients);
const TOKEN = 'bench-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'streamloom-bench-'));
const config = loadConfig({}, { port: 0, host: '127.0.0.1', dataDir, token: TOKEN });
const server = createServer({ config, token: TOKEN, log: (l) => console.error(l) });
await new Promise<void>((r) => server.httpServer.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;

const chain = ['counter', 'map', 'filter', 'accumulate', 'sink'];
const params = [
  { interval: 0 },
  { func: 'x => x + 1' },
  { predicate: 'x => x % 3 !== 0' },
  { func: '(acc, x) => (acc + x) | 0', start: 0 },
  { func: 'x => {}' },
];
const ids = ['src', 'inc', 'odd', 'sum', 'out'];
const w1 = {
  version: 1 as const,
  name: 'W1',
  nodes: chain.map((type, i) => ({ id: ids[i]!, type, params: params[i]!, position: { x: 0, y: 0 } })),
  edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i]!, target: id, targetPort: 0 })),
};
const { id } = server.graphs.create(w1);
const { runId } = server.runs.deploy(id);

// The run's own frames, seen by the server whoever watches.
const frames: TelemetryFrame[] = [];
server.runs.listeners.add({ status: () => {}, tick: (rid, f) => void (rid === runId && frames.push(f)) });
while (server.runs.status(runId)?.state !== 'running') await sleep(50);
const hostPid = Number(
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .find((l) => l.includes('runs/host.js'))!
    .trim()
    .split(/\s+/)[0],
);
const clockTick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
/** CPU ms a process has used (utime + stime from /proc). */
const cpuOf = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / clockTick;
};
const serverCpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const clients: ChildProcess = fork(
  new URL('./clients.ts', import.meta.url),
  [url, TOKEN, runId, String(CLIENTS), ...(values.inspect ? ['sum'] : [])],
  { execArgv: ['--import', 'tsx'] },
);
const ask = <T>(msg: object) =>
  new Promise<T>((resolve) => {
    clients.once('message', (m) => resolve(m as T));
    clients.send(msg);
  });
await new Promise((r) => clients.once('message', r));
if (values.priority !== undefined) {
  for (const pid of [process.pid, hostPid, clients.pid!]) setPriority(pid, Number(values.priority));
}
await sleep(2000); // warm-up: let V8 optimise the graph

interface Phase {
  rate: number;
  hostCpuPerSec: number;
  serverCpuPerSec: number;
  clientsCpuPerSec: number;
}
async function phase(): Promise<Phase> {
  const from = Date.now();
  const [h0, s0, c0] = [cpuOf(hostPid), serverCpu(), (await ask<{ cpuMs: number }>({ report: true })).cpuMs];
  await sleep(PHASE_MS);
  const to = Date.now();
  const [h1, s1, c1] = [cpuOf(hostPid), serverCpu(), (await ask<{ cpuMs: number }>({ report: true })).cpuMs];
  const w = frames.filter((f) => f.t >= from && f.t <= to);
  const a = w[0]!;
  const b = w.at(-1)!;
  const secs = (to - from) / 1000;
  return {
    rate: ((b.nodes.src!.out - a.nodes.src!.out) * 1000) / (b.t - a.t),
    hostCpuPerSec: (h1 - h0) / secs,
    serverCpuPerSec: (s1 - s0) / secs,
    clientsCpuPerSec: (c1 - c0) / secs,
  };
}

const alone: Phase[] = [await phase()];
const watched: Phase[] = [];
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  await ask({ watch: true });
  await sleep(300);
  watched.push(await phase());
  await ask({ watch: false });
  await sleep(300);
  alone.push(await phase());
  const w = watched.at(-1)!.rate;
  const base = (alone.at(-2)!.rate + alone.at(-1)!.rate) / 2;
  ratios.push(w / base);
  console.error(
    `round ${round + 1}: alone ${fmt(alone.at(-2)!.rate)} → watched ${fmt(w)} → alone ${fmt(alone.at(-1)!.rate)}: ` +
      `${((1 - w / base) * 100).toFixed(1)}% drop`,
  );
}
const received = await ask<{ frames: number; samples: number }>({ report: true });

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const summary = (ps: Phase[]) => ({
  medianRatePerSec: Math.round(median(ps.map((p) => p.rate))),
  hostCpuMsPerSec: Math.round(mean(ps.map((p) => p.hostCpuPerSec))),
  serverCpuMsPerSec: Math.round(mean(ps.map((p) => p.serverCpuPerSec))),
  clientsCpuMsPerSec: Math.round(mean(ps.map((p) => p.clientsCpuPerSec))),
  elementsPerHostCpuSec: Math.round(median(ps.map((p) => (p.rate * 1000) / Math.max(1, p.hostCpuPerSec)))),
});
const cost = (ps: Phase[]) => mean(ps.map((p) => p.serverCpuPerSec + p.clientsCpuPerSec));
const watchingCpu = cost(watched) - cost(alone);
console.log(
  JSON.stringify(
    {
      graph: 'W1 (counter → map → filter → accumulate → sink)',
      clients: CLIENTS,
      inspecting: values.inspect ? 'sum' : null,
      phaseMs: PHASE_MS,
      rounds: ROUNDS,
      medianDropPercent: Number(((1 - median(ratios)) * 100).toFixed(2)),
      // CPU the watching costs (server fan-out + the clients), and the drop it would cause if it
      // had to share the run's one core (on a 2-core machine it has the other core to itself).
      watchingCpuMsPerSec: Math.round(watchingCpu),
      dropBoundIfSharingOneCorePercent: Number(((watchingCpu / 1000) * 100).toFixed(2)),
      dropPercentPerRound: ratios.map((r) => Number(((1 - r) * 100).toFixed(1))),
      alone: summary(alone),
      watched: summary(watched),
      receivedByClients: received,
      priority: values.priority ?? null,
      loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    },
    null,
    2,
  ),
);
clients.kill();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);

function fmt(n: number): string {
  return (n / 1e6).toFixed(2) + 'M/s';
}

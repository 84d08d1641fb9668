// The watchers of bench/watchers.ts, in their own process as browsers would be: N socket.io clients
// that subscribe to a run (and optionally inspect a node) or unsubscribe when told, counting what
// they receive and the CPU time they use.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@streamloom/engine/protocol';

const [url, token, runId, countText, inspect] = process.argv.slice(2) as [string, string, string, string, string?];
const sockets: Array<Socket<ServerToClientEvents, ClientToServerEvents>> = [];
let frames = 0;
let samples = 0;

for (let i = 0; i < Number(countText); i++) {
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
  });
  s.on('run:telemetry', () => frames++);
  s.on('run:samples', () => samples++);
  sockets.push(s);
}
await Promise.all(sockets.map((s) => new Promise<void>((r) => (s.connected ? r() : s.once('connect', () => r())))));

process.on('message', async (m: { watch?: boolean; report?: boolean }) => {
  if (m.watch === true) {
    await Promise.all(sockets.map((s) => s.emitWithAck('run:subscribe', { runId })));
    if (inspect) await Promise.all(sockets.map((s) => s.emitWithAck('run:inspect', { runId, nodeId: inspect, on: true })));
    process.send?.({ done: true });
  } else if (m.watch === false) {
    if (inspect) await Promise.all(sockets.map((s) => s.emitWithAck('run:inspect', { runId, nodeId: inspect, on: false })));
    await Promise.all(sockets.map((s) => s.emitWithAck('run:unsubscribe', { runId })));
    process.send?.({ done: true });
  } else if (m.report) {
    const cpu = process.cpuUsage();
    process.send?.({ frames, samples, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });

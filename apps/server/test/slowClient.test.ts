// A client that reads slowly costs the server a bounded amount of memory and, when it reads again,
// gets the newest frame, not the backlog.
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { GraphInput } from '@streamloom/engine/protocol';
import { connect, deploy, record, removeDir, startServer, waitFor, waitForState, type Client, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

/** A graph whose frames are large (many nodes, long last values), to fill socket buffers quickly. */
function wideGraph(width: number): GraphInput {
  const nodes: GraphInput['nodes'] = [{ id: 'src', type: 'counter', params: { interval: 5 } }];
  const edges: GraphInput['edges'] = [];
  for (let i = 0; i < width; i++) {
    nodes.push({ id: `m${i}`, type: 'map', params: { func: `x => "${'abcdefgh'.repeat(4)}".repeat(10) + x + ${i}` } });
    edges.push({ id: `e${i}`, source: 'src', target: `m${i}` });
  }
  return { version: 1, name: 'wide', nodes, edges };
}

/** The client's TCP socket under its websocket, to stop reading from it. */
function tcpOf(client: Client): NetSocket {
  const transport = (client.io as unknown as { engine: { transport: { ws: { _socket: NetSocket } } } }).engine.transport;
  return transport.ws._socket;
}

it('holds only the newest frame for a client that stops reading, and sends it when it reads again', async () => {
  const { runId } = await deploy(t, wideGraph(150));
  await waitForState(t, runId, 'running');
  const fast = await connect(t.url);
  const slow = await connect(t.url);
  const fastGot = record(fast);
  const slowGot = record(slow);
  await fast.emitWithAck('run:subscribe', { runId });
  await slow.emitWithAck('run:subscribe', { runId });
  await waitFor('frames for both', () => fastGot.frames.length > 2 && slowGot.frames.length > 2);
  const frameBytes = JSON.stringify(fastGot.frames.at(-1)).length;
  expect(frameBytes).toBeGreaterThan(20_000);

  const server = t.server.io.sockets.sockets.get(slow.id!)!;
  const conn = server.conn as unknown as { writeBuffer: unknown[]; transport: { socket: { _socket: NetSocket } } };
  const serverTcp = conn.transport.socket._socket;

  tcpOf(slow).pause();
  const pausedAt = Date.now();
  const fastBefore = fastGot.frames.length;
  // The kernel's buffers fill, then the server holds frames: check it never holds more than one.
  let maxWriteBuffer = 0;
  let maxHeld = 0;
  let maxUserSpace = 0;
  await waitFor(
    'the server to hold frames for the slow client for 3 s',
    async () => {
      maxWriteBuffer = Math.max(maxWriteBuffer, conn.writeBuffer.length);
      maxHeld = Math.max(maxHeld, server.data.outbox.held);
      maxUserSpace = Math.max(maxUserSpace, serverTcp.writableLength);
      return server.data.outbox.held > 0 && Date.now() - pausedAt > 3000 ? true : undefined;
    },
    60_000,
    20,
  );
  const heldSince = Date.now();
  await waitFor('another 2 s of frames', async () => {
    maxWriteBuffer = Math.max(maxWriteBuffer, conn.writeBuffer.length);
    maxHeld = Math.max(maxHeld, server.data.outbox.held);
    maxUserSpace = Math.max(maxUserSpace, serverTcp.writableLength);
    return Date.now() - heldSince > 2000;
  });
  expect(maxHeld).toBe(1);
  expect(maxWriteBuffer).toBeLessThanOrEqual(2);
  // What sits in user space is at most the frames in flight, not a growing queue.
  expect(maxUserSpace).toBeLessThan(4 * frameBytes);
  // The fast client was not held back.
  expect(fastGot.frames.length - fastBefore).toBeGreaterThan(20);

  // Reading again: what was in the kernel's buffers arrives, then the newest frame.
  const resumedAt = Date.now();
  tcpOf(slow).resume();
  await waitFor('a fresh frame for the slow client', () => slowGot.frames.some((f) => f.t >= resumedAt - 300));
  // Of the frames made while the server held them, the slow client got at most the newest one:
  // the stale ones were dropped, not queued. (Those made before went into the kernel's buffers.)
  const inWindow = (f: { t: number }) => f.t > heldSince + 200 && f.t < resumedAt - 300;
  expect(fastGot.frames.filter(inWindow).length).toBeGreaterThan(10);
  expect(slowGot.frames.filter(inWindow).length).toBeLessThanOrEqual(1);

  fast.close();
  slow.close();
  await t.api('POST', `/api/runs/${runId}/stop`);
});

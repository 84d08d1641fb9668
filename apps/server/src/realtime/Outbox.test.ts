import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { LogBatch, LogLine } from '@streamloom/engine/protocol';
import { KEPT_LOG_LINES, Outbox } from './Outbox.js';

/** A socket.io socket as the Outbox sees it: a transport that is writable or not, emits recorded. */
function fakeSocket() {
  const transport = Object.assign(new EventEmitter(), { writable: false });
  const conn = Object.assign(new EventEmitter(), { transport, writeBuffer: [] as unknown[] });
  const sent: Array<[string, unknown]> = [];
  const socket = { conn, connected: true, emit: (event: string, payload: unknown) => sent.push([event, payload]) };
  return { socket: socket as unknown as Socket, transport, sent };
}

const batch = (from: number, n: number, skipped = 0): LogBatch => ({
  runId: 'r1',
  since: 1,
  skipped,
  omitted: 0,
  lines: Array.from({ length: n }, (_, i): LogLine => ({ seq: from + i, t: 0, nodeId: 'log', line: String(from + i) })),
});

describe('Outbox: log lines for a client that reads slowly', () => {
  it('holds one merged message per run with its newest lines, counting the others as omitted', () => {
    const { socket, transport, sent } = fakeSocket();
    const box = new Outbox(socket);
    expect(box.busy).toBe(true);
    for (let i = 0; i < 10; i++) box.holdLog(batch(1 + i * 100, 100, i));
    expect(box.held).toBe(1);
    expect(box.heldLogLines).toBe(KEPT_LOG_LINES);

    transport.writable = true;
    transport.emit('ready');
    expect(sent).toHaveLength(1);
    const [event, payload] = sent[0]! as [string, LogBatch];
    expect(event).toBe('run:log');
    expect(payload.lines).toHaveLength(KEPT_LOG_LINES);
    expect(payload.lines.at(-1)!.seq).toBe(1000);
    expect(payload.omitted).toBe(1000 - KEPT_LOG_LINES);
    expect(payload.skipped).toBe(9);
    expect(box.held).toBe(0);
  });

  it('forgets a run’s held lines when the client unsubscribes', () => {
    const { socket } = fakeSocket();
    const box = new Outbox(socket);
    box.holdLog(batch(1, 3));
    box.drop('r1');
    expect(box.held).toBe(0);
  });
});

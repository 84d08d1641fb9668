// from_tcp and from_http_server for real: servers on 127.0.0.1 with port 0, real client sockets
// and HTTP POSTs, each source stopped at the end with nothing left listening.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNode, realHost, record, waitFor } from '../catalog/testHost.js';
import { Stream } from '../core/stream.js';
import { fullByType } from './index.js';
import type { FromHttpServerSource } from './fromHttpServer.js';
import type { FromTcpSource } from './fromTcp.js';

const d = (type: string) => fullByType.get(type)!;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

function client(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

async function tcpSource(params: Record<string, unknown> = {}) {
  const host = realHost();
  const source = buildNode(d('from_tcp'), { port: 0, ...params }, host) as FromTcpSource;
  const seen = record(source);
  source.start();
  const port = await source.listening;
  cleanup.push(async () => {
    source.destroy();
    await source.closed;
  });
  return { host, source, seen, port };
}

describe('from_tcp', () => {
  it('emits every message with its delimiter, decoded, from several connections', async () => {
    const { source, seen, port, host } = await tcpSource();
    expect(port).toBeGreaterThan(0);
    expect(source.port).toBe(port);
    const a = await client(port);
    const b = await client(port);
    a.write('one\ntw');
    await waitFor(() => seen.length === 1);
    b.write('x\n');
    await waitFor(() => seen.length === 2);
    a.write('o\n\xe9'.replace('\xe9', ''));
    a.write(Buffer.from('é\n').subarray(0, 1));
    a.write(Buffer.from('é\n').subarray(1));
    await waitFor(() => seen.length === 4);
    expect(seen.map(([, x]) => x)).toEqual(['one\n', 'x\n', 'two\n', 'é\n']);
    a.end('unterminated');
    b.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(4);
    expect(host.errors).toEqual([]);
  });

  it('splits on a custom delimiter', async () => {
    const { seen, port } = await tcpSource({ delimiter: '\r\n' });
    const a = await client(port);
    a.write('a\r\nb\nc\r\n');
    await waitFor(() => seen.length === 2);
    expect(seen.map(([, x]) => x)).toEqual(['a\r\n', 'b\nc\r\n']);
    a.destroy();
  });

  it('pauses a connection while downstream is busy (back-pressure)', async () => {
    const { source, port } = await tcpSource();
    const releases: Array<() => void> = [];
    const got: string[] = [];
    const slow = new Stream<string>();
    slow.update = (x: string) => {
      got.push(x);
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    source.connect(slow);
    const a = await client(port);
    a.write('1\n2\n3\n');
    await waitFor(() => got.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(got).toEqual(['1\n']);
    releases.shift()!();
    await waitFor(() => got.length === 2);
    releases.shift()!();
    await waitFor(() => got.length === 3);
    expect(got).toEqual(['1\n', '2\n', '3\n']);
    releases.shift()!();
    a.destroy();
  });

  it('closes a connection that sends too much without a delimiter', async () => {
    const { seen, port, host } = await tcpSource({ maxLength: 10 });
    const a = await client(port);
    const closed = new Promise((resolve) => a.on('close', resolve));
    a.on('error', () => {});
    a.write('x'.repeat(20));
    await closed;
    expect(seen).toEqual([]);
    expect(String(host.errors[0])).toMatch(/more than 10 characters/);
  });

  it('stops listening and drops its connections when stopped, and listens again when started', async () => {
    const { source, seen, port } = await tcpSource();
    const a = await client(port);
    const closed = new Promise((resolve) => a.on('close', resolve));
    source.stop();
    await source.closed;
    await closed;
    expect(source.stopped).toBe(true);
    expect(source.port).toBeNull();
    expect(await refused(port)).toBe(true);
    source.start();
    const again = await source.listening;
    const b = await client(again);
    b.write('back\n');
    await waitFor(() => seen.length === 1);
    expect(seen[0]![1]).toBe('back\n');
    b.destroy();
  });

  it('reports a port already in use and stays stopped', async () => {
    const first = await tcpSource();
    const host = realHost();
    const second = buildNode(d('from_tcp'), { port: first.port }, host) as FromTcpSource;
    second.start();
    await expect(second.listening).rejects.toThrow(/EADDRINUSE/);
    expect(second.stopped).toBe(true);
    expect(host.errors).toHaveLength(1);
  });
});

async function httpSource(params: Record<string, unknown> = {}) {
  const host = realHost();
  const source = buildNode(d('from_http_server'), { port: 0, ...params }, host) as FromHttpServerSource;
  const seen = record(source);
  source.start();
  const port = await source.listening;
  cleanup.push(async () => {
    source.destroy();
    await source.closed;
  });
  return { host, source, seen, port, url: `http://127.0.0.1:${port}` };
}

describe('from_http_server', () => {
  it('emits the body of every POST, decoded, and answers OK', async () => {
    const { seen, url } = await httpSource();
    const r = await fetch(`${url}/anything?x=1`, { method: 'POST', body: '{"t": 21, "é": true}' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('OK');
    const empty = await fetch(url, { method: 'POST' });
    expect(empty.status).toBe(200);
    expect(seen.map(([, x]) => x)).toEqual(['{"t": 21, "é": true}', '']);
  });

  it('matches the whole path against its pattern: 404 elsewhere, 405 for other methods', async () => {
    const { seen, url } = await httpSource({ path: '/in/[a-z]+' });
    expect((await fetch(`${url}/in/abc`, { method: 'POST', body: 'ok' })).status).toBe(200);
    expect((await fetch(`${url}/in/abc/more`, { method: 'POST', body: 'no' })).status).toBe(404);
    expect((await fetch(`${url}/x/in/abc`, { method: 'POST', body: 'no' })).status).toBe(404);
    expect((await fetch(`${url}/in/abc`)).status).toBe(405);
    expect(seen.map(([, x]) => x)).toEqual(['ok']);
  });

  it('answers once downstream has finished, and 500 when downstream fails', async () => {
    const { source, url, host } = await httpSource();
    let release!: () => void;
    const slow = new Stream<string>();
    slow.update = (x: string) => {
      if (x === 'boom') throw new Error('boom');
      return new Promise<void>((resolve) => (release = resolve));
    };
    source.connect(slow);
    let answered = false;
    const response = fetch(url, { method: 'POST', body: 'slow' }).then((r) => {
      answered = true;
      return r.status;
    });
    await waitFor(() => release !== undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(answered).toBe(false);
    release();
    expect(await response).toBe(200);
    expect((await fetch(url, { method: 'POST', body: 'boom' })).status).toBe(500);
    expect(String(host.errors[0])).toMatch(/boom/);
  });

  it('refuses a body over its limit with 413', async () => {
    const { seen, url } = await httpSource({ maxBodyBytes: 4 });
    const r = await fetch(url, { method: 'POST', body: 'x'.repeat(100) }).catch(() => null);
    if (r !== null) expect(r.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('stops listening when stopped', async () => {
    const { source, port } = await httpSource();
    source.stop();
    await source.closed;
    expect(await refused(port)).toBe(true);
  });
});

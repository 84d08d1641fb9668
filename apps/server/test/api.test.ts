// The REST API against the real server: auth, graphs with revisions and conflicts, validation,
// and every kind of bad input answered with a 4xx naming what is wrong, never changing the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, removeDir, slowGraph, startServer, TOKEN, type TestServer } from './helpers.js';

let t: TestServer;

beforeAll(async () => {
  t = await startServer({ bodyLimit: 64 * 1024 });
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
});

/** What is stored, to check that a refused request changed nothing. */
async function snapshotStore(): Promise<string> {
  const list = await t.api('GET', '/api/graphs');
  const revisions = await Promise.all(
    (list.body as Array<{ id: string }>).map((g) => t.api('GET', `/api/graphs/${g.id}/revisions`)),
  );
  return JSON.stringify([list.body, revisions.map((r) => r.body)]);
}

describe('auth', () => {
  it('leaves only GET /api/health open', async () => {
    const health = await t.api('GET', '/api/health', undefined, { token: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true, version: expect.any(String) });

    for (const [method, path] of [
      ['GET', '/api/graphs'],
      ['GET', '/api/catalog'],
      ['GET', '/api/runs'],
      ['POST', '/api/validate'],
      ['GET', '/api/nope'],
    ] as const) {
      const none = await t.api(method, path, undefined, { token: null });
      expect(none.status, `${method} ${path}`).toBe(401);
      expect(none.body.error.code).toBe('unauthorized');
      const wrong = await t.api(method, path, undefined, { token: TOKEN + 'x' });
      expect(wrong.status).toBe(401);
    }
  });

  it('refuses a socket without the right token', async () => {
    await expect(connect(t.url, null)).rejects.toThrow(/token/);
    await expect(connect(t.url, 'wrong')).rejects.toThrow(/token/);
    const ok = await connect(t.url);
    expect(ok.connected).toBe(true);
    ok.close();
  });

  it('serves the editor (or a placeholder) at / without the token', async () => {
    const res = await fetch(t.url + '/');
    expect(res.status).toBe(200);
  });
});

describe('storage', () => {
  it('is SQLite in WAL mode in the data directory', () => {
    expect(t.server.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.server.db.name).toBe(`${t.dataDir}/streamloom.db`);
  });
});

describe('catalog and validate', () => {
  it('lists every operator with its ports and parameters', async () => {
    const res = await t.api('GET', '/api/catalog');
    expect(res.status).toBe(200);
    const types = (res.body as Array<{ type: string }>).map((d) => d.type);
    expect(types).toEqual(expect.arrayContaining(['map', 'filter', 'counter', 'log']));
    const map = (res.body as Array<{ type: string; params: unknown[] }>).find((d) => d.type === 'map')!;
    expect(map.params.length).toBeGreaterThan(0);
  });

  it('answers the issues of a graph, with where they are', async () => {
    const good = await t.api('POST', '/api/validate', { graph: slowGraph() });
    expect(good.body).toEqual({ ok: true, issues: [] });
    const bad = slowGraph();
    bad.nodes[1]!.params = { func: 'x => x +' };
    const res = await t.api('POST', '/api/validate', bad);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.issues[0]).toMatchObject({ code: 'function_syntax', nodeId: 'm', param: 'func' });
  });
});

describe('graphs', () => {
  it('creates, reads, updates with revisions, refuses a stale update with 409, deletes', async () => {
    const created = await t.api('POST', '/api/graphs', { graph: slowGraph('first') });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), revision: 1 });
    const id = created.body.id as string;

    const got = await t.api('GET', `/api/graphs/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id, name: 'first', revision: 1, updatedAt: expect.any(String) });
    expect(got.body.graph.nodes.map((n: { id: string }) => n.id)).toEqual(['src', 'm', 'log']);

    const listed = await t.api('GET', '/api/graphs');
    expect(listed.body).toContainEqual(expect.objectContaining({ id, name: 'first', revision: 1 }));

    const second = await t.api('PUT', `/api/graphs/${id}`, { graph: slowGraph('second'), baseRevision: 1 });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ id, revision: 2 });

    // Someone else's edit, based on revision 1, is now stale.
    const stale = await t.api('PUT', `/api/graphs/${id}`, { graph: slowGraph('stale'), baseRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'conflict' }, currentRevision: 2 });
    expect(stale.body.error.message).toMatch(/current revision is 2/);

    const revisions = await t.api('GET', `/api/graphs/${id}/revisions`);
    expect(revisions.body.map((r: { revision: number; graph: { name: string } }) => [r.revision, r.graph.name])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);

    // A bare graph document (what an exported file holds) is accepted too.
    const bare = await t.api('POST', '/api/graphs', slowGraph('bare'));
    expect(bare.status).toBe(201);

    const deleted = await t.api('DELETE', `/api/graphs/${id}`);
    expect(deleted.status).toBe(204);
    expect((await t.api('GET', `/api/graphs/${id}`)).status).toBe(404);
    expect((await t.api('GET', `/api/graphs/${id}/revisions`)).status).toBe(404);
  });

  it('tells connected editors when a graph is saved', async () => {
    const socket = await connect(t.url);
    const saved: Array<{ id: string; revision: number }> = [];
    socket.on('graph:saved', (info) => saved.push(info));
    const created = await t.api('POST', '/api/graphs', { graph: slowGraph('watched') });
    await t.api('PUT', `/api/graphs/${created.body.id}`, { graph: slowGraph('watched 2'), baseRevision: 1 });
    await expect.poll(() => saved.length, { timeout: 10_000 }).toBe(2);
    expect(saved).toEqual([
      { id: created.body.id, revision: 1 },
      { id: created.body.id, revision: 2 },
    ]);
    socket.close();
  });
});

describe('bad input', () => {
  let id: string;
  beforeAll(async () => {
    id = (await t.api('POST', '/api/graphs', { graph: slowGraph('kept') })).body.id;
  });

  type Case = {
    name: string;
    method: string;
    path: () => string;
    body?: unknown;
    raw?: string;
    contentType?: string;
    status: number;
    code: string;
    message?: RegExp;
    issue?: Record<string, unknown>;
  };
  const invalidParam = slowGraph('bad');
  invalidParam.nodes[0]!.params = { interval: -5 };
  const unknownType = slowGraph('bad');
  unknownType.nodes[1]!.type = 'mapp';
  const dangling = slowGraph('bad');
  dangling.edges.push({ id: 'e9', source: 'm', target: 'ghost' });

  const cases: Case[] = [
    { name: 'malformed JSON', method: 'POST', path: () => '/api/graphs', raw: '{"graph": {', status: 400, code: 'bad_json' },
    { name: 'JSON that is not an object', method: 'POST', path: () => '/api/graphs', raw: '[1, 2]', status: 400, code: 'invalid_body' },
    { name: 'no body', method: 'POST', path: () => '/api/graphs', status: 400, code: 'invalid_body' },
    {
      name: 'a body that is not JSON',
      method: 'POST',
      path: () => '/api/graphs',
      raw: 'version=1',
      contentType: 'application/x-www-form-urlencoded',
      status: 400,
      code: 'invalid_body',
    },
    {
      name: 'a body over the limit',
      method: 'POST',
      path: () => '/api/graphs',
      raw: JSON.stringify({ graph: { ...slowGraph(), name: 'x'.repeat(100 * 1024) } }),
      status: 413,
      code: 'too_large',
    },
    {
      name: 'a graph with a bad parameter',
      method: 'POST',
      path: () => '/api/graphs',
      body: { graph: invalidParam },
      status: 422,
      code: 'invalid_graph',
      issue: { nodeId: 'src', param: 'interval' },
    },
    {
      name: 'a graph with an unknown operator',
      method: 'POST',
      path: () => '/api/graphs',
      body: { graph: unknownType },
      status: 422,
      code: 'invalid_graph',
      issue: { code: 'unknown_type', nodeId: 'm' },
    },
    {
      name: 'a graph with a dangling edge',
      method: 'POST',
      path: () => '/api/graphs',
      body: { graph: dangling },
      status: 422,
      code: 'invalid_graph',
      issue: { edgeId: 'e9' },
    },
    {
      name: 'a graph of the wrong shape',
      method: 'POST',
      path: () => '/api/graphs',
      body: { graph: { version: 1, nodes: 'no' } },
      status: 422,
      code: 'invalid_graph',
    },
    {
      name: 'an update of an invalid graph',
      method: 'PUT',
      path: () => `/api/graphs/${id}`,
      body: { graph: unknownType, baseRevision: 1 },
      status: 422,
      code: 'invalid_graph',
    },
    {
      name: 'an update without baseRevision',
      method: 'PUT',
      path: () => `/api/graphs/${id}`,
      body: { graph: slowGraph() },
      status: 400,
      code: 'invalid_body',
      message: /baseRevision/,
    },
    {
      name: 'an update with a bad baseRevision',
      method: 'PUT',
      path: () => `/api/graphs/${id}`,
      body: { graph: slowGraph(), baseRevision: 'one' },
      status: 400,
      code: 'invalid_body',
      message: /baseRevision/,
    },
    { name: 'an unknown graph', method: 'GET', path: () => '/api/graphs/nope', status: 404, code: 'not_found', message: /nope/ },
    {
      name: 'an update of an unknown graph',
      method: 'PUT',
      path: () => '/api/graphs/nope',
      body: { graph: slowGraph(), baseRevision: 1 },
      status: 404,
      code: 'not_found',
    },
    { name: 'deleting an unknown graph', method: 'DELETE', path: () => '/api/graphs/nope', status: 404, code: 'not_found' },
    { name: 'deploying an unknown graph', method: 'POST', path: () => '/api/graphs/nope/deploy', status: 404, code: 'not_found' },
    {
      name: 'deploying an unknown revision',
      method: 'POST',
      path: () => `/api/graphs/${id}/deploy`,
      body: { revision: 99 },
      status: 404,
      code: 'not_found',
      message: /revision 99/,
    },
    {
      name: 'deploying with an unknown field',
      method: 'POST',
      path: () => `/api/graphs/${id}/deploy`,
      body: { revison: 1 },
      status: 400,
      code: 'invalid_body',
    },
    { name: 'stopping an unknown run', method: 'POST', path: () => '/api/runs/nope/stop', status: 404, code: 'not_found' },
    {
      name: 'emitting into an unknown run',
      method: 'POST',
      path: () => '/api/runs/nope/emit',
      body: { nodeId: 'm', value: 1 },
      status: 404,
      code: 'not_found',
    },
    { name: 'an unknown endpoint', method: 'GET', path: () => '/api/nothing/here', status: 404, code: 'not_found' },
  ];

  it.each(cases)('$name → $status $code', async (c) => {
    const before = await snapshotStore();
    const res = await t.api(c.method, c.path(), c.body, {
      ...(c.raw !== undefined ? { raw: c.raw } : {}),
      ...(c.contentType !== undefined ? { contentType: c.contentType } : {}),
    });
    expect(res.status, res.text).toBe(c.status);
    expect(res.body?.error?.code, res.text).toBe(c.code);
    expect(typeof res.body.error.message).toBe('string');
    expect(res.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d/); // no stack trace
    if (c.message) expect(res.body.error.message).toMatch(c.message);
    if (c.issue) expect(res.body.error.issues).toContainEqual(expect.objectContaining(c.issue));
    expect(await snapshotStore()).toBe(before);
  });
});

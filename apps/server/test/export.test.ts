// Export: GET /api/graphs/:id/export (the handler, on an app of its own with the server's error
// handler) and `streamloom export` (the command, run in this process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Graph, GraphRevision, StoredGraph } from '@streamloom/engine/protocol';
import { exportCommand } from '../src/commands/export.js';
import { fullCatalog } from '../src/engine.js';
import { errorHandler } from '../src/http/errorHandler.js';
import { exportFilename, exportRoute, type ExportGraphSource } from '../src/http/exportRoute.js';
import { removeDir, startServer, type TestServer } from './helpers.js';

const graphV1: Graph = {
  version: 1,
  name: 'Doubling: 1, 2, 3',
  nodes: [
    { id: 'numbers', type: 'from_iterable', params: { items: [1, 2, 3] }, position: { x: 0, y: 0 } },
    { id: 'double', type: 'map', params: { func: 'x => x * 2' }, position: { x: 200, y: 0 } },
    { id: 'print', type: 'log', params: {}, position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'numbers', target: 'double', targetPort: 0 },
    { id: 'e2', source: 'double', target: 'print', targetPort: 0 },
  ],
};
const graphV2: Graph = structuredClone(graphV1);
graphV2.nodes[1]!.params = { func: 'x => new Date(x)' };

/** A store with one graph, "g1", at revision 2 (revision 1 kept), and "old" that no longer validates. */
const store: ExportGraphSource = {
  get(id) {
    if (id === 'g1') return { id, name: graphV2.name, revision: 2, updatedAt: '', graph: graphV2 } satisfies StoredGraph;
    if (id === 'old') {
      const graph = { ...graphV1, nodes: [{ id: 'x', type: 'gone_operator', params: {}, position: { x: 0, y: 0 } }], edges: [] };
      return { id, name: 'old', revision: 1, updatedAt: '', graph };
    }
    return undefined;
  },
  revisions(id) {
    if (id !== 'g1') return undefined;
    return [
      { revision: 1, savedAt: '', graph: graphV1 },
      { revision: 2, savedAt: '', graph: graphV2 },
    ] satisfies GraphRevision[];
  },
};

let base = '';
let close: () => void = () => {};
beforeAll(async () => {
  const app = express();
  app.get('/api/graphs/:id/export', exportRoute({ graphs: store, catalog: fullCatalog }));
  app.use(errorHandler({ bodyLimit: 1024, log: () => {} }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function get(path: string) {
  const res = await fetch(base + path);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

describe('GET /api/graphs/:id/export', () => {
  it('answers the code, the warnings and a file name, for the head revision', async () => {
    const r = await get('/api/graphs/g1/export?format=py');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'g1', revision: 2, format: 'py', filename: 'doubling_1_2_3.py' });
    expect(r.body.code).toContain('# Doubling: 1, 2, 3 (revision 2): a stream graph exported from Streamloom.');
    expect(r.body.warnings).toEqual([{ nodeId: 'double', message: expect.stringContaining('not translated to Python') }]);
  });

  it('exports an older revision, and each format', async () => {
    const ts = await get('/api/graphs/g1/export?format=ts&revision=1');
    expect(ts.body).toMatchObject({ revision: 1, format: 'ts', filename: 'doubling-1-2-3.ts', warnings: [] });
    expect(ts.body.code).toContain('const double = numbers.map((x: any) => x * 2);');
    const json = await get('/api/graphs/g1/export?format=json&revision=1');
    expect(JSON.parse(json.body.code)).toEqual(graphV1);
  });

  it('answers the file itself with download=1', async () => {
    const r = await get('/api/graphs/g1/export?format=ts&download=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/typescript');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="doubling-1-2-3.ts"');
    expect(r.headers.get('x-streamloom-warnings')).toBe('0');
    expect(r.text.startsWith('// Doubling: 1, 2, 3 (revision 2)')).toBe(true);
  });

  it('names what is wrong: format, graph, revision, a graph that no longer validates', async () => {
    const noFormat = await get('/api/graphs/g1/export');
    expect(noFormat.status).toBe(400);
    expect(noFormat.body.error.code).toBe('invalid_body');
    expect(noFormat.body.error.message).toContain('query.format');
    expect((await get('/api/graphs/g1/export?format=rb')).status).toBe(400);
    expect((await get('/api/graphs/g1/export?format=ts&revision=0')).status).toBe(400);
    const missing = await get('/api/graphs/nope/export?format=ts');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No graph with id "nope"');
    const noRevision = await get('/api/graphs/g1/export?format=ts&revision=7');
    expect(noRevision.status).toBe(404);
    expect(noRevision.body.error.message).toBe('Graph "g1" has no revision 7');
    const old = await get('/api/graphs/old/export?format=ts');
    expect(old.status).toBe(422);
    expect(old.body.error.code).toBe('invalid_graph');
    expect(old.body.error.issues[0].nodeId).toBe('x');
  });

  it('file names: from the graph name, else its id', () => {
    expect(exportFilename('Sensor average (°C)', 'g', 'ts')).toBe('sensor-average-c.ts');
    expect(exportFilename('7 · Fibonacci', 'g', 'py')).toBe('graph_7_fibonacci.py');
    expect(exportFilename('***', 'g 1', 'json')).toBe('graph-g_1.json');
  });
});

describe('streamloom export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'streamloom-export-'));
  afterAll(() => removeDir(dir));

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    try {
      return { code: await exportCommand.run(args), stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  it('writes the program on stdout, the warnings on stderr', async () => {
    const file = join(dir, 'g.json');
    writeFileSync(file, JSON.stringify(graphV2));
    const r = await run([file, '--format', 'py']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('double = numbers.map(double_func)');
    expect(r.stderr).toMatch(/^warning: node double: func: not translated to Python/);
    const ts = await run([file, '--format', 'ts', '--revision', '4']);
    expect(ts.stdout.startsWith('// Doubling: 1, 2, 3 (revision 4)')).toBe(true);
    expect(ts.stderr).toBe('');
  });

  it('writes to --out, its extension giving the format; reads a graph of an older version', async () => {
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify({ name: 'pre-release', nodes: [{ id: 'a', op: 'from_iterable', params: { items: [1] }, x: 1, y: 2 }], edges: [] }));
    const out = join(dir, 'old-out.json');
    const r = await run([file, '--out', out]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ version: 1, nodes: [{ id: 'a', type: 'from_iterable', position: { x: 1, y: 2 } }] });
  });

  it('exits 2 with the reason: no format, a bad one, an unreadable or invalid graph', async () => {
    const file = join(dir, 'g2.json');
    writeFileSync(file, JSON.stringify(graphV1));
    expect((await run([file])).stderr).toContain('--format must be one of ts, py, json');
    expect((await run([file, '--format', 'rb'])).code).toBe(2);
    expect((await run([file, '--format', 'ts', '--revision', 'x'])).code).toBe(2);
    expect((await run([join(dir, 'missing.json'), '--format', 'ts'])).stderr).toContain('cannot read');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, nodes: [{ id: 'm', type: 'map', params: {} }], edges: [] }));
    const r = await run([bad, '--format', 'ts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('problem(s):');
    expect(r.stderr).toContain('(node m, param func)');
    expect((await run([])).code).toBe(2);
  });
});

describe('wired in: the server and the command line', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer();
  });
  afterAll(async () => {
    await t.close();
    removeDir(t.dataDir);
  });

  it('GET /api/graphs/:id/export answers for a saved graph, with the token only', async () => {
    const created = await t.api('POST', '/api/graphs', graphV1);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const r = await t.api('GET', `/api/graphs/${id}/export?format=ts`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, revision: 1, format: 'ts', warnings: [] });
    expect(r.body.code).toContain('numbers.start();');
    expect((await t.api('GET', `/api/graphs/${id}/export?format=ts`, undefined, { token: null })).status).toBe(401);
  });

  it('npx streamloom export graph.json --format py', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamloom-export-cli-'));
    try {
      const file = join(dir, 'graph.json');
      writeFileSync(file, JSON.stringify(graphV1));
      const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
      const r = spawnSync(process.execPath, [cli, 'export', file, '--format', 'py'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('double = numbers.map(lambda x: x * 2)');
      const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8', timeout: 60_000 });
      expect(help.stdout).toMatch(/export\s+write a graph as a TypeScript program/);
    } finally {
      removeDir(dir);
    }
  });
});

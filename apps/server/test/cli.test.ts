// The command line: `streamloom run` headless, and `streamloom serve` as its own process
// (the URL with the token, graceful shutdown on SIGTERM, runs started again after a crash).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chain, removeDir, slowGraph, waitFor } from './helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'streamloom-cli-'));
afterAll(() => removeDir(dir));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
}

describe('streamloom run', () => {
  it('prints the log sink’s JSON lines and ends when the sources are done', () => {
    const graph = chain('finite', [
      { id: 'src', type: 'counter', params: { interval: 1, limit: 4 } },
      { id: 'm', type: 'map', params: { func: 'x => ({ x, half: x / 2, big: 2n ** 70n })' } },
      { id: 'log', type: 'log', params: {} },
    ]);
    const r = cli(['run', file('finite.json', graph)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { x: 0, half: 0, big: '1180591620717411303424' },
      { x: 1, half: 0.5, big: '1180591620717411303424' },
      { x: 2, half: 1, big: '1180591620717411303424' },
      { x: 3, half: 1.5, big: '1180591620717411303424' },
    ]);
  });

  it('--duration ends an endless graph', () => {
    const t0 = Date.now();
    const r = cli(['run', file('endless.json', slowGraph('endless', 10)), '--duration', '500ms']);
    expect(r.status, r.stderr).toBe(0);
    expect(Date.now() - t0).toBeLessThan(30_000);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(0, 3)).toEqual(['0', '10', '20']);
  });

  it('reports a graph that does not validate, and exits 2', () => {
    const bad = slowGraph('bad');
    bad.nodes[1]!.params = { func: 'x =>' };
    const r = cli(['run', file('bad.json', bad)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/function_syntax \(node m, param func\)/);
    const notJson = cli(['run', file('notjson.json', '{ nope')]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toMatch(/invalid_json/);
    expect(cli(['run', join(dir, 'missing.json')]).stderr).toMatch(/cannot read/);
  });

  it('exits 1 when a node fails for good', () => {
    const graph = chain('fails', [
      { id: 'src', type: 'counter', params: { interval: 1 } },
      { id: 'boom', type: 'map', params: { func: 'x => { throw new Error("no " + x) }' }, onError: 'stop' },
      { id: 'log', type: 'log', params: {} },
    ]);
    const r = cli(['run', file('fails.json', graph), '--duration', '10s']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/failed at node boom: .*no 0/);
  });

  it('lists its commands and refuses unknown ones', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve/);
    expect(help.stdout).toMatch(/run/);
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['run', '--help']).stdout).toMatch(/--duration/);
  });
});

describe('streamloom serve', () => {
  const TOKEN = 'cli-test-token';

  function serve(dataDir: string): { child: ChildProcess; url: Promise<string>; output: () => string } {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, STREAMLOOM_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += String(d)));
    child.stderr!.on('data', (d) => (out += String(d)));
    const url = waitFor('the URL', () => /http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out) ?? undefined, 60_000).then(
      (m) => {
        expect(m[2]).toBe(TOKEN);
        return `http://127.0.0.1:${m[1]}`;
      },
    );
    return { child, url, output: () => out };
  }

  const api = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return res.json() as Promise<any>;
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once('exit', (code) => resolve(code));
    });

  it('prints the URL with the token, shuts down on SIGTERM with 0, and resumes runs after a crash', async () => {
    const dataDir = join(dir, 'served');
    const a = serve(dataDir);
    const url = await a.url;
    const { id } = await api(url, 'POST', '/api/graphs', { graph: slowGraph('served', 50) });
    const { runId } = await api(url, 'POST', `/api/graphs/${id}/deploy`);
    await waitFor('running', async () => (await api(url, 'GET', `/api/runs/${runId}`)).state === 'running');
    a.child.kill('SIGTERM');
    expect(await exited(a.child)).toBe(0);
    expect(a.output()).toMatch(/SIGTERM: stopping runs/);

    // Started again: the run comes back. Then a crash (SIGKILL): it comes back once more.
    const b = serve(dataDir);
    const url2 = await b.url;
    await waitFor('running again', async () => (await api(url2, 'GET', `/api/runs/${runId}`)).state === 'running', 60_000);
    b.child.kill('SIGKILL');
    await exited(b.child);

    const c = serve(dataDir);
    const url3 = await c.url;
    await waitFor('running after the crash', async () => (await api(url3, 'GET', `/api/runs/${runId}`)).state === 'running', 60_000);
    c.child.kill('SIGINT');
    expect(await exited(c.child)).toBe(0);
  });

  it('warns when bound to every interface', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', join(dir, 'open')], {
      env: { ...process.env, STREAMLOOM_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    await waitFor('the warning', () => /warning: listening on 0\.0\.0\.0/.test(out), 60_000);
    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
  });
});

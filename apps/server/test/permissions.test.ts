// Each run's process gets only what its graph's nodes declare: a file source can read its file, a
// file sink write its file, a process source start programs. Nothing else.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '@streamloom/engine/protocol';
import { defaultCodeDirs } from '../src/config.js';
import { catalogData } from '../src/engine.js';
import { grantsFor, hostExecArgv } from '../src/runs/permissions.js';
import { chain, connect, deploy, record, removeDir, startServer, waitFor, waitForState, type TestServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'streamloom-perm-'));
let t: TestServer;
beforeAll(async () => {
  t = await startServer({ runs: { cwd: dir } });
});
afterAll(async () => {
  await t.close();
  removeDir(t.dataDir);
  removeDir(dir);
});

describe('grants', () => {
  it('come from the nodes’ declared needs, relative paths resolved against the working directory', () => {
    const graph = chain('g', [
      { id: 'a', type: 'from_textfile', params: { path: 'in/data.txt' } },
      { id: 'b', type: 'sink_to_textfile', params: { path: '/tmp/out.txt' } },
    ]) as Graph;
    graph.nodes.push({ id: 'c', type: 'from_process', params: { cmd: 'echo hi' }, position: { x: 0, y: 0 } });
    graph.nodes.push({ id: 'd', type: 'filenames', params: { path: '/data/**/*.csv' }, position: { x: 0, y: 0 } });
    expect(grantsFor(graph, catalogData, '/work')).toEqual({
      fsRead: ['/work/in/data.txt', '/data/'],
      fsWrite: ['/tmp/out.txt'],
      childProcess: true,
      network: [],
    });
    const plain = chain('p', [{ id: 'a', type: 'counter', params: {} }]) as Graph;
    const none = grantsFor(plain, catalogData, '/work');
    expect(none).toEqual({ fsRead: [], fsWrite: [], childProcess: false, network: [] });
    const argv = hostExecArgv(none, { heapMb: 100, codeDirs: ['/code'] });
    expect(argv).toContain('--max-old-space-size=100');
    expect(argv).toContain('--experimental-permission');
    expect(argv).toContain('--allow-fs-read=/code');
    expect(argv.some((a) => a.startsWith('--allow-fs-write') || a === '--allow-child-process')).toBe(false);
  });

  it('are enforced by Node: nothing outside them can be read, written or started', () => {
    const secret = join(dir, 'secret.txt');
    const allowed = join(dir, 'allowed.txt');
    writeFileSync(secret, 'secret');
    writeFileSync(allowed, 'allowed');
    const argv = hostExecArgv(
      { fsRead: [allowed], fsWrite: [], childProcess: false, network: [] },
      { heapMb: 64, codeDirs: defaultCodeDirs() },
    );
    const probe = `
      const fs = require('node:fs');
      const out = {};
      for (const [k, f] of Object.entries({ allowed: ${JSON.stringify(allowed)}, secret: ${JSON.stringify(secret)} })) {
        try { out[k] = fs.readFileSync(f, 'utf8'); } catch (e) { out[k] = e.code; }
      }
      try { fs.writeFileSync(${JSON.stringify(join(dir, 'w.txt'))}, 'x'); out.write = 'ok'; } catch (e) { out.write = e.code; }
      try { require('node:child_process').execFileSync('true'); out.spawn = 'ok'; } catch (e) { out.spawn = e.code; }
      try { new Function('return 1'); out.eval = 'ok'; } catch (e) { out.eval = e.name; }
      console.log(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, [...argv, '-e', probe], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({
      allowed: 'allowed',
      secret: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      eval: 'EvalError',
    });
  });
});

describe('runs with grants', () => {
  it('a file source reads its file and a file sink writes its file', async () => {
    writeFileSync(join(dir, 'lines.txt'), 'one\ntwo\nthree\n');
    const { runId } = await deploy(
      t,
      chain('files', [
        { id: 'in', type: 'from_textfile', params: { path: 'lines.txt', pollInterval: 20 } },
        { id: 'up', type: 'map', params: { func: 'line => line.trim().toUpperCase()' } },
        { id: 'out', type: 'sink_to_textfile', params: { path: join(dir, 'upper.txt'), mode: 'w' } },
      ]),
    );
    await waitForState(t, runId, 'running');
    await waitFor('the written file', () => {
      try {
        return readFileSync(join(dir, 'upper.txt'), 'utf8') === 'ONE\nTWO\nTHREE\n';
      } catch {
        return false;
      }
    });
    await t.api('POST', `/api/runs/${runId}/stop`);
  });

  it('a process source starts its program', async () => {
    const { runId } = await deploy(
      t,
      chain('proc', [
        { id: 'p', type: 'from_process', params: { cmd: 'echo hello from a child' } },
        { id: 'log', type: 'log', params: {} },
      ]),
    );
    const socket = await connect(t.url);
    const got = record(socket);
    await socket.emitWithAck('run:subscribe', { runId });
    await socket.emitWithAck('run:inspect', { runId, nodeId: 'log', on: true });
    await waitFor('the program’s line', () =>
      got.samples.some((s) => s.values.some((v) => v.value === 'hello from a child\n')),
    );
    await t.api('POST', `/api/runs/${runId}/stop`);
    socket.close();
  });
});

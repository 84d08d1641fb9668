// A server restart (graceful shutdown, then a new server on the same data directory) keeps every
// graph and revision and starts again the runs that were running; stopped ones stay stopped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RunStatus } from '@streamloom/engine/protocol';
import { connect, deploy, outOf, record, removeDir, slowGraph, startServer, waitFor, waitForState } from './helpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'streamloom-restart-'));
afterAll(() => removeDir(dataDir));

it('restores graphs and restarts the runs that were running', async () => {
  const first = await startServer({ dataDir });
  const kept = await deploy(first, slowGraph('kept running', 20));
  const ended = await deploy(first, slowGraph('stopped by hand', 20));
  await first.api('PUT', `/api/graphs/${kept.graphId}`, { graph: slowGraph('kept running v2', 20), baseRevision: 1 });
  await waitForState(first, kept.runId, 'running');
  await waitForState(first, ended.runId, 'running');
  await first.api('POST', `/api/runs/${ended.runId}/stop`);
  await first.close();

  const second = await startServer({ dataDir });
  try {
    const graphs = await second.api('GET', '/api/graphs');
    expect(graphs.body.map((g: { name: string }) => g.name).sort()).toEqual(['kept running v2', 'stopped by hand']);
    const revisions = await second.api('GET', `/api/graphs/${kept.graphId}/revisions`);
    expect(revisions.body.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);

    // The run comes back under the same id, on the revision it was deployed with, and streams.
    const back = await waitForState(second, kept.runId, 'running');
    expect(back.revision).toBe(1);
    const socket = await connect(second.url);
    const got = record(socket);
    await socket.emitWithAck('run:subscribe', { runId: kept.runId });
    await waitFor('frames after the restart', () => outOf(got.frames.at(-1), 'm') > 0);
    socket.close();

    const stopped = await second.api<RunStatus>('GET', `/api/runs/${ended.runId}`);
    expect(stopped.body.state).toBe('stopped');
  } finally {
    await second.close();
  }

  // A run stopped by hand before a restart is not started again either.
  const third = await startServer({ dataDir });
  try {
    await waitForState(third, kept.runId, 'running');
    await third.api('POST', `/api/runs/${kept.runId}/stop`);
  } finally {
    await third.close();
  }
  const fourth = await startServer({ dataDir });
  try {
    await new Promise((r) => setTimeout(r, 500));
    expect((await fourth.api<RunStatus>('GET', `/api/runs/${kept.runId}`)).body.state).toBe('stopped');
  } finally {
    await fourth.close();
  }
});

import { describe, expect, it } from 'vitest';
import type { LogBatch, LogLine, RunLog, RunStatus } from '@streamloom/engine/protocol';
import { LOG_OPEN_KEY, LOG_VIEW_LINES, selectLogNotShown } from './logSlice';
import { makeStore, settle } from './testing';

const line = (seq: number, nodeId = 'log-1'): LogLine => ({ seq, t: 1_700_000_000_000 + seq, nodeId, line: String(seq * 10) });
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));
const batch = (runId: string, from: number, to: number, skipped = 0, omitted = 0, since = 1): LogBatch => ({ runId, since, lines: lines(from, to), skipped, omitted });
const status = (runId: string): RunStatus => ({ runId, graphId: 'g1', revision: 1, state: 'running', startedAt: new Date().toISOString() });

function withRun(runId = 'r1', log?: Partial<RunLog>) {
  const t = makeStore();
  t.store.setState({ run: status(runId) });
  t.server.logs.set(runId, { runId, since: 1, lines: [], skipped: 0, total: 0, ...log });
  return t;
}

describe('log slice', () => {
  it('loads the recent lines, then adds live ones in order, once each; other runs are ignored', async () => {
    const { store } = withRun('r1', { lines: lines(1, 5), skipped: 0, total: 5 });
    await store.getState().loadLog();
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    const s = store.getState();
    s.applyLog(batch('r1', 4, 8));
    s.applyLog(batch('other', 9, 20));
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(store.getState().logRunId).toBe('r1');
    expect(store.getState().logReceived).toBe(8);
  });

  it('keeps the live lines that came while the recent ones were loading', async () => {
    const { store, server } = withRun('r1');
    let answer: (log: RunLog) => void = () => undefined;
    server.api.runLog = () => new Promise<RunLog>((resolve) => (answer = resolve));
    const loading = store.getState().loadLog();
    expect(store.getState().logLoading).toBe(true);
    store.getState().applyLog(batch('r1', 5, 7));
    answer({ runId: 'r1', since: 1, lines: lines(1, 5), skipped: 3, total: 5 });
    await loading;
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(store.getState().logSkipped).toBe(3);
    expect(store.getState().logLoading).toBe(false);
  });

  it('keeps the newest lines only', () => {
    const { store } = withRun();
    store.getState().applyLog(batch('r1', 1, LOG_VIEW_LINES + 250));
    const kept = store.getState().logLines;
    expect(kept).toHaveLength(LOG_VIEW_LINES);
    expect(kept[0]!.seq).toBe(251);
  });

  it('counts lines skipped by the run and those this page was not sent', async () => {
    const { store, server } = withRun();
    const s = store.getState();
    s.applyLog(batch('r1', 1, 2, 100));
    s.applyLog(batch('r1', 300, 301, 150, 296));
    expect(store.getState().logSkipped).toBe(150);
    expect(selectLogNotShown(store.getState())).toBe(150 + 296);
    // Reloading fetches what the socket left out: only the run's skipped lines remain not shown.
    server.logs.set('r1', { runId: 'r1', since: 1, lines: lines(1, 301), skipped: 150, total: 301 });
    await store.getState().loadLog();
    expect(store.getState().logLines).toHaveLength(301);
    expect(selectLogNotShown(store.getState())).toBe(150);
  });

  it('pauses: the list stays as it was and counts what arrives; resuming shows everything', () => {
    const { store } = withRun();
    store.getState().applyLog(batch('r1', 1, 3));
    store.getState().pauseLog(true);
    store.getState().applyLog(batch('r1', 4, 10));
    const s = store.getState();
    expect(s.logPaused!.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(s.logReceived - s.logPaused!.received).toBe(7);
    store.getState().pauseLog(false);
    expect(store.getState().logPaused).toBeNull();
    expect(store.getState().logLines).toHaveLength(10);
  });

  it('clears: the lines and the skipped count so far are not shown again, even after a reload', async () => {
    const { store, server } = withRun('r1');
    store.getState().applyLog(batch('r1', 1, 5, 40));
    store.getState().clearLog();
    expect(store.getState().logLines).toEqual([]);
    expect(selectLogNotShown(store.getState())).toBe(0);
    server.logs.set('r1', { runId: 'r1', since: 1, lines: lines(1, 7), skipped: 45, total: 7 });
    await store.getState().loadLog();
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([6, 7]);
    expect(selectLogNotShown(store.getState())).toBe(5);
  });

  it('starts afresh for another run, and empties when there is none', async () => {
    const { store, server } = withRun('r1');
    store.getState().applyLog(batch('r1', 1, 5, 9));
    store.setState({ run: status('r2') });
    server.logs.set('r2', { runId: 'r2', since: 1, lines: lines(1, 2), skipped: 0, total: 2 });
    await store.getState().loadLog();
    expect(store.getState()).toMatchObject({ logRunId: 'r2', logSkipped: 0 });
    expect(store.getState().logLines).toHaveLength(2);
    store.setState({ run: null });
    await store.getState().loadLog();
    expect(store.getState().logRunId).toBeNull();
    expect(store.getState().logLines).toEqual([]);
  });

  it('starts again when the server’s log of the run began again (a server restart)', async () => {
    const { store, server } = withRun('r1');
    store.getState().applyLog(batch('r1', 1, 500, 30));
    server.logs.set('r1', { runId: 'r1', since: 2, lines: lines(1, 3), skipped: 0, total: 3 });
    await store.getState().loadLog();
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(store.getState().logSkipped).toBe(0);
    store.getState().applyLog(batch('r1', 4, 5, 0, 0, 2));
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    // Live lines of a newer log replace the list at once.
    store.getState().applyLog(batch('r1', 1, 2, 0, 0, 3));
    expect(store.getState().logLines.map((l) => l.seq)).toEqual([1, 2]);
  });

  it('says why the log cannot be loaded', async () => {
    const { store, server } = withRun('r1');
    server.offline = true;
    await store.getState().loadLog();
    expect(store.getState().logError).toMatch(/cannot be loaded/);
    await settle();
  });

  it('remembers whether the panel is open', () => {
    const { store, storage } = makeStore();
    store.getState().setLogOpen(true);
    expect(storage.getItem(LOG_OPEN_KEY)).toBe('1');
    const again = makeStore({ storage });
    expect(again.store.getState().logOpen).toBe(true);
  });
});

// The run's output (its `log` sinks' lines) as the Log panel shows it: the recent lines from
// GET /api/runs/:runId/log, then the live ones from `run:log`, merged by their number (`seq`).
// Bounded: the newest LOG_VIEW_LINES lines. Paused, the list stays as it was and counts what came.
import type { LogBatch, LogLine } from '@streamloom/engine/protocol';
import type { StateCreator } from 'zustand';
import { errorText } from './docSlice';
import type { EditorState, StoreDeps } from './types';

/** Lines the panel keeps (as many as the server keeps per run). */
export const LOG_VIEW_LINES = 1000;
export const LOG_OPEN_KEY = 'streamloom.logOpen';

export interface LogSlice {
  logOpen: boolean;
  /** The run the lines below belong to, and which of its logs (`since`: a server restart begins a new one). */
  logRunId: string | null;
  logSince: number | null;
  logLines: readonly LogLine[];
  /** The highest `seq` seen (lines at or below it are not added again). */
  logLastSeq: number;
  /** The run's skipped lines (over its bound), as the server counts them. */
  logSkipped: number;
  /** Lines the server did not send this page (it read slowly) since the list was loaded. */
  logOmitted: number;
  /** Lines added to the list so far (what "N new lines" counts while paused). */
  logReceived: number;
  /** While paused: the list as it was, and `logReceived` then. */
  logPaused: { lines: readonly LogLine[]; received: number } | null;
  /** Cleared by hand: lines up to this `seq`, and the skipped count then, are not shown again. */
  logCleared: { seq: number; skipped: number };
  logLoading: boolean;
  logError: string | null;
  setLogOpen(open: boolean): void;
  /** (Re)loads the current run's recent lines; live lines that arrived meanwhile are kept. */
  loadLog(): Promise<void>;
  applyLog(batch: LogBatch): void;
  pauseLog(paused: boolean): void;
  clearLog(): void;
}

const fresh = (runId: string | null, since: number | null = null) => ({
  logRunId: runId,
  logSince: since,
  logLines: [] as readonly LogLine[],
  logLastSeq: 0,
  logSkipped: 0,
  logOmitted: 0,
  logPaused: null,
  logCleared: { seq: 0, skipped: 0 },
  logError: null,
});

const keepNewest = (lines: LogLine[]): LogLine[] => (lines.length > LOG_VIEW_LINES ? lines.slice(lines.length - LOG_VIEW_LINES) : lines);

export const createLogSlice =
  (deps: StoreDeps): StateCreator<EditorState, [], [], LogSlice> =>
  (set, get) => ({
    logOpen: deps.storage?.getItem(LOG_OPEN_KEY) === '1',
    ...fresh(null),
    logReceived: 0,
    logLoading: false,

    setLogOpen(open) {
      set({ logOpen: open });
      try {
        deps.storage?.setItem(LOG_OPEN_KEY, open ? '1' : '0');
      } catch {
        // storage full or denied: the panel just does not stay open across reloads
      }
    },

    async loadLog() {
      const runId = get().run?.runId ?? null;
      if (runId === null) {
        if (get().logRunId !== null) set(fresh(null));
        return;
      }
      if (get().logRunId !== runId) set(fresh(runId));
      set({ logLoading: true, logError: null });
      try {
        const res = await deps.api.runLog(runId);
        if (get().run?.runId !== runId || get().logRunId !== runId) return;
        // Another log of the run (the server restarted): what this page had is gone from it.
        if (get().logSince !== null && get().logSince !== res.since) set(fresh(runId, res.since));
        const s = get();
        const restLast = res.lines.at(-1)?.seq ?? 0;
        const merged = [
          ...res.lines.filter((l) => l.seq > s.logCleared.seq),
          // Live lines that came while the request was on its way.
          ...s.logLines.filter((l) => l.seq > restLast),
        ];
        const added = merged.filter((l) => l.seq > s.logLastSeq).length;
        set({
          logSince: res.since,
          logLines: keepNewest(merged),
          logLastSeq: Math.max(s.logLastSeq, merged.at(-1)?.seq ?? 0, s.logCleared.seq),
          logSkipped: Math.max(s.logSkipped, res.skipped),
          // The server's list has what the socket left out, as far as it keeps it.
          logOmitted: 0,
          logReceived: s.logReceived + added,
        });
      } catch (error) {
        if (get().logRunId === runId) set({ logError: `The log cannot be loaded: ${errorText(error)}` });
      } finally {
        if (get().logRunId === runId) set({ logLoading: false });
      }
    },

    applyLog(batch) {
      if (get().run?.runId !== batch.runId) return;
      const known = get().logSince;
      if (get().logRunId !== batch.runId || (known !== null && known !== batch.since)) set(fresh(batch.runId, batch.since));
      else if (known === null) set({ logSince: batch.since });
      const s = get();
      const lines = batch.lines.filter((l) => l.seq > s.logLastSeq);
      if (lines.length === 0 && batch.skipped <= s.logSkipped && batch.omitted === 0) return;
      set({
        logLines: lines.length === 0 ? s.logLines : keepNewest([...s.logLines, ...lines]),
        logLastSeq: lines.at(-1)?.seq ?? s.logLastSeq,
        logSkipped: Math.max(s.logSkipped, batch.skipped),
        logOmitted: s.logOmitted + batch.omitted,
        logReceived: s.logReceived + lines.length,
      });
    },

    pauseLog(paused) {
      const s = get();
      if (paused === (s.logPaused !== null)) return;
      set({ logPaused: paused ? { lines: s.logLines, received: s.logReceived } : null });
    },

    clearLog() {
      const s = get();
      set({
        logLines: [],
        logOmitted: 0,
        logCleared: { seq: s.logLastSeq, skipped: s.logSkipped },
        logPaused: s.logPaused === null ? null : { lines: [], received: s.logReceived },
      });
    },
  });

/** Lines not shown because of a bound: skipped by the run (since the last clear) or not sent here. */
export const selectLogNotShown = (s: EditorState): number => s.logSkipped - s.logCleared.skipped + s.logOmitted;

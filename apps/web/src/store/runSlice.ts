import type { StateCreator } from 'zustand';
import { ApiRequestError } from '../api/client';
import { errorText } from './docSlice';
import type { EditorState, RunSlice, StoreDeps } from './types';

export const isLive = (state: string | undefined): boolean => state === 'starting' || state === 'running';

export const createRunSlice =
  (deps: StoreDeps): StateCreator<EditorState, [], [], RunSlice> =>
  (set, get) => {
    const follow = async (runId: string) => {
      const res = await deps.transport.subscribe(runId);
      if (res === null || get().run?.runId !== runId) return;
      get().onRunStatus(res.status);
      if (res.frame !== null) get().applyFrames([res.frame]);
    };

    return {
      run: null,
      runBusy: false,
      runMessage: null,
      runIssues: [],

      async deploy() {
        const { graphId, issues } = get();
        if (graphId === null || get().runBusy) return;
        if (issues.length > 0) {
          set({
            runMessage: `Fix ${issues.length} problem${issues.length === 1 ? '' : 's'} before deploying: ${issues[0]!.message}`,
            runIssues: issues,
          });
          return;
        }
        set({ runBusy: true, runMessage: null, runIssues: [] });
        try {
          if (!(await get().saveNow())) {
            set({ runMessage: `The graph must be saved before it runs: ${get().saveMessage ?? 'saving failed'}` });
            return;
          }
          const previous = get().run;
          if (previous !== null && isLive(previous.state)) {
            await deps.api.stopRun(previous.runId).catch(() => undefined);
          }
          if (previous !== null) deps.transport.unsubscribe(previous.runId);
          get().inspect(null);
          get().clearTelemetry();
          const { runId } = await deps.api.deploy(graphId, get().revision);
          set({
            run: {
              runId,
              graphId,
              revision: get().revision,
              state: 'starting',
              startedAt: new Date().toISOString(),
            },
          });
          await follow(runId);
        } catch (error) {
          const issues = error instanceof ApiRequestError ? error.issues : [];
          set({ runMessage: `Deploy failed: ${errorText(error)}`, runIssues: issues });
        } finally {
          set({ runBusy: false });
        }
      },

      async stop() {
        const run = get().run;
        if (run === null || get().runBusy) return;
        set({ runBusy: true });
        try {
          get().onRunStatus(await deps.api.stopRun(run.runId));
        } catch (error) {
          set({ runMessage: `Stop failed: ${errorText(error)}` });
        } finally {
          set({ runBusy: false });
        }
      },

      async attachLatestRun() {
        const graphId = get().graphId;
        if (graphId === null) return;
        try {
          const runs = await deps.api.listRuns();
          const mine = runs
            .filter((r) => r.graphId === graphId)
            .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
          const live = mine.find((r) => isLive(r.state));
          if (live === undefined || get().graphId !== graphId || get().run !== null) return;
          set({ run: live });
          await follow(live.runId);
        } catch {
          // no runs to show
        }
      },

      onRunStatus(status) {
        const run = get().run;
        if (run === null || run.runId !== status.runId) return;
        if (status.state === run.state && status.reason === run.reason && status.nodeId === run.nodeId) return;
        set({ run: status });
        if (status.state === 'failed') set({ runMessage: null });
      },

      async resubscribe() {
        const run = get().run;
        if (run === null) return;
        await follow(run.runId).catch(() => undefined);
        const inspected = get().inspected;
        if (inspected !== null && inspected.runId === run.runId) deps.transport.inspect(run.runId, inspected.nodeId, true);
      },
    };
  };

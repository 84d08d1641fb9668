import type { Graph } from '@streamloom/engine/protocol';
import type { StateCreator } from 'zustand';
import { ApiRequestError } from '../api/client';
import { emptyGraph, toGraph } from '../lib/graphDoc';
import type { DocSlice, EditorState, StoreDeps } from './types';

const draftKey = (id: string) => `streamloom.draft.${id}`;
export const LAST_GRAPH_KEY = 'streamloom.lastGraph';

interface Draft {
  baseRevision: number;
  graph: Graph;
}

/** A message for people from any failure. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The open graph and its saving: every edit is kept as a local draft at once, then saved after a
 * short pause with the revision it was based on. A conflict, a refusal or a lost server never
 * loses the draft: it is saved when the reason goes away.
 */
export const createDocSlice =
  (deps: StoreDeps): StateCreator<EditorState, [], [], DocSlice> =>
  (set, get) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<boolean> | null = null;
    let lastSaved = '';
    let retryDelay = 1000;

    const readDraft = (id: string): Draft | null => {
      try {
        const text = deps.storage?.getItem(draftKey(id));
        return text ? (JSON.parse(text) as Draft) : null;
      } catch {
        return null;
      }
    };
    const writeDraft = () => {
      const { graphId, revision, name, nodes, edges } = get();
      if (graphId === null) return;
      try {
        deps.storage?.setItem(draftKey(graphId), JSON.stringify({ baseRevision: revision, graph: toGraph(name, nodes, edges) } satisfies Draft));
      } catch {
        // storage full: the save still goes ahead
      }
    };
    const dropDraft = (id: string) => {
      try {
        deps.storage?.removeItem(draftKey(id));
      } catch {
        // ignore
      }
    };
    const current = () => {
      const { name, nodes, edges } = get();
      return toGraph(name, nodes, edges);
    };

    const save = async (): Promise<boolean> => {
      const { graphId, revision, docVersion } = get();
      if (graphId === null) return false;
      const graph = current();
      const text = JSON.stringify(graph);
      if (text === lastSaved) {
        set({ saveState: 'saved', saveMessage: null });
        dropDraft(graphId);
        return true;
      }
      // The server refuses a graph with problems: it stays a local draft until they are fixed.
      const problems = get().issues.length;
      if (problems > 0) {
        set({
          saveState: 'invalid',
          saveMessage: `Kept in this browser, not saved yet: the graph has ${problems} problem${problems === 1 ? '' : 's'} (the server refuses it). It saves as soon as they are fixed.`,
        });
        return false;
      }
      set({ saveState: 'saving', saveMessage: null });
      try {
        const res = await deps.api.updateGraph(graphId, graph, revision);
        if (get().graphId !== graphId) return true;
        lastSaved = text;
        retryDelay = 1000;
        set({ revision: res.revision, remoteRevision: null });
        if (get().docVersion !== docVersion) {
          writeDraft();
          get().scheduleSave();
        } else {
          dropDraft(graphId);
          set({ saveState: 'saved' });
          void get().refreshGraphs();
        }
        return true;
      } catch (error) {
        if (get().graphId !== graphId) return false;
        if (error instanceof ApiRequestError) {
          if (error.code === 'conflict') {
            set({ saveState: 'conflict', conflictRevision: error.currentRevision ?? null, saveMessage: error.message });
          } else if (error.code === 'invalid_graph') {
            const n = error.issues.length;
            set({
              saveState: 'invalid',
              saveMessage: `Kept in this browser, not saved yet: the server refuses a graph with problems (${n}). It saves as soon as they are fixed.`,
            });
          } else if (error.code === 'network') {
            set({ saveState: 'offline', saveMessage: 'Kept in this browser; it is saved when the server is back.' });
            clearTimeout(timer);
            timer = setTimeout(() => void get().saveNow(), retryDelay);
            retryDelay = Math.min(retryDelay * 2, 15_000);
          } else if (error.code === 'unauthorized') {
            set({ saveState: 'offline', saveMessage: 'Kept in this browser; it is saved once the token is given.' });
          } else {
            set({ saveState: 'error', saveMessage: error.message });
          }
        } else {
          set({ saveState: 'error', saveMessage: errorText(error) });
        }
        return false;
      }
    };

    return {
      graphId: null,
      revision: 0,
      saveState: 'new',
      saveMessage: null,
      conflictRevision: null,
      remoteRevision: null,
      graphs: [],
      graphsError: null,
      loading: false,

      async refreshGraphs() {
        try {
          set({ graphs: await deps.api.listGraphs(), graphsError: null });
        } catch (error) {
          set({ graphsError: errorText(error) });
        }
      },

      async openGraph(id) {
        clearTimeout(timer);
        if (get().graphId !== null && get().graphId !== id && get().saveState === 'dirty') await get().saveNow();
        set({ loading: true });
        try {
          const stored = await deps.api.getGraph(id);
          const draft = readDraft(id);
          lastSaved = JSON.stringify(stored.graph);
          get().inspect(null);
          if (get().run !== null) deps.transport.unsubscribe(get().run!.runId);
          set({
            graphId: id,
            revision: stored.revision,
            saveState: 'saved',
            saveMessage: null,
            conflictRevision: null,
            remoteRevision: null,
            run: null,
            runMessage: null,
            runIssues: [],
            nodes: [],
            edges: [],
          });
          get().clearTelemetry();
          if (draft !== null && JSON.stringify(draft.graph) !== lastSaved) {
            // Edits made while the server could not take them: they come back, and are saved.
            get().loadDocument(draft.graph);
            if (draft.baseRevision === stored.revision) {
              get().scheduleSave();
            } else {
              set({
                saveState: 'conflict',
                conflictRevision: stored.revision,
                saveMessage: `Your unsaved edits were based on revision ${draft.baseRevision}; the graph is now at revision ${stored.revision}.`,
              });
            }
          } else {
            get().loadDocument(stored.graph);
          }
          get().clearHistory();
          try {
            deps.storage?.setItem(LAST_GRAPH_KEY, id);
          } catch {
            // ignore
          }
          void get().attachLatestRun();
        } catch (error) {
          get().notify(`The graph cannot be opened: ${errorText(error)}`, 'error');
          throw error;
        } finally {
          set({ loading: false });
        }
      },

      async createGraph(graph) {
        const doc = graph ?? emptyGraph(nextName(get().graphs.map((g) => g.name)));
        try {
          const res = await deps.api.createGraph(doc);
          await get().refreshGraphs();
          await get().openGraph(res.id);
          return res.id;
        } catch (error) {
          const issues = error instanceof ApiRequestError ? error.issues : [];
          const detail = issues.length > 0 ? `: ${issues.slice(0, 3).map((i) => i.message).join('; ')}` : '';
          get().notify(`The graph cannot be created: ${errorText(error)}${detail}`, 'error');
          return null;
        }
      },

      async deleteGraph(id) {
        try {
          await deps.api.deleteGraph(id);
          dropDraft(id);
          if (get().graphId === id) {
            clearTimeout(timer);
            set({ graphId: null, revision: 0, saveState: 'new', run: null });
            get().loadDocument(emptyGraph());
            get().clearHistory();
            get().clearTelemetry();
          }
          await get().refreshGraphs();
          // The editor always has a graph open: the next one, or a new one.
          if (get().graphId === null) {
            const next = get().graphs[0];
            if (next !== undefined) await get().openGraph(next.id).catch(() => undefined);
            else await get().createGraph();
          }
        } catch (error) {
          get().notify(`The graph cannot be deleted: ${errorText(error)}`, 'error');
        }
      },

      async renameGraph(id, name) {
        if (id === get().graphId) {
          get().rename(name);
          await get().saveNow();
          return;
        }
        try {
          const stored = await deps.api.getGraph(id);
          await deps.api.updateGraph(id, { ...stored.graph, name: name.trim() || 'Untitled' }, stored.revision);
          await get().refreshGraphs();
        } catch (error) {
          get().notify(`The graph cannot be renamed: ${errorText(error)}`, 'error');
        }
      },

      scheduleSave() {
        if (get().graphId === null) return;
        writeDraft();
        const state = get().saveState;
        if (state === 'conflict') return;
        if (state !== 'offline') set({ saveState: 'dirty' });
        clearTimeout(timer);
        timer = setTimeout(() => void get().saveNow(), deps.saveDelay);
      },

      async saveNow() {
        clearTimeout(timer);
        if (get().saveState === 'conflict') return false;
        while (inFlight !== null) await inFlight;
        inFlight = save();
        try {
          return await inFlight;
        } finally {
          inFlight = null;
        }
      },

      async resolveConflict(choice) {
        const { graphId, conflictRevision } = get();
        if (graphId === null) return;
        if (choice === 'reload') {
          dropDraft(graphId);
          set({ saveState: 'saved', conflictRevision: null });
          await get().openGraph(graphId);
          return;
        }
        let base = conflictRevision ?? get().remoteRevision;
        if (base === null) {
          try {
            base = (await deps.api.getGraph(graphId)).revision;
          } catch (error) {
            get().notify(errorText(error), 'error');
            return;
          }
        }
        set({ revision: base, conflictRevision: null, remoteRevision: null, saveState: 'dirty' });
        lastSaved = '';
        await get().saveNow();
      },

      noteRemoteSave(id, revision) {
        const { graphId, revision: mine, saveState } = get();
        if (id !== graphId || revision <= mine || saveState === 'saving' || inFlight !== null) return;
        set({ remoteRevision: revision });
      },
    };
  };

function nextName(taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has('Untitled')) return 'Untitled';
  for (let i = 2; ; i++) if (!names.has(`Untitled ${i}`)) return `Untitled ${i}`;
}

import type { StateCreator } from 'zustand';
import { toGraph } from '../lib/graphDoc';
import type { EditorState, HistorySlice, Snapshot } from './types';

/** How many edits can be undone. */
export const HISTORY_LIMIT = 200;
/** Edits with the same key within this time are one undo step (typing in a field). */
const COALESCE_MS = 1000;

export const createHistorySlice: StateCreator<EditorState, [], [], HistorySlice> = (set, get) => {
  let lastKey: string | undefined;
  let lastAt = 0;
  const snapshot = (): Snapshot => {
    const { name, nodes, edges } = get();
    return { graph: toGraph(name, nodes, edges) };
  };
  const restore = (s: Snapshot) => {
    get().loadDocument(s.graph);
    set((st) => ({ docVersion: st.docVersion + 1 }));
    get().scheduleSave();
  };
  return {
    past: [],
    future: [],
    record(coalesce) {
      const now = Date.now();
      if (coalesce !== undefined && coalesce === lastKey && now - lastAt < COALESCE_MS) {
        lastAt = now;
        return;
      }
      lastKey = coalesce;
      lastAt = now;
      const past = [...get().past, snapshot()];
      if (past.length > HISTORY_LIMIT) past.shift();
      set({ past, future: [] });
    },
    undo() {
      const { past, future } = get();
      const previous = past[past.length - 1];
      if (previous === undefined) return;
      lastKey = undefined;
      set({ past: past.slice(0, -1), future: [...future, snapshot()] });
      restore(previous);
    },
    redo() {
      const { past, future } = get();
      const next = future[future.length - 1];
      if (next === undefined) return;
      lastKey = undefined;
      set({ future: future.slice(0, -1), past: [...past, snapshot()] });
      restore(next);
    },
    clearHistory() {
      lastKey = undefined;
      set({ past: [], future: [] });
    },
  };
};

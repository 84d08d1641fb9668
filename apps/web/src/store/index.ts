// The editor's store: typed slices combined once (zustand's slices pattern), created per app so
// tests build their own. Components reach it only through the hooks below.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCatalogSlice } from './catalogSlice';
import { createDocSlice } from './docSlice';
import { createGraphSlice } from './graphSlice';
import { createHistorySlice } from './historySlice';
import { createLogSlice } from './logSlice';
import { RateHistories } from './rateHistory';
import { createRunSlice } from './runSlice';
import { createTelemetrySlice } from './telemetrySlice';
import type { EditorState, StoreDeps } from './types';
import { createUiSlice } from './uiSlice';

export type EditorStore = StoreApi<EditorState>;
export type { EditorState, StoreDeps } from './types';

export function createEditorStore(deps: StoreDeps): EditorStore {
  const rates = new RateHistories();
  return createStore<EditorState>()((...a) => ({
    ...createCatalogSlice(...a),
    ...createGraphSlice(...a),
    ...createHistorySlice(...a),
    ...createDocSlice(deps)(...a),
    ...createRunSlice(deps)(...a),
    ...createTelemetrySlice(deps, rates)(...a),
    ...createUiSlice(...a),
    ...createLogSlice(deps)(...a),
  }));
}

const StoreContext = createContext<EditorStore | null>(null);

export function EditorProvider({ store, children }: { store: EditorStore; children: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/** The store itself, for event handlers that read state without subscribing. */
export function useEditorApi(): EditorStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useEditor: no <EditorProvider> above this component');
  return store;
}

/** One slice of the state; the component re-renders only when the selected value changes. */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(useEditorApi(), selector);
}

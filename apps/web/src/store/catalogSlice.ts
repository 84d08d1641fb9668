import type { StateCreator } from 'zustand';
import type { CatalogSlice, EditorState } from './types';

export const createCatalogSlice: StateCreator<EditorState, [], [], CatalogSlice> = (set, get) => ({
  catalog: [],
  byType: new Map(),
  setCatalog(catalog) {
    set({ catalog, byType: new Map(catalog.map((d) => [d.type, d])) });
    get().revalidate();
  },
});

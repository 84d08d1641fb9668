import type { StateCreator } from 'zustand';
import type { EditorState, UiSlice } from './types';

let toastId = 0;

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  dialog: null,
  connection: 'connecting',
  needToken: false,
  tokenMessage: null,
  toast: null,
  openDialog(dialog) {
    set({ dialog });
  },
  setConnection(connection) {
    set({ connection });
  },
  askToken(message) {
    set({ needToken: true, tokenMessage: message });
  },
  tokenAccepted() {
    set({ needToken: false, tokenMessage: null });
  },
  notify(text, kind = 'info') {
    set({ toast: { id: ++toastId, text, kind } });
  },
});

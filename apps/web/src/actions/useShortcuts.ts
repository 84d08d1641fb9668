import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { readGraphText } from '../store/graphSlice';
import { useEditorApi } from '../store';
import { actionFor, inTextField } from './actions';

export const CLIPBOARD_MIME = 'application/x-streamloom-graph+json';

/** Keyboard shortcuts from the registry, and copy / cut / paste as graph JSON on the clipboard. */
export function useShortcuts(): void {
  const store = useEditorApi();
  const flow = useReactFlow();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (store.getState().needToken) return;
      const action = actionFor(e);
      if (action === undefined) return;
      e.preventDefault();
      void action.perform({ store, flow });
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (inTextField(e.target) || store.getState().dialog !== null) return;
      const fragment = store.getState().selectionAsGraph();
      if (fragment === null || e.clipboardData === null) return;
      e.preventDefault();
      const text = JSON.stringify(fragment, null, 2);
      e.clipboardData.setData('text/plain', text);
      e.clipboardData.setData(CLIPBOARD_MIME, text);
      if (cut) store.getState().deleteSelection();
      store.getState().notify(`${cut ? 'Cut' : 'Copied'} ${fragment.nodes.length} node${fragment.nodes.length === 1 ? '' : 's'}`);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (inTextField(e.target) || store.getState().dialog !== null || e.clipboardData === null) return;
      const text = e.clipboardData.getData(CLIPBOARD_MIME) || e.clipboardData.getData('text/plain');
      if (!text.trim()) return;
      const r = readGraphText(text);
      e.preventDefault();
      if (!r.ok) {
        store.getState().notify(`Nothing pasted: ${r.reason}`, 'error');
        return;
      }
      const n = store.getState().paste(r.graph);
      store.getState().notify(`Pasted ${n} node${n === 1 ? '' : 's'}`);
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, flow]);
}

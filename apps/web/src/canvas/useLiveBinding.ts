import { useLayoutEffect } from 'react';
import { useEditorApi } from '../store';
import type { EditorState } from '../store/types';

/**
 * Calls `apply` with a value of the store now and whenever it changes, outside React: telemetry
 * writes a node's numbers straight into its DOM, so a frame costs no re-render of the canvas.
 */
export function useLiveBinding<T>(select: (s: EditorState) => T, apply: (value: T) => void, enabled = true): void {
  const store = useEditorApi();
  useLayoutEffect(() => {
    if (!enabled) return;
    let current = select(store.getState());
    apply(current);
    return store.subscribe((s) => {
      const next = select(s);
      if (Object.is(next, current)) return;
      current = next;
      apply(next);
    });
    // select and apply are made per node id and are stable for a given node.
  }, [store, enabled, select, apply]);
}

import { useLayoutEffect } from 'react';
import { useEditorApi } from '../store';
import type { EditorState } from '../store/types';

/** While the view is being panned or zoomed, live numbers are written this often (all at once). */
export const MOVING_WRITE_MS = 500;

/**
 * Below this zoom the canvas draws nodes in low detail: the 11.5 px numbers would be under 4.6 px
 * on screen (a fit view of 300 nodes is at about 0.25: 3 px), which nobody reads. Nodes then show
 * an activity bar (a bucketed log of the rate), an error dot, the fill level and the bottleneck
 * outline, written only when one of them changes. Not 0.5: the examples' widest graph (word
 * count, 6 nodes) opens at a fit view of 0.47 and must show its numbers.
 */
export const LOW_DETAIL_ZOOM = 0.4;
export type Detail = 'full' | 'low';

/** Bindings with a value not yet written because the view was moving. */
const held = new Set<() => void>();
/** Every mounted binding, to write again when the level of detail changes. */
const bound = new Set<() => void>();
let moving = false;
let detail: Detail = 'full';
let timer: ReturnType<typeof setTimeout> | null = null;

function flushHeld(): void {
  timer = null;
  const writes = [...held];
  held.clear();
  for (const write of writes) write();
}

/**
 * Tells the live bindings that the view is moving (React Flow's onMoveStart / onMoveEnd). While
 * it moves, a pan is a compositor move of one layer and costs the main thread almost nothing;
 * a telemetry frame costs it tens of milliseconds of layout and paint on a large graph. So the
 * canvas then writes telemetry twice a second instead of at every frame, and everything held
 * back at once when the move ends. The store (and the inspector) still take every frame.
 */
export function setViewMoving(on: boolean): void {
  if (moving === on) return;
  moving = on;
  if (!on) {
    if (timer !== null) clearTimeout(timer);
    flushHeld();
  }
}

/** The level of detail the live bindings write (read by their `apply`). */
export function liveDetail(): Detail {
  return detail;
}

/**
 * Sets the level of detail (the canvas, from the zoom) and writes every binding again at once in
 * that detail: what low detail left unwritten (numbers, sparklines) catches up when zooming in.
 */
export function setLiveDetail(next: Detail): void {
  if (detail === next) return;
  detail = next;
  for (const refresh of [...bound]) refresh();
}

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
    const write = () => {
      const next = select(store.getState());
      if (Object.is(next, current)) return;
      current = next;
      apply(next);
    };
    const refresh = () => {
      held.delete(write);
      current = select(store.getState());
      apply(current);
    };
    bound.add(refresh);
    const unsubscribe = store.subscribe((s) => {
      if (moving) {
        held.add(write);
        timer ??= setTimeout(flushHeld, MOVING_WRITE_MS);
        return;
      }
      const next = select(s);
      if (Object.is(next, current)) return;
      current = next;
      apply(next);
    });
    return () => {
      unsubscribe();
      held.delete(write);
      bound.delete(refresh);
    };
    // select and apply are made per node id and are stable for a given node.
  }, [store, enabled, select, apply]);
}

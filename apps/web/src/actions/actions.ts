// Every editor command in one registry (excalidraw's action manager, collected in an explicit
// array): the keyboard handler and the help overlay are generated from it.
import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from '../store';
import { fitGraph } from '../lib/fit';

export interface ActionContext {
  store: EditorStore;
  flow: Pick<ReactFlowInstance, 'setViewport'>;
}

export interface EditorAction {
  id: string;
  label: string;
  /** Keys as shown in the help overlay. */
  keys: string[];
  group: 'Edit' | 'View' | 'Graph' | 'Run';
  keyTest?(e: KeyboardEvent): boolean;
  perform(ctx: ActionContext): void | Promise<void>;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;

export async function autoLayout({ store, flow }: ActionContext): Promise<void> {
  const { nodes, edges } = store.getState();
  if (nodes.length === 0) return;
  // elkjs is large: it is loaded the first time a layout is asked for.
  const { layoutPositions } = await import('../lib/layout');
  const positions = await layoutPositions(nodes, edges);
  store.getState().moveNodes(positions);
  fitGraph(flow, store.getState().nodes, 300);
}

export const ACTIONS: readonly EditorAction[] = [
  {
    id: 'undo',
    label: 'Undo',
    keys: ['Ctrl', 'Z'],
    group: 'Edit',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    perform: ({ store }) => store.getState().undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    keys: ['Ctrl', 'Shift', 'Z'],
    group: 'Edit',
    keyTest: (e) => mod(e) && ((e.shiftKey && e.key.toLowerCase() === 'z') || e.key.toLowerCase() === 'y'),
    perform: ({ store }) => store.getState().redo(),
  },
  {
    id: 'delete',
    label: 'Delete selection',
    keys: ['Delete'],
    group: 'Edit',
    keyTest: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    perform: ({ store }) => store.getState().deleteSelection(),
  },
  { id: 'copy', label: 'Copy (as graph JSON, works between tabs)', keys: ['Ctrl', 'C'], group: 'Edit', perform: () => undefined },
  { id: 'cut', label: 'Cut', keys: ['Ctrl', 'X'], group: 'Edit', perform: () => undefined },
  { id: 'paste', label: 'Paste', keys: ['Ctrl', 'V'], group: 'Edit', perform: () => undefined },
  {
    id: 'duplicate',
    label: 'Duplicate selection',
    keys: ['Ctrl', 'D'],
    group: 'Edit',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'd',
    perform: ({ store }) => store.getState().duplicateSelection(),
  },
  {
    id: 'selectAll',
    label: 'Select all',
    keys: ['Ctrl', 'A'],
    group: 'Edit',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'a',
    perform: ({ store }) => store.getState().selectAll(),
  },
  { id: 'boxSelect', label: 'Box select', keys: ['Shift', 'drag'], group: 'Edit', perform: () => undefined },
  { id: 'addSelect', label: 'Add to selection', keys: ['Shift', 'click'], group: 'Edit', perform: () => undefined },
  {
    id: 'deselect',
    label: 'Clear selection / close',
    keys: ['Esc'],
    group: 'Edit',
    keyTest: (e) => e.key === 'Escape',
    perform: ({ store }) => {
      if (store.getState().dialog !== null) store.getState().openDialog(null);
      else store.getState().selectOnly(null);
    },
  },
  {
    id: 'fitView',
    label: 'Fit view',
    keys: ['F'],
    group: 'View',
    keyTest: (e) => plain(e) && e.key.toLowerCase() === 'f',
    perform: ({ flow, store }) => fitGraph(flow, store.getState().nodes, 250),
  },
  {
    id: 'layout',
    label: 'Auto-layout (left to right)',
    keys: ['L'],
    group: 'View',
    keyTest: (e) => plain(e) && e.key.toLowerCase() === 'l',
    perform: autoLayout,
  },
  {
    id: 'search',
    label: 'Search operators',
    keys: ['/'],
    group: 'View',
    keyTest: (e) => plain(e) && e.key === '/',
    perform: () => document.getElementById('palette-search')?.focus(),
  },
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    group: 'View',
    keyTest: (e) => e.key === '?',
    perform: ({ store }) => store.getState().openDialog(store.getState().dialog === 'help' ? null : 'help'),
  },
  {
    id: 'save',
    label: 'Save now (saving is automatic)',
    keys: ['Ctrl', 'S'],
    group: 'Graph',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 's',
    perform: ({ store }) => void store.getState().saveNow(),
  },
  {
    id: 'graphs',
    label: 'Open a graph',
    keys: ['Ctrl', 'O'],
    group: 'Graph',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'o',
    perform: ({ store }) => store.getState().openDialog('graphs'),
  },
  {
    id: 'export',
    label: 'Export',
    keys: ['Ctrl', 'E'],
    group: 'Graph',
    keyTest: (e) => mod(e) && e.key.toLowerCase() === 'e',
    perform: ({ store }) => store.getState().openDialog('export'),
  },
  {
    id: 'deploy',
    label: 'Deploy',
    keys: ['Ctrl', 'Enter'],
    group: 'Run',
    keyTest: (e) => mod(e) && !e.shiftKey && e.key === 'Enter',
    perform: ({ store }) => void store.getState().deploy(),
  },
  {
    id: 'stop',
    label: 'Stop',
    keys: ['Ctrl', 'Shift', 'Enter'],
    group: 'Run',
    keyTest: (e) => mod(e) && e.shiftKey && e.key === 'Enter',
    perform: ({ store }) => void store.getState().stop(),
  },
];

/** Whether the key event belongs to a text field (then only Escape and a few mod keys are ours). */
export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (el === null || typeof el.closest !== 'function') return false;
  return el.closest('input, textarea, select, [contenteditable="true"], .cm-editor') !== null;
}

/** The action for a key event, or undefined. */
export function actionFor(e: KeyboardEvent): EditorAction | undefined {
  const typing = inTextField(e.target);
  for (const a of ACTIONS) {
    if (a.keyTest === undefined || !a.keyTest(e)) continue;
    if (typing && !['save', 'deploy', 'stop', 'export', 'graphs'].includes(a.id) && !(a.id === 'deselect' && e.target instanceof HTMLInputElement && e.target.type === 'search')) {
      return undefined;
    }
    return a;
  }
  return undefined;
}

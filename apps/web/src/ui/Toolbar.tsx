import { useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { autoLayout } from '../actions/actions';
import { fitGraph } from '../lib/fit';
import { LogToggle } from '../log/LogToggle';
import { useEditor, useEditorApi } from '../store';
import { isLive } from '../store/runSlice';
import { selectCanRedo, selectCanUndo, selectName, selectRun, selectSaveState } from '../store/selectors';

const SAVE_TEXT: Record<string, string> = {
  new: '',
  saved: 'Saved',
  dirty: 'Unsaved changes…',
  saving: 'Saving…',
  offline: 'Offline: kept locally',
  conflict: 'Conflict',
  invalid: 'Draft: saves once valid',
  error: 'Save failed',
};

export function Toolbar() {
  const store = useEditorApi();
  const flow = useReactFlow();
  const canUndo = useEditor(selectCanUndo);
  const canRedo = useEditor(selectCanRedo);
  const hasGraph = useEditor((s) => s.graphId !== null);
  return (
    <header className="topbar" role="toolbar" aria-label="Editor">
      <div className="brand" aria-label="Streamloom">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 7c4 0 5 10 9 10s5-10 9-10" fill="none" stroke="var(--accent)" strokeWidth="2.4" strokeLinecap="round" />
          <path d="M3 17c4 0 5-10 9-10s5 10 9 10" fill="none" stroke="var(--accent-2)" strokeWidth="2.4" strokeLinecap="round" opacity="0.8" />
        </svg>
        <span>Streamloom</span>
      </div>
      <button type="button" className="btn ghost" data-testid="toolbar-graphs" onClick={() => store.getState().openDialog('graphs')}>
        Graphs
      </button>
      <button type="button" className="btn ghost" data-testid="toolbar-examples" onClick={() => store.getState().openDialog('examples')}>
        Examples
      </button>
      <div className="divider" />
      {hasGraph && <GraphName />}
      {hasGraph && <SaveStatus />}
      <div className="spacer" />
      <div className="btn-group">
        <IconButton label="Undo (Ctrl+Z)" testid="toolbar-undo" disabled={!canUndo} onClick={() => store.getState().undo()}>
          <path d="M9 14 4 9l5-5" />
          <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
        </IconButton>
        <IconButton label="Redo (Ctrl+Shift+Z)" testid="toolbar-redo" disabled={!canRedo} onClick={() => store.getState().redo()}>
          <path d="m15 14 5-5-5-5" />
          <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
        </IconButton>
        <IconButton label="Auto-layout (L)" testid="toolbar-layout" onClick={() => void autoLayout({ store, flow })}>
          <rect x="3" y="4" width="6" height="5" rx="1" />
          <rect x="15" y="4" width="6" height="5" rx="1" />
          <rect x="15" y="15" width="6" height="5" rx="1" />
          <path d="M9 6.5h6M12 6.5v11h3" />
        </IconButton>
        <IconButton label="Fit view (F)" testid="toolbar-fit" onClick={() => fitGraph(flow, store.getState().nodes, 250)}>
          <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        </IconButton>
        <IconButton label="Keyboard shortcuts (?)" testid="toolbar-help" onClick={() => store.getState().openDialog('help')}>
          <circle cx="12" cy="12" r="9" />
          <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01" />
        </IconButton>
      </div>
      <LogToggle />
      <button type="button" className="btn" data-testid="toolbar-export" disabled={!hasGraph} onClick={() => store.getState().openDialog('export')}>
        Export
      </button>
      <RunControls />
    </header>
  );
}

function IconButton({ label, testid, disabled, onClick, children }: { label: string; testid: string; disabled?: boolean; onClick(): void; children: React.ReactNode }) {
  return (
    <button type="button" className="icon-btn" title={label} aria-label={label} data-testid={testid} disabled={disabled} onClick={onClick}>
      <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        {children}
      </svg>
    </button>
  );
}

function GraphName() {
  const name = useEditor(selectName);
  const store = useEditorApi();
  const [text, setText] = useState(name);
  useEffect(() => setText(name), [name]);
  return (
    <input
      className="graph-name"
      value={text}
      size={Math.min(40, Math.max(12, text.length + 1))}
      aria-label="Graph name"
      data-testid="graph-name"
      spellCheck={false}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => store.getState().rename(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setText(name);
          (e.target as HTMLInputElement).blur();
        }
      }}
    />
  );
}

function SaveStatus() {
  const state = useEditor(selectSaveState);
  const message = useEditor((s) => s.saveMessage);
  const revision = useEditor((s) => s.revision);
  return (
    <span className={`save-status ${state}`} data-testid="save-status" data-state={state} title={message ?? `revision ${revision}`}>
      <span className="save-dot" aria-hidden="true" />
      {SAVE_TEXT[state]}
    </span>
  );
}

const STATE_TEXT: Record<string, string> = { starting: 'Starting…', running: 'Running', stopped: 'Stopped', failed: 'Failed' };

function RunControls() {
  const store = useEditorApi();
  const run = useEditor(selectRun);
  const busy = useEditor((s) => s.runBusy);
  const hasGraph = useEditor((s) => s.graphId !== null);
  const problems = useEditor((s) => s.issues.length);
  const live = isLive(run?.state);
  return (
    <div className="run-controls">
      {run !== null && (
        <span className={`run-state ${run.state}`} data-testid="run-state" data-state={run.state} title={run.reason ?? `run ${run.runId}`}>
          <span className="run-dot" aria-hidden="true" />
          {STATE_TEXT[run.state] ?? run.state}
        </span>
      )}
      {live ? (
        <button type="button" className="btn danger" data-testid="toolbar-stop" disabled={busy} onClick={() => void store.getState().stop()}>
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
            <rect x="1" y="1" width="10" height="10" rx="2" fill="currentColor" />
          </svg>
          Stop
        </button>
      ) : null}
      <button
        type="button"
        className="btn primary"
        data-testid="toolbar-deploy"
        disabled={!hasGraph || busy}
        title={problems > 0 ? `${problems} problem(s) to fix first` : 'Deploy (Ctrl+Enter)'}
        onClick={() => void store.getState().deploy()}
      >
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M2 1.5v9l8.5-4.5z" fill="currentColor" />
        </svg>
        {live ? 'Redeploy' : 'Deploy'}
      </button>
    </div>
  );
}

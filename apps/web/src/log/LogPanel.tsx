// The run's output: a drawer under the workspace (opened from the toolbar's Log button) with the
// lines the graph's `log` sinks write, live, each with its node (click: select it) and time. Follows the tail unless scrolled up;
// pausing freezes the list and counts what arrives; clearing empties it.
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { LogLine } from '@streamloom/engine/protocol';
import { shortNumber } from '../lib/format';
import { useEditor, useEditorApi } from '../store';
import { LOG_VIEW_LINES, selectLogNotShown } from '../store/logSlice';
import './LogPanel.css';

const selectRunId = (s: { run: { runId: string } | null }) => s.run?.runId ?? null;

export function LogPanel() {
  const store = useEditorApi();
  const open = useEditor((s) => s.logOpen);
  const runId = useEditor(selectRunId);
  const connected = useEditor((s) => s.connection === 'connected');
  const mine = useEditor((s) => s.logRunId !== null && s.logRunId === runId);
  const count = useEditor((s) => (mine ? s.logLines.length : 0));
  const notShown = useEditor((s) => (mine ? selectLogNotShown(s) : 0));
  const paused = useEditor((s) => s.logPaused !== null);
  const newWhilePaused = useEditor((s) => (s.logPaused === null ? 0 : s.logReceived - s.logPaused.received));
  const hasLogNode = useEditor((s) => s.nodes.some((n) => n.data.op === 'log'));

  // The recent lines when opened, for another run, and after a reconnection (or a reload).
  useEffect(() => {
    if (open && connected && runId !== null) void store.getState().loadLog();
  }, [store, open, runId, connected]);

  // Closed, it takes no room: the toolbar's Log button (LogToggle) opens it.
  if (!open) return null;
  return (
    <section className="log-drawer" aria-label="Log" data-testid="log-panel">
      <header className="log-bar">
        <h2 className="log-title">Log</h2>
        <span className="muted small" data-testid="log-lines">
          {shortNumber(count)} line{count === 1 ? '' : 's'}
        </span>
        {notShown > 0 && (
          <span
            className="log-skipped"
            data-testid="log-skipped"
            title="Lines the run wrote faster than it may forward (200 a second), or that this page was not sent: never shown"
          >
            {shortNumber(notShown)} line{notShown === 1 ? '' : 's'} skipped
          </span>
        )}
        {paused && (
          <span className="log-new" data-testid="log-paused-count">
            paused · {shortNumber(newWhilePaused)} new line{newWhilePaused === 1 ? '' : 's'}
          </span>
        )}
        <span className="log-actions">
          <button
            type="button"
            className={`btn small${paused ? ' active' : ''}`}
            data-testid="log-pause"
            aria-pressed={paused}
            onClick={() => store.getState().pauseLog(!paused)}
          >
            {paused ? '▶ Resume' : '❚❚ Pause'}
          </button>
          <button type="button" className="btn small" data-testid="log-clear" onClick={() => store.getState().clearLog()}>
            Clear
          </button>
          <button
            type="button"
            className="btn ghost small"
            data-testid="log-close"
            aria-label="Close the log"
            title="Close the log"
            onClick={() => store.getState().setLogOpen(false)}
          >
            ✕
          </button>
        </span>
      </header>
      <LogBody runId={runId} mine={mine} hasLogNode={hasLogNode} />
    </section>
  );
}

function LogBody({ runId, mine, hasLogNode }: { runId: string | null; mine: boolean; hasLogNode: boolean }) {
  const lines = useEditor((s) => (mine ? (s.logPaused?.lines ?? s.logLines) : EMPTY));
  const loading = useEditor((s) => s.logLoading);
  const error = useEditor((s) => s.logError);
  // The graph's node ids as one string: compared by value, so this re-renders only when they change.
  const idText = useEditor(selectNodeIdText);
  const ids = useMemo(() => new Set(idText.split('\u0000')), [idText]);
  const list = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // Follow the tail, unless the person scrolled up to read.
  useLayoutEffect(() => {
    const el = list.current;
    if (el !== null && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  let empty: string | null = null;
  if (runId === null) empty = hasLogNode ? 'Deploy the graph to see what its Log sinks write.' : 'Add a Log sink and deploy: each element it receives is written here as a line of JSON.';
  else if (lines.length === 0) empty = loading ? 'Loading…' : hasLogNode ? 'No lines yet.' : 'This graph has no Log sink: add one to see its elements here.';

  return (
    <div
      className="log-list"
      ref={list}
      data-testid="log-list"
      role="log"
      aria-live="off"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {error !== null && <div className="log-error">{error}</div>}
      {empty !== null ? (
        <div className="log-empty muted" data-testid="log-empty">
          {empty}
        </div>
      ) : (
        <>
          {lines.length >= LOG_VIEW_LINES && <div className="log-more muted">Only the last {LOG_VIEW_LINES} lines are kept.</div>}
          {lines.map((l) => (
            <LogRow key={l.seq} line={l} exists={ids.has(l.nodeId)} />
          ))}
        </>
      )}
    </div>
  );
}

const EMPTY: readonly LogLine[] = [];
const selectNodeIdText = (s: { nodes: ReadonlyArray<{ id: string }> }) => s.nodes.map((n) => n.id).join('\u0000');

const LogRow = memo(function LogRow({ line, exists }: { line: LogLine; exists: boolean }) {
  const store = useEditorApi();
  return (
    <div className="log-row" data-testid="log-line" data-seq={line.seq}>
      <time className="log-time" dateTime={new Date(line.t).toISOString()}>
        {timeText(line.t)}
      </time>
      <button
        type="button"
        className="log-node"
        data-testid="log-line-node"
        disabled={!exists}
        title={exists ? `Select ${line.nodeId}` : `${line.nodeId} is no longer in the graph`}
        onClick={() => store.getState().selectOnly(line.nodeId)}
      >
        {line.nodeId}
      </button>
      <span className="log-text">
        {line.line}
        {line.length !== undefined && <span className="muted"> … ({shortNumber(line.length)} characters)</span>}
      </span>
    </div>
  );
});

/** 14:03:07.123, local time. */
export function timeText(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

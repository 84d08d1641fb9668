import { useState } from 'react';
import type { DescriptorData } from '@streamloom/engine/protocol';
import type { OperatorNode } from '../lib/graphDoc';
import { categoryTitle } from '../palette/groups';
import { useEditor, useEditorApi } from '../store';
import { issuesOf, selectByType, selectIsLive, selectIssues, selectSelectedIds } from '../store/selectors';
import { LivePanel } from './LivePanel';
import { ParamForm } from './ParamForm';

/** The right-hand panel: the selected node's form, doc and live view, or the graph's summary. */
export function Inspector() {
  const selected = useEditor(selectSelectedIds);
  const id = selected.length === 1 ? selected[0]! : null;
  const node = useEditor((s) => (id === null ? undefined : s.nodes.find((n) => n.id === id)));
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      {node !== undefined ? <NodeInspector node={node} /> : selected.length > 1 ? <MultiSelection count={selected.length} /> : <GraphSummary />}
    </aside>
  );
}

function NodeInspector({ node }: { node: OperatorNode }) {
  const byType = useEditor(selectByType);
  const d = byType.get(node.data.op);
  const issues = useEditor(issuesOf(node.id));
  const live = useEditor(selectIsLive);
  const hasData = useEditor((s) => s.live[node.id] !== undefined);
  return (
    <div className="inspector-body" data-testid="inspector-node">
      <header className="inspector-head">
        <div className="inspector-title-row">
          <span className={`op-dot cat-${d?.category ?? 'unknown'}`} aria-hidden="true" />
          <h2 className="inspector-title">{d?.label ?? node.data.op}</h2>
          {d && <span className="chip">{categoryTitle(d.category)}</span>}
        </div>
        <NodeId id={node.id} />
      </header>
      {d === undefined ? (
        <p className="field-error">Unknown operator type “{node.data.op}”: it is not in the server’s catalog.</p>
      ) : (
        <>
          <p className="inspector-doc" data-testid="inspector-doc">
            {d.doc}
          </p>
          {issues !== undefined && (
            <div className="issue-box" role="alert" data-testid="inspector-issues">
              {issues.map((i, k) => (
                <div key={k}>{i.message}</div>
              ))}
            </div>
          )}
          {(live || hasData) && <LivePanel nodeId={node.id} hasOutput={d.outputs > 0} />}
          <h4 className="section-title">Parameters</h4>
          <ParamForm nodeId={node.id} d={d} params={node.data.params} />
          <OnErrorField node={node} d={d} />
        </>
      )}
    </div>
  );
}

function NodeId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="node-id" data-testid="inspector-node-id">
      <span className="muted small">id</span> <code>{id}</code>
      <button
        type="button"
        className="btn ghost tiny"
        onClick={() => {
          void navigator.clipboard?.writeText(id).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1200);
          });
        }}
      >
        {copied ? 'copied' : 'copy'}
      </button>
    </div>
  );
}

function OnErrorField({ node, d }: { node: OperatorNode; d: DescriptorData }) {
  const store = useEditorApi();
  if (d.source) return null;
  return (
    <div className="field" data-testid="field-onError">
      <label className="field-label" htmlFor="param-onError">
        <span>When an element fails</span>
      </label>
      <select
        id="param-onError"
        className="input"
        value={node.data.onError ?? 'drop'}
        data-testid="param-onError"
        onChange={(e) => store.getState().setOnError(node.id, e.target.value === 'drop' ? undefined : (e.target.value as 'stop'))}
      >
        <option value="drop">drop it, count the error, go on</option>
        <option value="stop">stop the run</option>
      </select>
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  return (
    <div className="inspector-body">
      <h2 className="inspector-title">{count} nodes selected</h2>
      <p className="muted">Delete, copy (Ctrl+C), duplicate (Ctrl+D) or drag them together.</p>
    </div>
  );
}

function GraphSummary() {
  const issues = useEditor(selectIssues);
  const count = useEditor((s) => s.nodes.length);
  const store = useEditorApi();
  return (
    <div className="inspector-body" data-testid="inspector-graph">
      <h2 className="inspector-title">Graph</h2>
      <p className="muted small">
        {count} node{count === 1 ? '' : 's'}. Select a node to edit its parameters and watch it live.
      </p>
      {issues.length === 0 ? (
        count > 0 && <div className="ok-box">No problems: ready to deploy.</div>
      ) : (
        <div className="issue-list" data-testid="graph-issues">
          <h4 className="section-title">
            {issues.length} problem{issues.length === 1 ? '' : 's'}
          </h4>
          {issues.slice(0, 50).map((i, k) => (
            <button
              type="button"
              key={k}
              className="issue-item"
              onClick={() => i.nodeId !== undefined && store.getState().selectOnly(i.nodeId)}
            >
              {i.message}
            </button>
          ))}
          {issues.length > 50 && <div className="muted small">… and {issues.length - 50} more</div>}
        </div>
      )}
      <h4 className="section-title">Getting started</h4>
      <ol className="tips">
        <li>Drag a source (Counter, Random walk) from the left onto the canvas.</li>
        <li>Add an operator (Map, Filter, Sliding window…) and drag from the source’s right dot to its left dot.</li>
        <li>End with a sink, press Deploy and watch every node live.</li>
      </ol>
      <p className="muted small">
        Press <kbd>?</kbd> for keyboard shortcuts.
      </p>
    </div>
  );
}

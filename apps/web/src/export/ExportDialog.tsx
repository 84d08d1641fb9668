import { useEffect, useMemo, useState } from 'react';
import { api, ApiRequestError } from '../api/client';
import { toGraph } from '../lib/graphDoc';
import { useEditorApi, useEditor } from '../store';
import { Modal } from '../ui/Modal';

type Tab = 'json' | 'ts' | 'py';
const TABS: Array<{ id: Tab; label: string; ext: string; mime: string }> = [
  { id: 'json', label: 'Graph JSON', ext: 'json', mime: 'application/json' },
  { id: 'ts', label: 'TypeScript', ext: 'ts', mime: 'text/typescript' },
  { id: 'py', label: 'Python', ext: 'py', mime: 'text/x-python' },
];

/** Safe file name from a graph name. */
export function fileName(name: string, ext: string): string {
  const base = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'graph';
  return `${base}.${ext}`;
}

export function download(text: string, name: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportDialog() {
  const store = useEditorApi();
  const [tab, setTab] = useState<Tab>('json');
  const [code, setCode] = useState<Record<string, { text?: string; error?: string; unavailable?: boolean }>>({});
  const [copied, setCopied] = useState(false);
  const graphId = useEditor((s) => s.graphId);
  const name = useEditor((s) => s.name);
  const json = useMemo(() => {
    const { name: n, nodes, edges } = store.getState();
    return JSON.stringify(toGraph(n, nodes, edges), null, 2);
  }, [store]);

  useEffect(() => {
    if (tab === 'json' || graphId === null || code[tab] !== undefined) return;
    let cancelled = false;
    void (async () => {
      await store.getState().saveNow();
      try {
        const text = await api.exportGraph(graphId, tab);
        if (!cancelled) setCode((c) => ({ ...c, [tab]: { text } }));
      } catch (error) {
        if (cancelled) return;
        const unavailable = error instanceof ApiRequestError && error.status === 404 && error.code === 'not_found' && /endpoint/i.test(error.message);
        setCode((c) => ({ ...c, [tab]: unavailable ? { unavailable: true } : { error: error instanceof Error ? error.message : String(error) } }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [tab, graphId, code, store]);

  const current = tab === 'json' ? { text: json } : code[tab];
  const meta = TABS.find((t) => t.id === tab)!;
  return (
    <Modal title="Export" testid="dialog-export" onClose={() => store.getState().openDialog(null)} wide>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={`tab${tab === t.id ? ' active' : ''}`}
            data-testid={`export-tab-${t.id}`}
            onClick={() => {
              setTab(t.id);
              setCopied(false);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="export-body" role="tabpanel">
        {current === undefined && <div className="muted">Generating…</div>}
        {current?.unavailable && (
          <div className="empty-note" data-testid="export-unavailable">
            {meta.label} export is not available yet on this server. The graph JSON tab has the full graph.
          </div>
        )}
        {current?.error && <div className="field-error">{current.error}</div>}
        {current?.text !== undefined && (
          <pre className="code-view" data-testid="export-code">
            {current.text}
          </pre>
        )}
      </div>
      <div className="modal-actions">
        <button
          type="button"
          className="btn"
          data-testid="export-copy"
          disabled={current?.text === undefined}
          onClick={() => {
            if (current?.text === undefined) return;
            void navigator.clipboard?.writeText(current.text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          className="btn primary"
          data-testid="export-download"
          disabled={current?.text === undefined}
          onClick={() => current?.text !== undefined && download(current.text, fileName(name, meta.ext), meta.mime)}
        >
          Download {fileName(name, meta.ext)}
        </button>
      </div>
    </Modal>
  );
}

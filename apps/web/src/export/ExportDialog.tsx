import { useEffect, useMemo, useState } from 'react';
import { api, ApiRequestError } from '../api/client';
import { toGraph } from '../lib/graphDoc';
import { useEditorApi, useEditor, type EditorStore } from '../store';
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

type Generated = { text?: string; error?: string; unavailable?: boolean; warnings?: string[] };

/**
 * The program for the graph: made here by the engine's exporters when every operator is in the
 * browser's catalog, else by the server (which knows the Node-only sources too).
 */
async function exportCode(store: EditorStore, graphId: string | null, format: 'ts' | 'py'): Promise<Generated> {
  const { name, nodes, edges, revision } = store.getState();
  const graph = toGraph(name, nodes, edges);
  try {
    const [{ exportGraph }, { catalog }] = await Promise.all([import('@streamloom/engine/export'), import('@streamloom/engine/catalog')]);
    const known = new Set(catalog.map((d) => d.type));
    if (graph.nodes.every((n) => known.has(n.type))) {
      const r = exportGraph(graph, format, catalog, { revision });
      return { text: r.code, warnings: r.warnings.map((w) => `${w.nodeId}: ${w.message}`) };
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'GraphExportError') return { error: error.message };
  }
  if (graphId === null) return { unavailable: true };
  await store.getState().saveNow();
  try {
    return { text: await api.exportGraph(graphId, format) };
  } catch (error) {
    const unavailable = error instanceof ApiRequestError && error.status === 404 && /endpoint/i.test(error.message);
    return unavailable ? { unavailable: true } : { error: error instanceof Error ? error.message : String(error) };
  }
}

export function ExportDialog() {
  const store = useEditorApi();
  const [tab, setTab] = useState<Tab>('json');
  const [code, setCode] = useState<Record<string, Generated>>({});
  const [copied, setCopied] = useState(false);
  const graphId = useEditor((s) => s.graphId);
  const name = useEditor((s) => s.name);
  const json = useMemo(() => {
    const { name: n, nodes, edges } = store.getState();
    return JSON.stringify(toGraph(n, nodes, edges), null, 2);
  }, [store]);

  useEffect(() => {
    if (tab === 'json' || code[tab] !== undefined) return;
    let cancelled = false;
    void (async () => {
      const result = await exportCode(store, graphId, tab);
      if (!cancelled) setCode((c) => ({ ...c, [tab]: result }));
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
        {current?.error && (
          <pre className="field-error export-error" data-testid="export-error">
            {current.error}
          </pre>
        )}
        {current?.warnings !== undefined && current.warnings.length > 0 && (
          <div className="export-warnings" data-testid="export-warnings">
            {current.warnings.map((w, i) => (
              <div key={i}>⚠ {w}</div>
            ))}
          </div>
        )}
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

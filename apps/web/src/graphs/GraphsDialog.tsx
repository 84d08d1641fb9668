import { useEffect, useRef, useState } from 'react';
import { readGraphText } from '../store/graphSlice';
import { useEditor, useEditorApi } from '../store';
import { Modal } from '../ui/Modal';

/** Read a file chosen by the person as a graph; the reason when it is not one. */
export async function importFile(file: File): Promise<ReturnType<typeof readGraphText>> {
  if (file.size > 5 * 1024 * 1024) return { ok: false, reason: 'the file is larger than 5 MB' };
  const text = await file.text();
  const r = readGraphText(text);
  if (r.ok && r.graph.name === 'Untitled') r.graph.name = file.name.replace(/\.json$/i, '');
  return r;
}

export function GraphsDialog() {
  const store = useEditorApi();
  const graphs = useEditor((s) => s.graphs);
  const error = useEditor((s) => s.graphsError);
  const currentId = useEditor((s) => s.graphId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const close = () => store.getState().openDialog(null);

  useEffect(() => {
    void store.getState().refreshGraphs();
  }, [store]);

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setImportError(null);
    const r = await importFile(file);
    if (!r.ok) {
      setImportError(`“${file.name}” cannot be imported: ${r.reason}.`);
      return;
    }
    const id = await store.getState().createGraph(r.graph);
    if (id !== null) close();
  };

  return (
    <Modal title="Graphs" testid="dialog-graphs" onClose={close} wide>
      <div className="modal-toolbar">
        <button
          type="button"
          className="btn primary"
          data-testid="graphs-new"
          onClick={async () => {
            if ((await store.getState().createGraph()) !== null) close();
          }}
        >
          New graph
        </button>
        <button type="button" className="btn" data-testid="graphs-import" onClick={() => fileInput.current?.click()}>
          Import JSON…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="graphs-import-input"
          onChange={(e) => {
            void onImport(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {importError && (
        <div className="field-error" role="alert" data-testid="import-error">
          {importError}
        </div>
      )}
      {error && <div className="field-error">{error}</div>}
      <ul className="graph-list" data-testid="graph-list">
        {graphs.length === 0 && <li className="muted">No graphs yet.</li>}
        {graphs.map((g) => (
          <li key={g.id} className={`graph-item${g.id === currentId ? ' current' : ''}`} data-testid={`graph-item-${g.id}`}>
            {renaming === g.id ? (
              <form
                className="graph-rename"
                onSubmit={async (e) => {
                  e.preventDefault();
                  await store.getState().renameGraph(g.id, name);
                  setRenaming(null);
                }}
              >
                <input className="input" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-label="New name" data-testid="graph-rename-input" />
                <button type="submit" className="btn small primary">
                  Rename
                </button>
                <button type="button" className="btn small ghost" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <button
                type="button"
                className="graph-open"
                data-testid="graph-open"
                onClick={async () => {
                  await store.getState().openGraph(g.id).catch(() => undefined);
                  close();
                }}
              >
                <span className="graph-title">{g.name}</span>
                <span className="graph-meta">
                  revision {g.revision} · {new Date(g.updatedAt).toLocaleString()}
                </span>
              </button>
            )}
            {renaming !== g.id && (
              <span className="graph-actions">
                <button
                  type="button"
                  className="btn small ghost"
                  data-testid="graph-rename"
                  onClick={() => {
                    setRenaming(g.id);
                    setName(g.name);
                  }}
                >
                  Rename
                </button>
                {confirming === g.id ? (
                  <>
                    <button
                      type="button"
                      className="btn small danger"
                      data-testid="graph-delete-confirm"
                      onClick={async () => {
                        await store.getState().deleteGraph(g.id);
                        setConfirming(null);
                      }}
                    >
                      Delete for good
                    </button>
                    <button type="button" className="btn small ghost" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </>
                ) : (
                  <button type="button" className="btn small ghost" data-testid="graph-delete" onClick={() => setConfirming(g.id)}>
                    Delete
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  );
}

import { useEditor, useEditorApi } from '../store';

/** Everything that went wrong and what can be done about it, under the toolbar. */
export function Banners() {
  const store = useEditorApi();
  const connection = useEditor((s) => s.connection);
  const saveState = useEditor((s) => s.saveState);
  const saveMessage = useEditor((s) => s.saveMessage);
  const conflictRevision = useEditor((s) => s.conflictRevision);
  const remoteRevision = useEditor((s) => s.remoteRevision);
  const run = useEditor((s) => s.run);
  const runMessage = useEditor((s) => s.runMessage);
  const runIssues = useEditor((s) => s.runIssues);

  return (
    <div className="banners">
      {connection !== 'connected' && (
        <div className="banner warn" role="status" data-testid="banner-offline">
          <span className="spinner" aria-hidden="true" />
          <b>The server is unreachable.</b> Reconnecting… Your edits are kept in this browser and saved when it is back.
        </div>
      )}
      {saveState === 'conflict' && (
        <div className="banner error" role="alert" data-testid="banner-conflict">
          <b>This graph was changed elsewhere</b>
          {conflictRevision !== null ? ` (now at revision ${conflictRevision})` : ''}. {saveMessage && !saveMessage.startsWith('The graph was saved') ? saveMessage : ''}
          <span className="banner-actions">
            <button type="button" className="btn small" data-testid="conflict-reload" onClick={() => void store.getState().resolveConflict('reload')}>
              Reload theirs
            </button>
            <button type="button" className="btn small danger" data-testid="conflict-overwrite" onClick={() => void store.getState().resolveConflict('overwrite')}>
              Overwrite with mine
            </button>
          </span>
        </div>
      )}
      {saveState !== 'conflict' && remoteRevision !== null && (
        <div className="banner info" role="status" data-testid="banner-remote">
          This graph was saved from another page (revision {remoteRevision}).
          <span className="banner-actions">
            <button type="button" className="btn small" onClick={() => void store.getState().resolveConflict('reload')}>
              Reload
            </button>
            <button type="button" className="btn small ghost" onClick={() => void store.getState().resolveConflict('overwrite')}>
              Keep mine
            </button>
          </span>
        </div>
      )}
      {saveState === 'error' && saveMessage && (
        <div className="banner subtle" role="status" data-testid="banner-save">
          {saveMessage}
        </div>
      )}
      {run?.state === 'failed' && (
        <div className="banner error" role="alert" data-testid="banner-run-failed">
          <b>The run failed:</b> {run.reason ?? 'no reason given'}
          {run.nodeId && (
            <span className="banner-actions">
              <button type="button" className="btn small" onClick={() => store.getState().selectOnly(run.nodeId!)}>
                Show node “{run.nodeId}”
              </button>
            </span>
          )}
        </div>
      )}
      {runMessage && (
        <div className="banner error" role="alert" data-testid="banner-run">
          {runMessage}
          {runIssues.length > 1 && <span className="muted"> (and {runIssues.length - 1} more: see the markers on the nodes)</span>}
          <span className="banner-actions">
            <button type="button" className="btn small ghost" aria-label="Dismiss" onClick={() => store.setState({ runMessage: null, runIssues: [] })}>
              ✕
            </button>
          </span>
        </div>
      )}
    </div>
  );
}

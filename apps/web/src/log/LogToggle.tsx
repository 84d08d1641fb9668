// The toolbar's Log button: opens and closes the Log drawer; shows how many lines the run wrote
// and, with a warning dot, that some were skipped.
import { shortNumber } from '../lib/format';
import { useEditor, useEditorApi } from '../store';
import { selectLogNotShown } from '../store/logSlice';

export function LogToggle() {
  const store = useEditorApi();
  const open = useEditor((s) => s.logOpen);
  const mine = useEditor((s) => s.logRunId !== null && s.logRunId === (s.run?.runId ?? null));
  const count = useEditor((s) => (mine ? s.logLines.length : 0));
  const skipped = useEditor((s) => (mine ? selectLogNotShown(s) : 0));
  return (
    <button
      type="button"
      className={`btn${open ? ' active' : ''}`}
      data-testid="toolbar-log"
      aria-pressed={open}
      title={open ? 'Hide the run’s log' : 'Show the run’s log: what its Log sinks write'}
      onClick={() => store.getState().setLogOpen(!open)}
    >
      Log
      {count > 0 && (
        <span className="log-badge" data-testid="log-count">
          {shortNumber(count)}
        </span>
      )}
      {skipped > 0 && <span className="log-warn-dot" aria-label="some lines were skipped" />}
    </button>
  );
}

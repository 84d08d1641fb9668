import { ACTIONS } from '../actions/actions';
import { useEditorApi } from '../store';
import { Modal } from './Modal';

const GROUPS = ['Edit', 'View', 'Graph', 'Run'] as const;

/** The shortcuts, generated from the action registry. */
export function HelpDialog() {
  const store = useEditorApi();
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return (
    <Modal title="Keyboard shortcuts" testid="dialog-help" onClose={() => store.getState().openDialog(null)} wide>
      <div className="help-grid">
        {GROUPS.map((g) => (
          <section key={g}>
            <h3 className="section-title">{g}</h3>
            <table className="shortcuts">
              <tbody>
                {ACTIONS.filter((a) => a.group === g).map((a) => (
                  <tr key={a.id} data-testid={`shortcut-${a.id}`}>
                    <td>{a.label}</td>
                    <td className="keys">
                      {a.keys.map((k, i) => (
                        <kbd key={i}>{isMac && k === 'Ctrl' ? '⌘' : k}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
      <p className="muted small">
        Drag on empty canvas to pan, scroll to zoom. Drag from a node’s right dot (output) to another’s left dot (input) to connect.
      </p>
    </Modal>
  );
}

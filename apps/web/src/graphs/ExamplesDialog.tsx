import { useState } from 'react';
import type { Graph } from '@streamloom/engine/protocol';
import { fromGraph } from '../lib/graphDoc';
import { readGraphText } from '../store/graphSlice';
import { useEditorApi } from '../store';
import { Modal } from '../ui/Modal';
import { EXAMPLES } from './examples';

async function laidOut(graph: Graph): Promise<Graph> {
  try {
    const { layoutPositions } = await import('../lib/layout');
    const { nodes, edges } = fromGraph(graph);
    const positions = await layoutPositions(nodes, edges);
    return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
  } catch {
    return graph;
  }
}

/** The gallery of the engine's example graphs; opening one makes a new graph from it. */
export function ExamplesDialog() {
  const store = useEditorApi();
  const [error, setError] = useState<string | null>(null);
  const close = () => store.getState().openDialog(null);
  return (
    <Modal title="Examples" testid="dialog-examples" onClose={close} wide>
      {EXAMPLES.length === 0 && <div className="empty-note">No example graphs are bundled with this build.</div>}
      {error && (
        <div className="field-error" role="alert">
          {error}
        </div>
      )}
      <div className="example-grid">
        {EXAMPLES.map((ex) => (
          <button
            key={ex.file}
            type="button"
            className="example-card"
            data-testid={`example-${ex.file}`}
            onClick={async () => {
              const r = readGraphText(JSON.stringify(ex.graph));
              if (!r.ok) {
                setError(`“${ex.name}” cannot be opened: ${r.reason}`);
                return;
              }
              // Laid out for this editor's node size, left to right.
              const graph = await laidOut(r.graph);
              if ((await store.getState().createGraph(graph)) !== null) close();
            }}
          >
            <span className="example-title">{ex.name}</span>
            {ex.description && <span className="example-desc">{ex.description}</span>}
            <span className="example-meta">
              {ex.nodeCount} nodes · {ex.types.slice(0, 5).join(', ')}
              {ex.types.length > 5 ? '…' : ''}
            </span>
          </button>
        ))}
      </div>
    </Modal>
  );
}

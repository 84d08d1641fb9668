import { useConnection, type Connection } from '@xyflow/react';
import { useEditorApi } from '../store';

/** While a connection is dragged over a port that refuses it, says why, next to the cursor. */
export function ConnectionHint() {
  const store = useEditorApi();
  const c = useConnection();
  if (!c.inProgress || c.toHandle === null || c.toHandle === undefined) return null;
  const from = c.fromHandle;
  const to = c.toHandle;
  if (from.type === to.type) {
    return <Hint x={c.pointer.x} y={c.pointer.y} text={from.type === 'source' ? 'Connect an output to an input' : 'Connect an input to an output'} />;
  }
  const conn: Connection =
    from.type === 'source'
      ? { source: from.nodeId, sourceHandle: from.id ?? null, target: to.nodeId, targetHandle: to.id ?? null }
      : { source: to.nodeId, sourceHandle: to.id ?? null, target: from.nodeId, targetHandle: from.id ?? null };
  const problem = store.getState().connectionProblem(conn);
  if (problem === null) return null;
  return <Hint x={c.pointer.x} y={c.pointer.y} text={problem} />;
}

function Hint({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <div className="connection-hint" role="status" data-testid="connection-hint" style={{ left: x + 14, top: y + 14 }}>
      {text}
    </div>
  );
}

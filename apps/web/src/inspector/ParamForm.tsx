import { paramIssues } from '@streamloom/engine/graph';
import type { DescriptorData, ParamSpec } from '@streamloom/engine/protocol';
import { useCallback } from 'react';
import { useEditorApi } from '../store';
import { FIELDS } from './fields';
import { problemText } from './fields/FieldShell';

/** The parameter form, generated from the descriptor: one field per parameter, by its kind. */
export function ParamForm({ nodeId, d, params }: { nodeId: string; d: DescriptorData; params: Record<string, unknown> }) {
  if (d.params.length === 0) return <p className="muted small">This operator has no parameters.</p>;
  return (
    <form className="param-form" onSubmit={(e) => e.preventDefault()} data-testid="param-form">
      {d.params.map((spec) => (
        <ParamField key={`${nodeId}:${spec.name}`} nodeId={nodeId} op={d.type} spec={spec} value={params[spec.name]} />
      ))}
    </form>
  );
}

function ParamField({ nodeId, op, spec, value }: { nodeId: string; op: string; spec: ParamSpec; value: unknown }) {
  const store = useEditorApi();
  const check = useCallback(
    (v: unknown) => {
      const issues = paramIssues({ nodeId, type: op }, spec, v);
      return issues.length === 0 ? null : problemText(issues[0]!.message);
    },
    [nodeId, op, spec],
  );
  const commit = useCallback((v: unknown) => store.getState().setParam(nodeId, spec.name, v), [store, nodeId, spec.name]);
  const Field = FIELDS[spec.kind] ?? FIELDS.json!;
  return <Field nodeId={nodeId} op={op} spec={spec} value={value} check={check} commit={commit} />;
}

import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useMemo } from 'react';
import type { DescriptorData } from '@streamloom/engine/protocol';
import { inHandle, inputCount, OUT_HANDLE, portOf, type OperatorNode as OperatorNodeType } from '../lib/graphDoc';
import { paramShort, rateText, shortNumber } from '../lib/format';
import { useEditor } from '../store';
import { hasFailed, isBottleneck, issuesOf, liveOf, selectByType, usedPortsOf } from '../store/selectors';
import { Sparkline } from './Sparkline';

/** The key parameter in short: `x => x * 2`, `1s`, `3`. */
function keyLine(d: DescriptorData | undefined, params: Record<string, unknown>): string | null {
  if (d?.keyParam === undefined) return null;
  const spec = d.params.find((p) => p.name === d.keyParam);
  if (spec === undefined) return null;
  const value = params[spec.name] ?? spec.default;
  const text = paramShort(spec.kind, value);
  return text === '' ? null : `${spec.name}: ${text}`;
}

/** The one node component: everything it shows comes from the operator's descriptor. */
export const OperatorNode = memo(function OperatorNode({ id, data, selected }: NodeProps<OperatorNodeType>) {
  const byType = useEditor(selectByType);
  const d = byType.get(data.op);
  const portsKey = useEditor(usedPortsOf(id));
  const issues = useEditor(issuesOf(id));
  const failed = useEditor(hasFailed(id));
  const updateInternals = useUpdateNodeInternals();

  const used = useMemo(() => portsKey.split(',').filter(Boolean).map(portOf), [portsKey]);
  const inputs = d?.inputs.max === 0 ? 0 : inputCount(d, used);
  const hasOutput = d === undefined || d.outputs > 0;
  useEffect(() => updateInternals(id), [id, inputs, updateInternals]);

  const key = keyLine(d, data.params);
  const category = d?.category ?? 'unknown';
  const classes = ['op-node', `cat-${category}`];
  if (selected) classes.push('selected');
  if (issues !== undefined) classes.push('has-issues');
  if (failed) classes.push('failed');

  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-op={data.op} aria-label={`${d?.label ?? data.op} node ${id}`}>
      {Array.from({ length: inputs }, (_, port) => {
        const label = d?.inputs.labels?.[port];
        const top = `${((port + 1) / (inputs + 1)) * 100}%`;
        const free = !used.includes(port);
        return (
          <Handle
            key={port}
            type="target"
            position={Position.Left}
            id={inHandle(port)}
            style={{ top }}
            className={free ? 'handle-free' : undefined}
            data-testid={`handle-${id}-in-${port}`}
            aria-label={`input ${port}${label ? ` ${label}` : ''} of ${id}`}
          >
            {label !== undefined && <span className="handle-label">{label}</span>}
          </Handle>
        );
      })}
      <div className="op-head">
        <span className={`op-dot cat-${category}`} aria-hidden="true" />
        <span className="op-title">{d?.label ?? data.op}</span>
        <span className="op-id" title={id}>
          {id}
        </span>
        {issues !== undefined && (
          <span className="op-issues" data-testid={`node-issues-${id}`} tabIndex={0} aria-label={`${issues.length} problem(s)`}>
            !
            <span className="op-issues-pop" role="tooltip">
              {issues.map((issue, i) => (
                <span key={i} className="op-issue">
                  {issue.message}
                </span>
              ))}
            </span>
          </span>
        )}
      </div>
      {key !== null && (
        <div className="op-key" title={key}>
          {key}
        </div>
      )}
      <NodeLive id={id} sink={!hasOutput} />
      {hasOutput && (
        <Handle type="source" position={Position.Right} id={OUT_HANDLE} data-testid={`handle-${id}-out`} aria-label={`output of ${id}`} />
      )}
    </div>
  );
});

/** The node's live numbers: the only part of a node that re-renders with telemetry. */
const NodeLive = memo(function NodeLive({ id, sink }: { id: string; sink: boolean }) {
  const live = useEditor(liveOf(id));
  const bottleneck = useEditor(isBottleneck(id));
  if (live === undefined) return null;
  const fill = live.capacity ? Math.min(1, (live.queue ?? 0) / live.capacity) : null;
  return (
    <div className="op-live" data-testid={`node-live-${id}`}>
      <div className="op-live-row">
        <span className="op-rate" data-testid={`node-rate-${id}`} title={sink ? 'elements in per second' : 'elements out per second'}>
          {rateText(sink ? live.inRate : live.rate)}
        </span>
        <span className="op-count" data-testid={`node-count-${id}`} title={`${live.in} in, ${live.out} out`}>
          {shortNumber(sink ? live.in : live.out)} {sink ? 'in' : 'out'}
        </span>
        {live.errors > 0 && (
          <span className="op-errors" data-testid={`node-errors-${id}`} title={live.lastError ?? 'errors'}>
            {shortNumber(live.errors)} err
          </span>
        )}
        {bottleneck && (
          <span className="op-bottleneck" data-testid={`node-bottleneck-${id}`} title={`busiest node: ${Math.round(live.busy ?? 0)} ms of work per second`}>
            bottleneck
          </span>
        )}
      </div>
      <Sparkline id={id} series={sink ? 'in' : 'out'} />
      {fill !== null && (
        <div className="op-fill" title={`${live.queue} of ${live.capacity} held`} data-testid={`node-fill-${id}`}>
          <div className={`op-fill-bar${fill > 0.8 ? ' high' : ''}`} style={{ width: `${fill * 100}%` }} />
          <span>
            {shortNumber(live.queue ?? 0)}/{shortNumber(live.capacity ?? 0)}
          </span>
        </div>
      )}
    </div>
  );
});

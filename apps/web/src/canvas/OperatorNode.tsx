import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { DescriptorData } from '@streamloom/engine/protocol';
import { inHandle, inputCount, OUT_HANDLE, portOf, type OperatorNode as OperatorNodeType } from '../lib/graphDoc';
import { paramShort, rateText, shortNumber } from '../lib/format';
import { useEditor } from '../store';
import { hasFailed, hasLiveOf, issuesOf, selectByType, usedPortsOf } from '../store/selectors';
import type { EditorState, NodeLive } from '../store/types';
import { liveDetail, useLiveBinding } from './useLiveBinding';
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
  // React Flow measures a node and its handles when it mounts; only a change in the number of
  // inputs afterwards needs telling (each call searches the document and measures the node).
  const measuredInputs = useRef(inputs);
  useEffect(() => {
    if (measuredInputs.current === inputs) return;
    measuredInputs.current = inputs;
    updateInternals(id);
  }, [id, inputs, updateInternals]);

  const key = keyLine(d, data.params);
  const category = d?.category ?? 'unknown';
  const classes = ['op-node', `cat-${category}`];
  if (selected) classes.push('selected');
  if (issues !== undefined) classes.push('has-issues');
  if (failed) classes.push('failed');

  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${id}`}
      data-op={data.op}
      aria-label={`${d?.label ?? data.op} node ${id}`}
      // Room for every input handle, 18 px apart.
      style={inputs > 2 ? { minHeight: (inputs + 1) * 18 } : undefined}
    >
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

/** DOM writes only when something changed: unchanged text costs nothing. */
function setText(el: HTMLElement, text: string): void {
  const node = el.firstChild;
  if (node !== null && node.nodeType === 3 && node === el.lastChild) {
    if ((node as Text).data !== text) (node as Text).data = text;
  } else el.textContent = text;
}
/** Returns whether it changed. */
function setHidden(el: HTMLElement, hidden: boolean): boolean {
  if (el.hidden === hidden) return false;
  el.hidden = hidden;
  return true;
}
function setTitle(el: HTMLElement, title: string): void {
  if (el.title !== title) el.title = title;
}

/** Steps of the low-detail activity bar: half a decade of rate each, 0 when idle, full at a million per second. */
export const ACTIVITY_STEPS = 12;
export function activityLevel(rate: number): number {
  if (!(rate > 0)) return 0;
  return Math.max(1, Math.min(ACTIVITY_STEPS, Math.round(2 * Math.log10(1 + rate))));
}
/** The fill level drawn: exact in full detail, in tenths in low detail (a change nobody sees is not drawn). */
export function fillWidth(held: number, low: boolean): string {
  return low ? `${Math.round(held * 10) * 10}%` : `${Math.round(held * 100)}%`;
}

interface LiveView {
  live: NodeLive | undefined;
  bottleneck: boolean;
}

/**
 * The node's live numbers. React renders the structure once, when the first frame arrives; the
 * numbers are written into the DOM by a store subscription (no re-render per frame).
 */
const NodeLive = memo(function NodeLive({ id, sink }: { id: string; sink: boolean }) {
  const hasLive = useEditor(hasLiveOf(id));
  const box = useRef<HTMLDivElement>(null);
  const rate = useRef<HTMLSpanElement>(null);
  const count = useRef<HTMLSpanElement>(null);
  const errors = useRef<HTMLSpanElement>(null);
  const bottleneck = useRef<HTMLSpanElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const fillBar = useRef<HTMLDivElement>(null);
  const fillText = useRef<HTMLSpanElement>(null);
  const activity = useRef<HTMLDivElement>(null);
  const errorDot = useRef<HTMLSpanElement>(null);
  /** What low detail last drew (null: full detail drew since). */
  const lowKey = useRef<string | null>(null);

  const select = useMemo(() => {
    let last: LiveView = { live: undefined, bottleneck: false };
    return (s: EditorState): LiveView => {
      const live = s.live[id];
      const b = s.bottleneck === id;
      if (live !== last.live || b !== last.bottleneck) last = { live, bottleneck: b };
      return last;
    };
  }, [id]);
  const apply = useCallback(
    ({ live, bottleneck: isBottleneck }: LiveView) => {
      if (live === undefined || rate.current === null) return;
      const low = liveDetail() === 'low';
      const shownRate = sink ? live.inRate : live.rate;
      const held = live.capacity ? Math.min(1, (live.queue ?? 0) / live.capacity) : null;
      if (low) {
        // Low detail: nothing per frame; the bar and the dot change only when their state does
        // (remembered here: most frames of most nodes end at this comparison).
        const level = activityLevel(shownRate);
        const key = `${level} ${live.errors > 0} ${isBottleneck} ${held === null ? '' : fillWidth(held, true)}`;
        if (key === lowKey.current) return;
        lowKey.current = key;
        const width = `${(level * 100) / ACTIVITY_STEPS}%`;
        if (activity.current!.style.width !== width) activity.current!.style.width = width;
        setHidden(errorDot.current!, live.errors === 0);
      } else {
        lowKey.current = null;
        setText(rate.current, rateText(shownRate));
        setText(count.current!, `${shortNumber(sink ? live.in : live.out)} ${sink ? 'in' : 'out'}`);
        setHidden(errors.current!, live.errors === 0);
        if (live.errors > 0) {
          setText(errors.current!, `${shortNumber(live.errors)} err`);
          setTitle(errors.current!, live.lastError ?? 'errors');
        }
      }
      // Shown and hidden by visibility (styles.css): it keeps its box, so no layout follows. In
      // low detail it is an outline around the node.
      setHidden(bottleneck.current!, !isBottleneck);
      if (isBottleneck && !low) setTitle(bottleneck.current!, `busiest node: ${Math.round(live.busy ?? 0)} ms of work per second`);
      if (setHidden(fill.current!, held === null)) box.current!.classList.toggle('has-fill', held !== null);
      if (held !== null) {
        const width = fillWidth(held, low);
        if (fillBar.current!.style.width !== width) fillBar.current!.style.width = width;
        const high = held > 0.8;
        if (fillBar.current!.classList.contains('high') !== high) fillBar.current!.classList.toggle('high', high);
        if (!low) setText(fillText.current!, `${shortNumber(live.queue ?? 0)}/${shortNumber(live.capacity ?? 0)}`);
      }
    },
    [sink],
  );
  // New elements when the live block mounts again (another run): nothing of them drawn yet.
  useLayoutEffect(() => {
    lowKey.current = null;
  }, [hasLive]);
  useLiveBinding(select, apply, hasLive);

  if (!hasLive) return null;
  // .op-live has a fixed height and strict containment (styles.css): a frame's new numbers are
  // laid out and painted inside it, never the node or the canvas around it.
  return (
    <>
      <div ref={box} className="op-live" data-testid={`node-live-${id}`}>
        <div className="op-live-row">
          <span ref={rate} className="op-rate" data-testid={`node-rate-${id}`} title={sink ? 'elements in per second' : 'elements out per second'} />
          <span ref={count} className="op-count" data-testid={`node-count-${id}`} title="elements so far" />
          <span ref={errors} className="op-errors" data-testid={`node-errors-${id}`} hidden />
          <Sparkline id={id} series={sink ? 'in' : 'out'} />
        </div>
        {/* Low detail (zoomed out, styles.css): shown instead of the row above. */}
        <div className="op-lod" aria-hidden="true">
          <div className="op-lod-track">
            <div ref={activity} className="op-lod-activity" />
          </div>
          <span ref={errorDot} className="op-lod-error" hidden />
        </div>
        <div ref={fill} className="op-fill" data-testid={`node-fill-${id}`} hidden>
          <div ref={fillBar} className="op-fill-bar" />
          <span ref={fillText} />
        </div>
      </div>
      <span ref={bottleneck} className="op-bottleneck" data-testid={`node-bottleneck-${id}`} hidden>
        bottleneck
      </span>
    </>
  );
});

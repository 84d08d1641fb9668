import { EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import { rateText } from '../lib/format';
import type { RateEdge as RateEdgeType } from '../lib/graphDoc';
import { useEditor, useEditorApi } from '../store';
import { hasLiveOf } from '../store/selectors';
import type { EditorState } from '../store/types';
import { liveDetail, useLiveBinding } from './useLiveBinding';

/** Thickness follows the rate on a log scale: 1.5 px idle, about 7 px at a million per second. */
export function edgeWidth(rate: number): number {
  return 1.5 + Math.min(6, Math.log10(1 + Math.max(0, rate)));
}

/**
 * The width drawn, in steps of a quarter pixel: a rate that wobbles from frame to frame (9.9/s,
 * 10.1/s) keeps its width, and the edge is not restyled and repainted for a change nobody sees.
 */
export function edgeWidthShown(rate: number): number {
  return Math.round(edgeWidth(rate) * 4) / 4;
}

export const RateEdge = memo(function RateEdge(props: EdgeProps<RateEdgeType>) {
  const { id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, interactionWidth } = props;
  const store = useEditorApi();
  const live = useEditor(hasLiveOf(source));
  // Read at render so that a re-render (selection, move) keeps what the subscription wrote.
  const rateNow = store.getState().live[source]?.rate ?? 0;
  const pathRef = useRef<SVGPathElement>(null);
  const labelRef = useRef<HTMLDivElement>(null);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const select = useCallback((s: EditorState) => s.live[source]?.rate, [source]);
  // The DOM is written only when the width, the flowing state or the label's text change (most
  // frames change none of them). The width and flowing state last written are remembered until
  // the next render (which writes them itself); then what is there is read back.
  const drawn = useRef('');
  useLayoutEffect(() => {
    drawn.current = '';
  });
  const apply = useCallback((rate: number | undefined) => {
    const p = pathRef.current;
    if (p === null) return;
    const r = rate ?? 0;
    const width = String(edgeWidthShown(r));
    const key = `${width} ${r > 0}`;
    if (key !== drawn.current) {
      drawn.current = key;
      if (p.style.strokeWidth !== width) p.style.strokeWidth = width;
      if (p.classList.contains('flowing') !== r > 0) p.classList.toggle('flowing', r > 0);
    }
    // No label in low detail (hidden by styles.css): its text catches up when zooming in.
    const label = labelRef.current;
    if (label !== null && liveDetail() === 'full') {
      const text = rateText(r);
      const node = label.firstChild;
      if (node !== null && node.nodeType === 3 && node === label.lastChild) {
        if ((node as Text).data !== text) (node as Text).data = text;
      } else label.textContent = text;
    }
  }, []);
  useLiveBinding(select, apply, live);
  return (
    <>
      <path
        ref={pathRef}
        id={id}
        d={path}
        fill="none"
        className={`react-flow__edge-path rate-edge${selected ? ' selected' : ''}${rateNow > 0 ? ' flowing' : ''}`}
        style={{ strokeWidth: edgeWidthShown(rateNow) }}
      />
      <path d={path} fill="none" strokeOpacity={0} strokeWidth={interactionWidth ?? 16} className="react-flow__edge-interaction" />
      {live && (
        <EdgeLabelRenderer>
          <div
            ref={labelRef}
            className="edge-rate nodrag nopan"
            data-testid={`edge-rate-${id}`}
            // left/top, not a transform: hundreds of transformed labels are costly to composite.
            style={{ left: labelX, top: labelY }}
          />
        </EdgeLabelRenderer>
      )}
    </>
  );
});

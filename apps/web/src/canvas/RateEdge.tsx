import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { rateText } from '../lib/format';
import type { RateEdge as RateEdgeType } from '../lib/graphDoc';
import { useEditor } from '../store';
import { liveOf } from '../store/selectors';

/** Thickness follows the rate on a log scale: 1.5 px idle, about 7 px at a million per second. */
export function edgeWidth(rate: number): number {
  return 1.5 + Math.min(6, Math.log10(1 + Math.max(0, rate)));
}

/** An edge that shows the rate flowing through it (its source's out-rate). */
export const RateEdge = memo(function RateEdge(props: EdgeProps<RateEdgeType>) {
  const { id, source, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected } = props;
  const rate = useEditor((s) => liveOf(source)(s)?.rate);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const flowing = rate !== undefined && rate > 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`rate-edge${flowing ? ' flowing' : ''}${selected ? ' selected' : ''}`}
        style={{ strokeWidth: edgeWidth(rate ?? 0) }}
        interactionWidth={16}
      />
      {rate !== undefined && (
        <EdgeLabelRenderer>
          <div
            className="edge-rate nodrag nopan"
            data-testid={`edge-rate-${id}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {rateText(rate)}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

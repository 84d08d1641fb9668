import { useStoreApi } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';

/**
 * The canvas's dot grid, like React Flow's `<Background variant="dots">`, drawn so that panning
 * costs no painting: the dots are the background of one layer (`will-change: transform`) a cell
 * larger than the canvas, and a pan only moves that layer by the pan modulo one cell, which the
 * compositor does. Only a zoom repaints it (the cell and dot sizes change). React Flow's own
 * background is an SVG pattern re-rendered and repainted over the whole canvas at every pan step.
 */
export const DotBackground = memo(function DotBackground({ gap = 22, size = 1.2 }: { gap?: number; size?: number }) {
  const flow = useStoreApi();
  const tiles = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    let zoom = NaN;
    let x = NaN;
    let y = NaN;
    const draw = (transform: readonly [number, number, number]) => {
      const el = tiles.current;
      if (el === null) return;
      const [tx, ty, k] = transform;
      const cell = gap * k;
      if (k !== zoom) {
        zoom = k;
        const r = Math.max(0.5, (size * k) / 2);
        el.style.backgroundSize = `${cell}px ${cell}px`;
        el.style.backgroundImage = `radial-gradient(circle at ${cell / 2}px ${cell / 2}px, var(--dot-color) ${r}px, transparent ${r + 0.75}px)`;
        el.style.inset = `-${Math.ceil(cell)}px 0 0 -${Math.ceil(cell)}px`;
      }
      // Dots where React Flow's pattern has them (a cell's centre every `gap` flow units): the
      // layer starts one cell left of and above the canvas and moves by the pan modulo a cell.
      const c = Math.ceil(cell);
      const dx = c + (((tx % cell) + cell) % cell) - cell;
      const dy = c + (((ty % cell) + cell) % cell) - cell;
      if (dx === x && dy === y) return;
      x = dx;
      y = dy;
      el.style.transform = `translate(${dx}px, ${dy}px)`;
    };
    draw(flow.getState().transform);
    let last = flow.getState().transform;
    return flow.subscribe((s) => {
      if (s.transform === last) return;
      last = s.transform;
      draw(s.transform);
    });
  }, [flow, gap, size]);

  return (
    <div className="react-flow__background react-flow__container dot-background" data-testid="rf__background">
      <div ref={tiles} className="dot-background-tiles" />
    </div>
  );
});

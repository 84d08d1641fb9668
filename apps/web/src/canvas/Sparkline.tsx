import { memo, useEffect, useRef } from 'react';
import { useEditor, useEditorApi } from '../store';
import { liveOf } from '../store/selectors';

const WIDTH = 84;

let cached: { stroke: string; fill: string } | null = null;
/** The theme's colours, read once (reading styles per draw would force style recalculation). */
function colors(): { stroke: string; fill: string } {
  if (cached === null) {
    const style = getComputedStyle(document.documentElement);
    cached = {
      stroke: style.getPropertyValue('--spark').trim() || '#5eead4',
      fill: style.getPropertyValue('--spark-fill').trim() || 'rgba(94,234,212,0.15)',
    };
  }
  return cached;
}
const HEIGHT = 22;

/** The node's out-rate over the last minute, drawn on a canvas (no React work per point). */
export const Sparkline = memo(function Sparkline({ id, series = 'out' }: { id: string; series?: 'in' | 'out' }) {
  const store = useEditorApi();
  const tick = useEditor((s) => liveOf(id)(s)?.tick ?? 0);
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== WIDTH * dpr) {
      canvas.width = WIDTH * dpr;
      canvas.height = HEIGHT * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const h = store.getState().rates.get(id);
    if (h === undefined || h.length < 2) return;
    const last = h.at(h.length - 1).t;
    const first = last - 60_000;
    let max = 0;
    for (let k = 0; k < h.length; k++) max = Math.max(max, h.at(k)[series]);
    const scale = max > 0 ? (HEIGHT - 3) / max : 0;
    ctx.beginPath();
    for (let k = 0; k < h.length; k++) {
      const p = h.at(k);
      const x = ((p.t - first) / 60_000) * WIDTH;
      const y = HEIGHT - 1 - p[series] * scale;
      if (k === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    const { stroke, fill } = colors();
    ctx.strokeStyle = stroke;
    ctx.lineWidth = 1.25;
    ctx.stroke();
    ctx.lineTo(WIDTH, HEIGHT);
    ctx.lineTo(((h.at(0).t - first) / 60_000) * WIDTH, HEIGHT);
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
  }, [tick, id, store, series]);

  return <canvas ref={ref} className="sparkline" style={{ width: WIDTH, height: HEIGHT }} aria-hidden="true" />;
});

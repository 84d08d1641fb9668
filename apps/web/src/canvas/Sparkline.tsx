import { memo, useCallback, useEffect, useRef } from 'react';
import type { EditorState } from '../store/types';
import type { RateHistory } from '../store/rateHistory';
import { useEditorApi } from '../store';
import { liveDetail, useLiveBinding } from './useLiveBinding';

const WIDTH = 84;
const HEIGHT = 22;
/** A minute in 84 pixels: redrawing one more often than this shows nothing new. */
const REDRAW_MS = 1000;
/** Main-thread time per animation frame that sparklines may take; the rest wait for the next. */
const BUDGET_MS = 2;

interface Job {
  path: SVGPathElement;
  history(): RateHistory | undefined;
  series: 'in' | 'out';
  drawnAt: number;
}

/**
 * Sparklines waiting to be drawn, drawn in animation frames within a time budget, oldest first:
 * hundreds of nodes never cost a frame more than BUDGET_MS.
 */
const queue = new Set<Job>();
let scheduled = false;
function request(job: Job): void {
  if (performance.now() - job.drawnAt < REDRAW_MS) return;
  queue.add(job);
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(run);
}
function run(): void {
  scheduled = false;
  // Zoomed out meanwhile: hidden, drawn when zoomed in again.
  if (liveDetail() === 'low') {
    queue.clear();
    return;
  }
  const start = performance.now();
  for (const job of queue) {
    queue.delete(job);
    job.drawnAt = performance.now();
    draw(job.path, job.history(), job.series);
    if (performance.now() - start > BUDGET_MS) break;
  }
  if (queue.size > 0) {
    scheduled = true;
    requestAnimationFrame(run);
  }
}

/** The sparkline as an SVG path (a canvas per node would make hundreds of compositing layers). */
function draw(path: SVGPathElement, h: RateHistory | undefined, series: 'in' | 'out'): void {
  if (!path.isConnected) return;
  if (h === undefined || h.length < 2) {
    path.setAttribute('d', '');
    return;
  }
  const last = h.at(h.length - 1).t;
  const first = last - 60_000;
  let max = 0;
  for (let k = 0; k < h.length; k++) max = Math.max(max, h.at(k)[series]);
  const scale = max > 0 ? (HEIGHT - 3) / max : 0;
  // One point per pixel column at most.
  const step = Math.max(1, Math.floor(h.length / WIDTH));
  let d = '';
  let x0 = 0;
  for (let k = 0; k < h.length; k += step) {
    const p = h.at(k);
    const x = ((p.t - first) / 60_000) * WIDTH;
    const y = HEIGHT - 1 - p[series] * scale;
    if (k === 0) x0 = x;
    d += `${k === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
  }
  const end = h.at(h.length - 1);
  d += `L${WIDTH} ${(HEIGHT - 1 - end[series] * scale).toFixed(1)}`;
  path.setAttribute('d', d);
  (path.nextSibling as SVGPathElement).setAttribute('d', `${d}L${WIDTH} ${HEIGHT}L${x0.toFixed(1)} ${HEIGHT}Z`);
}

/** The node's rate over the last minute, drawn outside React within a frame budget. */
export const Sparkline = memo(function Sparkline({ id, series = 'out' }: { id: string; series?: 'in' | 'out' }) {
  const store = useEditorApi();
  const ref = useRef<SVGPathElement>(null);
  const job = useRef<Job | null>(null);
  const select = useCallback((s: EditorState) => s.live[id]?.tick ?? 0, [id]);
  const onTick = useCallback(() => {
    // Not drawn in low detail (hidden): zooming in draws it again (the binding is refreshed).
    if (ref.current === null || liveDetail() === 'low') return;
    job.current ??= { path: ref.current, history: () => store.getState().rates.get(id), series, drawnAt: 0 };
    request(job.current);
  }, [id, series, store]);
  useLiveBinding(select, onTick);
  useEffect(
    () => () => {
      if (job.current) queue.delete(job.current);
    },
    [],
  );
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" data-testid={`node-spark-${id}`}>
      <path ref={ref} className="spark-line" />
      <path className="spark-fill" />
    </svg>
  );
});

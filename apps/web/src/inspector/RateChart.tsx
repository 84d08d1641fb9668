import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEditor, useEditorApi } from '../store';
import { liveOf } from '../store/selectors';

/** The node's in and out rates over the last minute (uPlot), redrawn with each frame. */
export function RateChart({ nodeId }: { nodeId: string }) {
  const store = useEditorApi();
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const tick = useEditor((s) => liveOf(nodeId)(s)?.tick ?? 0);

  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const axis = { stroke: '#8b93a7', grid: { stroke: 'rgba(255,255,255,0.06)' }, ticks: { stroke: 'rgba(255,255,255,0.08)' }, font: '11px Inter, system-ui, sans-serif' };
    const u = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 140,
        legend: { show: true, live: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { ...axis, values: (_u, vals) => vals.map((v) => new Date(v * 1000).toLocaleTimeString([], { hour12: false, minute: '2-digit', second: '2-digit' })) },
          { ...axis, size: 44, values: (_u, vals) => vals.map((v) => (v >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(v))) },
        ],
        series: [
          {},
          { label: 'in/s', stroke: '#7aa2f7', width: 1.5, points: { show: false } },
          { label: 'out/s', stroke: '#2dd4bf', width: 1.5, fill: 'rgba(45,212,191,0.10)', points: { show: false } },
        ],
      },
      [[], [], []],
      el,
    );
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: 140 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    const h = store.getState().rates.get(nodeId);
    if (plot.current === null || h === undefined) return;
    const s = h.series();
    plot.current.setData([s.t, s.in, s.out]);
  }, [tick, nodeId, store]);

  return <div className="rate-chart" ref={host} data-testid="inspector-chart" />;
}

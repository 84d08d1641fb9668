import { memo, useEffect, useState } from 'react';
import { msText, rateText, shortNumber } from '../lib/format';
import { useEditor, useEditorApi } from '../store';
import { liveOf, selectInspected } from '../store/selectors';
import { PreviewTree } from './PreviewTree';
import { RateChart } from './RateChart';
import type { InspectedSamples } from '../store/types';
import type { ValueSample } from '@streamloom/engine/protocol';

/** After this long without a new sample, latency and busy are marked as last known values. */
const STALE_STATS_MS = 3000;

/** What a running node is doing: numbers, a chart, its latest values and its errors. */
export function LivePanel({ nodeId, hasOutput }: { nodeId: string; hasOutput: boolean }) {
  const store = useEditorApi();
  const live = useEditor(liveOf(nodeId));
  const inspected = useEditor(selectInspected);
  const runId = useEditor((s) => s.run?.runId ?? null);
  const lastFrameAt = useEditor((s) => s.lastFrameAt);
  // Latency and busy are kept from the last tick that sampled them; past a few seconds they are
  // shown as last known values, not as what the node does now.
  const statsAt = live?.statsAt;
  const stale = statsAt !== undefined && lastFrameAt !== null && lastFrameAt - statsAt > STALE_STATS_MS;
  const staleTitle = stale ? `last sampled at ${new Date(statsAt).toLocaleTimeString([], { hour12: false })}` : undefined;
  const statTone = stale ? 'stale' : undefined;

  // Ask the server for this node's values while it is shown.
  useEffect(() => {
    store.getState().inspect(nodeId);
  }, [store, nodeId, runId]);
  useEffect(() => () => store.getState().inspect(null), [store]);

  const samples = inspected?.nodeId === nodeId ? inspected : null;
  return (
    <section className="live-panel" aria-label="Live" data-testid="inspector-live">
      <h4 className="section-title">
        Live <span className="live-dot" aria-hidden="true" />
      </h4>
      <div className="stat-grid">
        <Stat label="in" value={live ? shortNumber(live.in) : '–'} testid="stat-in" />
        <Stat label="out" value={live ? shortNumber(live.out) : '–'} testid="stat-out" />
        <Stat label="in rate" value={live ? rateText(live.inRate) : '–'} />
        <Stat label="out rate" value={live ? rateText(live.rate) : '–'} testid="stat-rate" />
        <Stat label="latency p50" value={msText(live?.latencyP50)} testid="stat-p50" tone={statTone} title={staleTitle} />
        <Stat label="latency p99" value={msText(live?.latencyP99)} testid="stat-p99" tone={statTone} title={staleTitle} />
        <Stat label="busy" value={live?.busy !== undefined ? `${Math.round(live.busy)} ms/s` : '–'} tone={statTone} title={staleTitle} />
        <Stat label="errors" value={live ? shortNumber(live.errors) : '–'} tone={live && live.errors > 0 ? 'bad' : undefined} testid="stat-errors" />
        {live?.capacity !== undefined && <Stat label="held" value={`${shortNumber(live.queue ?? 0)} / ${shortNumber(live.capacity)}`} />}
        {live?.dropped !== undefined && live.dropped > 0 && <Stat label="dropped" value={shortNumber(live.dropped)} tone="bad" />}
      </div>
      <RateChart nodeId={nodeId} />
      <Values samples={samples} title={hasOutput ? 'Latest values' : 'Latest values received'} />
      <Errors samples={samples} />
    </section>
  );
}

function Stat({ label, value, tone, testid, title }: { label: string; value: string; tone?: 'bad' | 'stale'; testid?: string; title?: string }) {
  return (
    <div className={`stat${tone ? ` ${tone}` : ''}`} data-testid={testid} title={title}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function Values({ samples, title }: { samples: InspectedSamples | null; title: string }) {
  const [frozen, setFrozen] = useState<Pick<InspectedSamples, 'values' | 'omitted' | 'received' | 'firstSeq'> | null>(null);
  const paused = frozen !== null;
  const list = frozen ?? samples;
  const shown = list?.values ?? [];
  const firstSeq = list?.firstSeq ?? 0;
  const received = samples?.received ?? 0;
  // Not shown: what the server or this page let go, and while paused everything that arrived since.
  const notShown = paused ? frozen.omitted + (received - frozen.received) : (samples?.omitted ?? 0);
  // Newest first. Keys follow each value (not its row), so a new message mounts only its own rows
  // and the memoised rows of earlier values are left alone.
  const rows = [];
  for (let i = shown.length - 1; i >= 0; i--) rows.push(<ValueRow key={firstSeq + i} sample={shown[i]!} />);
  return (
    <div className="values">
      <div className="values-head">
        <h4 className="section-title">{title}</h4>
        <button
          type="button"
          className={`btn small${paused ? ' active' : ''}`}
          data-testid="samples-pause"
          aria-pressed={paused}
          onClick={() =>
            setFrozen(
              paused
                ? null
                : { values: samples?.values ?? [], omitted: samples?.omitted ?? 0, received, firstSeq: samples?.firstSeq ?? 0 },
            )
          }
        >
          {paused ? '▶ Resume' : '❚❚ Pause'}
        </button>
      </div>
      {notShown > 0 && (
        <div className="values-omitted" data-testid="samples-omitted">
          {shortNumber(notShown)} value{notShown === 1 ? '' : 's'} not shown{paused ? ' (paused; the run goes on)' : ' (too many to list)'}
        </div>
      )}
      <div className="values-list" data-testid="samples-list">
        {shown.length === 0 && <div className="muted small">No values yet.</div>}
        {rows}
      </div>
    </div>
  );
}

const ValueRow = memo(function ValueRow({ sample }: { sample: ValueSample }) {
  return (
    <div className="value-row">
      <span className="value-time">{new Date(sample.t).toLocaleTimeString([], { hour12: false })}</span>
      <PreviewTree value={sample.value} />
    </div>
  );
});

function Errors({ samples }: { samples: InspectedSamples | null }) {
  const errors = samples?.errors ?? [];
  if (errors.length === 0) return null;
  return (
    <div className="errors" data-testid="samples-errors">
      <h4 className="section-title">Recent errors</h4>
      {[...errors].reverse().map((e, i) => (
        <div key={`${e.t}:${i}`} className="error-row">
          <div className="error-message">{e.message}</div>
          <div className="error-element">
            <span className="muted small">element </span>
            <PreviewTree value={e.element} />
          </div>
        </div>
      ))}
    </div>
  );
}

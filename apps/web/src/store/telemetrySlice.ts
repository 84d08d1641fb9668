import type { StateCreator } from 'zustand';
import { RateHistories } from './rateHistory';
import type { EditorState, NodeLive, StoreDeps, TelemetrySlice } from './types';

/** How many recent values and errors the inspector keeps; older ones are counted, not lost silently. */
export const SAMPLE_LIMIT = 200;
export const ERROR_LIMIT = 50;
/** The bottleneck mark moves only when the marked node's load falls below this share of the busiest's. */
export const BOTTLENECK_HOLD = 0.8;
/**
 * The least work (ms per second) that makes a node the bottleneck: below it every node is nearly
 * idle, the busiest is noise, and a mark jumping between idle nodes says nothing (and repaints).
 */
export const BOTTLENECK_MIN_BUSY = 5;
/** A node's last busy figure counts for the bottleneck this long after its sample (slow streams sample rarely). */
export const BUSY_VALID_MS = 3000;

export const createTelemetrySlice =
  (deps: StoreDeps, rates_: RateHistories): StateCreator<EditorState, [], [], TelemetrySlice> =>
  (set, get) => ({
    rates: rates_,
    live: {},
    bottleneck: null,
    lastFrameAt: null,
    inspected: null,

    applyFrames(frames) {
      const runId = get().run?.runId;
      let live = get().live;
      let lastAt = get().lastFrameAt;
      let next: Record<string, NodeLive> | null = null;
      for (const frame of frames) {
        if (frame.runId !== runId) continue;
        next = {};
        for (const id in frame.nodes) {
          const t = frame.nodes[id]!;
          const prev = live[id];
          // The first sample has no second to average over: it counts as idle.
          const rates = rates_.push(id, frame.t, t.in, t.out, { in: 0, out: 0 });
          const rate = Math.max(0, rates.out);
          const inRate = Math.max(0, rates.in);
          // A tick without a latency sample keeps the last known latency and busy figures.
          const sampled = t.latencyP50 !== undefined || t.busy !== undefined;
          const busy = sampled ? t.busy : prev?.busy;
          const latencyP50 = sampled ? t.latencyP50 : prev?.latencyP50;
          const latencyP99 = sampled ? t.latencyP99 : prev?.latencyP99;
          const statsAt = sampled ? frame.t : prev?.statsAt;
          if (
            prev !== undefined &&
            prev.in === t.in &&
            prev.out === t.out &&
            prev.rate === 0 &&
            rate === 0 &&
            prev.inRate === 0 &&
            inRate === 0 &&
            prev.errors === t.errors &&
            prev.queue === t.queue &&
            !sampled
          ) {
            next[id] = prev;
            continue;
          }
          next[id] = {
            in: t.in,
            out: t.out,
            rate,
            inRate,
            errors: t.errors,
            lastError: t.lastError,
            busy,
            queue: t.queue,
            capacity: t.capacity,
            dropped: t.dropped,
            latencyP50,
            latencyP99,
            statsAt,
            tick: (prev?.tick ?? 0) + 1,
          };
        }
        live = next;
        lastAt = frame.t;
      }
      if (next === null) return;
      let bottleneck: string | null = null;
      let most = BOTTLENECK_MIN_BUSY - Number.EPSILON;
      const recent = (l: NodeLive | undefined) => (l?.statsAt !== undefined && lastAt !== null && lastAt - l.statsAt <= BUSY_VALID_MS ? (l.busy ?? 0) : 0);
      for (const id in next) {
        const busy = recent(next[id]);
        if (busy > most) {
          most = busy;
          bottleneck = id;
        }
      }
      // The mark stays on the node that has it while that node is nearly as busy as the busiest:
      // among nodes of about equal load it would otherwise jump at every frame (unreadable, and
      // each move repaints two nodes).
      const held = get().bottleneck;
      if (bottleneck !== null && held !== null && held !== bottleneck && recent(next[held]) >= most * BOTTLENECK_HOLD) bottleneck = held;
      set({ live: next, lastFrameAt: lastAt, bottleneck });
    },

    applySamples(samples) {
      const inspected = get().inspected;
      if (inspected === null || inspected.runId !== samples.runId || inspected.nodeId !== samples.nodeId) return;
      let values = inspected.values.concat(samples.values);
      let omitted = inspected.omitted + samples.omitted;
      let firstSeq = inspected.firstSeq;
      if (values.length > SAMPLE_LIMIT) {
        const cut = values.length - SAMPLE_LIMIT;
        omitted += cut;
        firstSeq += cut;
        values = values.slice(cut);
      }
      let errors = inspected.errors.concat(samples.errors);
      if (errors.length > ERROR_LIMIT) errors = errors.slice(errors.length - ERROR_LIMIT);
      set({
        inspected: { ...inspected, values, errors, omitted, firstSeq, received: inspected.received + samples.values.length + samples.omitted },
      });
    },

    clearTelemetry() {
      rates_.clear();
      set({ live: {}, bottleneck: null, lastFrameAt: null });
    },

    inspect(nodeId) {
      const { inspected, run } = get();
      if (inspected !== null && inspected.nodeId === nodeId && inspected.runId === run?.runId) return;
      if (inspected !== null) deps.transport.inspect(inspected.runId, inspected.nodeId, false);
      if (nodeId === null || run === null) {
        if (inspected !== null) set({ inspected: null });
        return;
      }
      deps.transport.inspect(run.runId, nodeId, true);
      set({ inspected: { runId: run.runId, nodeId, values: [], errors: [], omitted: 0, received: 0, firstSeq: 0 } });
    },
  });

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from '@playwright/test';
import { deploy, editorReady, openEditor, viewportSettled } from '../../support/editor.js';
import { E2E_ROOT } from '../../support/env.js';
import { chainsGraph } from '../../support/generate.js';
import { expect, test } from '../../support/test.js';

// Targets (README): applying a telemetry frame costs < 4 ms of main-thread time at 10 frames/s;
// panning runs at 60 frames per second. A benchmark: the figures are printed and kept in
// reports/scale.json with each target marked met or missed; only that frames flow is asserted.
const CHAINS = 30;
const LENGTH = 10;

interface FrameSample {
  /** The store update and the DOM writes of its subscriptions (synchronous part). */
  apply: number;
  /** Until the next task: React's commit, style, layout and paint of that frame included. */
  total: number;
  frames: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => Math.round(x * 100) / 100;
/** A measuring window: the time is what is measured, nothing is waited for. */
const window3s = () => new Promise<void>((resolve) => setTimeout(resolve, 3000));

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; beginData?: { partialLayout?: boolean } };
}

/** A Chromium trace (the DevTools timeline's categories) around `during`. */
async function trace(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'cc', 'v8.execute', 'blink.user_timing'], excludedCategories: ['*'] },
  });
  await during();
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', onData);
  // SCALE_TRACE_DIR=<dir>: keep each trace (open in DevTools or Perfetto).
  if (process.env.SCALE_TRACE_DIR) writeFileSync(`${process.env.SCALE_TRACE_DIR}/trace-${Date.now()}.json`, JSON.stringify(events));
  return events;
}

/** Where the page's main thread spent its time in a trace: CPU time (thread time) by kind of work. */
function mainThread(events: TraceEvent[]) {
  const threads = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || threads.get(key) !== 'CrRendererMain') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(e);
  }
  // The page's renderer: the main thread with the most events.
  const xs = [...byThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  xs.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const kinds: Record<string, RegExp> = {
    script: /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|MajorGC|MinorGC)/,
    style: /^(UpdateLayoutTree|Document::recalcStyle|Document::updateStyle)/,
    layout: /^(Layout|LocalFrameView::performLayout|InlineNode::)/,
    paint: /^(Paint|Blink\.Paint\.|RecordingSource::)/,
    'prepaint and compositing inputs': /^(Blink\.PrePaint|Blink\.CompositingInputs|CullRectUpdate|PrePaint)/,
    layerize: /^(Layerize|PaintArtifactCompositor::)/,
    'commit to the compositor': /^(Commit|ProxyMain::BeginMainFrame::commit|LayerTreeHost::)/,
    'hit testing': /^(HitTest|LayoutView::HitTest)/,
  };
  const cpu: Record<string, number> = { other: 0 };
  for (const k in kinds) cpu[k] = 0;
  let busy = 0;
  let busyWall = 0;
  // Self time (thread time less the children's) of each event, by kind.
  const stack: Array<{ e: TraceEvent; childCpu: number }> = [];
  const close = (upTo: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.e.ts + (stack[stack.length - 1]!.e.dur ?? 0) <= upTo) {
      const { e, childCpu } = stack.pop()!;
      const t = e.tdur ?? e.dur ?? 0;
      const kind = Object.keys(kinds).find((k) => kinds[k]!.test(e.name)) ?? 'other';
      cpu[kind]! += Math.max(0, t - childCpu);
      if (stack.length > 0) stack[stack.length - 1]!.childCpu += t;
      else {
        busy += t;
        busyWall += e.dur ?? 0;
      }
    }
  };
  for (const e of xs) {
    close(e.ts);
    stack.push({ e, childCpu: 0 });
  }
  close(Infinity);
  const layouts = xs.filter((e) => e.name === 'Layout');
  // CPU per applied frame: the wrapper marks each applyFrames call ('sl-frame'); the top-level
  // tasks from one mark to the next (the frame's own work and whatever else ran until the next
  // one) are that frame's. Their distribution gives p50 / p95.
  const marks = events.filter((e) => e.name === 'sl-frame').map((e) => e.ts).sort((a, b) => a - b);
  const tops: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of xs) {
    if (e.ts >= end) {
      tops.push(e);
      end = e.ts + (e.dur ?? 0);
    }
  }
  // A task belongs to the last mark before its end (the task that applies a frame contains its mark).
  const perFrameCpu: number[] = marks.slice(1).map(() => 0);
  for (const e of tops) {
    const taskEnd = e.ts + (e.dur ?? 0);
    let i = -1;
    while (i + 1 < marks.length && marks[i + 1]! <= taskEnd) i++;
    if (i >= 0 && i < perFrameCpu.length) perFrameCpu[i]! += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return {
    /** Main-thread CPU time, ms. */
    busy: busy / 1000,
    /** The same tasks in wall time (longer when the thread waits for a core), ms. */
    busyWall: busyWall / 1000,
    cpu: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / 1000])),
    layouts: layouts.length,
    /** Layouts of the whole document rather than of relayout boundaries only. */
    fullLayouts: layouts.filter((e) => e.args?.beginData?.partialLayout === false).length,
    paints: xs.filter((e) => e.name === 'Paint').length,
    renderingFrames: xs.filter((e) => e.name === 'ProxyMain::BeginMainFrame').length,
    perFrameCpu,
  };
}

/** Frames applied since the wrapper was installed. */
const framesApplied = (page: Page) =>
  page.evaluate(() => (window as unknown as { __frames: FrameSample[] }).__frames.reduce((n, s) => n + s.frames, 0));

/**
 * Three seconds of dragging the empty canvas in a slow circle, one mouse move per painted frame;
 * frames counted with requestAnimationFrame.
 */
async function pan(page: Page) {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  // A point of the empty pane (a press on a node would select and drag it, and the inspector
  // would then show its live values: a measure of the inspector, not of the canvas).
  const from = await page.evaluate(
    ({ x, y, width, height }) => {
      for (let dy = 20; dy < height / 2; dy += 10)
        for (const fx of [0.5, 0.3, 0.7, 0.1, 0.9]) {
          const p = { x: x + width * fx, y: y + height - dy };
          if (document.elementFromPoint(p.x, p.y)?.classList.contains('react-flow__pane')) return p;
        }
      return { x: x + width / 2, y: y + height - 20 };
    },
    pane,
  );
  const viewportBefore = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  await page.evaluate(() => {
    const w = window as unknown as { __raf: number[]; __rafOn: boolean };
    w.__raf = [];
    w.__rafOn = true;
    const tick = (t: number) => {
      w.__raf.push(t);
      if (w.__rafOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const panStart = Date.now();
  while (Date.now() - panStart < 3000) {
    const a = ((Date.now() - panStart) / 3000) * Math.PI * 2;
    await page.mouse.move(from.x + Math.sin(a) * 300, from.y - (1 - Math.cos(a)) * 150);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  await page.mouse.up();
  const raf = await page.evaluate(() => {
    const w = window as unknown as { __raf: number[]; __rafOn: boolean };
    w.__rafOn = false;
    return w.__raf;
  });
  const viewportAfter = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  expect(viewportAfter, 'the drag panned the canvas').not.toBe(viewportBefore);
  await expect(page.locator('.op-node.selected'), 'the drag selected no node').toHaveCount(0);
  const gaps = raf.slice(1).map((t, i) => t - raf[i]!);
  return {
    fps: ms(((raf.length - 1) / (raf[raf.length - 1]! - raf[0]!)) * 1000),
    frameP95: ms(quantile(gaps, 0.95)),
    frameMax: ms(Math.max(...gaps)),
    framesOver20ms: gaps.filter((g) => g > 20).length,
  };
}

/** A node's count of elements in, from the store (in low detail the canvas shows no numbers). */
const storeCount = (page: Page, id: string) =>
  page.evaluate((nodeId) => {
    const w = window as unknown as { streamloom: { store: { getState(): { live: Record<string, { in: number } | undefined> } } } };
    return w.streamloom.store.getState().live[nodeId]?.in ?? 0;
  }, id);

/** The canvas's zoom, from React Flow's viewport transform. */
async function zoomOf(page: Page): Promise<number> {
  const t = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(t)?.[1] ?? NaN);
}

/** Zooms with the mouse wheel about the middle of the canvas until the zoom is `target` (within 5 %). */
async function zoomTo(page: Page, target: number): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 10; i++) {
    const z = await zoomOf(page);
    if (Math.abs(Math.log(z / target)) < 0.05) break;
    // React Flow zooms by 2^(-deltaY × 0.002) per wheel event (d3-zoom).
    await page.mouse.wheel(0, -Math.log2(target / z) / 0.002);
    await viewportSettled(page);
  }
}

// Playwright's trace snapshots the page at every action: not while measuring it.
test.use({ trace: 'off' });

test('a 300-node graph opens, deploys and updates live; frame cost and panning frame rate', async ({ page, api }, testInfo) => {
  test.setTimeout(240_000);
  const graph = chainsGraph(CHAINS, LENGTH, 100, `e2e scale ${Date.now()}`);
  expect(graph.nodes).toHaveLength(300);
  const graphId = await api.createGraph(graph);
  const emptyId = await api.createGraph({ version: 1, name: `e2e scale empty ${Date.now()}`, nodes: [], edges: [] });
  const loads: number[] = [];
  const load = () => loads.push(loadavg()[0]!);

  const began = Date.now();
  const step = (what: string) => console.log(`scale: ${what} at ${Date.now() - began} ms`);

  // The baseline: the same page with an empty canvas and no telemetry.
  await openEditor(page, emptyId);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  load();
  const panEmpty = await pan(page);
  step('empty canvas panned');

  const opening = Date.now();
  await openEditor(page, graphId);
  await expect(page.locator('.op-node')).toHaveCount(300, { timeout: 30_000 });
  const openMs = Date.now() - opening;
  step('opened');
  const cdp = await page.context().newCDPSession(page);
  const fitZoom = await zoomOf(page);
  // Fit view: every node in view, in low detail (numbers under 6 px on screen are not drawn).
  await expect(page.locator('.canvas.lod-low')).toHaveCount(1);
  // The 300 nodes before the run: what the page costs with no telemetry.
  load();
  const panIdle = await pan(page);
  const idle = mainThread(await trace(cdp, window3s));
  step('idle graph panned and traced');
  // The same at zoom 1 on the middle of the graph (full detail, only what is in view is drawn).
  await zoomTo(page, 1);
  await expect(page.locator('.canvas.lod-low')).toHaveCount(0);
  load();
  const panIdleZoom1 = await pan(page);
  step('idle graph panned at zoom 1');
  await page.getByTestId('toolbar-fit').click();
  await viewportSettled(page);

  await deploy(page);
  step('running');
  const sinks = Array.from({ length: CHAINS }, (_, c) => `c${c}n${LENGTH - 1}`);
  // Live: every chain's sink counts, and the counts keep rising (read from the store: in low
  // detail the nodes show no numbers).
  for (const id of [sinks[0]!, sinks[CHAINS - 1]!]) await expect.poll(() => storeCount(page, id), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const before = await storeCount(page, sinks[15]!);
  await expect.poll(() => storeCount(page, sinks[15]!)).toBeGreaterThan(before);
  // Low detail shows activity: the sink's bar has a width.
  await expect(page.getByTestId(`node-live-${sinks[15]}`).locator('.op-lod-activity')).not.toHaveAttribute('style', /width: 0%/);
  step('live');

  // The editor applies frames through its store's applyFrames (coalesced, once per animation
  // frame): wrapped here to count them, time the synchronous part and mark them in the trace.
  await page.evaluate(() => {
    const w = window as unknown as { streamloom: { store: { getState(): Record<string, unknown>; setState(p: Record<string, unknown>): void } }; __frames: FrameSample[] };
    const store = w.streamloom.store;
    const apply = store.getState().applyFrames as (frames: unknown[]) => void;
    w.__frames = [];
    store.setState({
      applyFrames: (frames: unknown[]) => {
        performance.mark('sl-frame');
        const t0 = performance.now();
        apply(frames);
        const t1 = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__frames.push({ apply: t1 - t0, total: performance.now() - t0, frames: frames.length });
        channel.port2.postMessage(null);
        performance.clearMarks('sl-frame');
      },
    });
  });
  await cdp.send('Performance.enable');
  // Chromium's own totals (seconds of main-thread time since the page opened), read around a window.
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
  };

  /** Frame cost and live panning at the current view. */
  const measure = async () => {
    await page.evaluate(() => {
      (window as unknown as { __frames: FrameSample[] }).__frames = [];
    });
    // Window 1, ten seconds untraced: Performance.getMetrics deltas (wall time of main-thread tasks).
    load();
    const m0 = await metrics();
    const t0 = Date.now();
    await expect
      .poll(async () => (await framesApplied(page)) > 0 && Date.now() - t0 >= 10_000, { timeout: 30_000, intervals: [500] })
      .toBe(true);
    const m1 = await metrics();
    const windowMs = Date.now() - t0;
    const samples = await page.evaluate(() => (window as unknown as { __frames: FrameSample[] }).__frames);
    const applied = samples.reduce((n, s) => n + s.frames, 0);

    // Window 2, three seconds traced: main-thread CPU time per applied frame, by kind of work.
    load();
    let tracedFrames = 0;
    const live = mainThread(
      await trace(cdp, async () => {
        const f0 = await framesApplied(page);
        await window3s();
        tracedFrames = (await framesApplied(page)) - f0;
      }),
    );
    const perFrame = (x: number) => ms(x / tracedFrames);
    const frame = {
      frames: applied,
      framesPerSecond: ms((applied / windowMs) * 1000),
      applyP50: ms(quantile(samples.map((s) => s.apply), 0.5)),
      applyP95: ms(quantile(samples.map((s) => s.apply), 0.95)),
      withRenderP50: ms(quantile(samples.map((s) => s.total), 0.5)),
      withRenderP95: ms(quantile(samples.map((s) => s.total), 0.95)),
      // Window 1 (Performance.getMetrics): wall time, waiting for a core included.
      mainThreadWallPerFrame: ms((m1.task - m0.task) / applied),
      scriptWallPerFrame: ms((m1.script - m0.script) / applied),
      layoutWallPerFrame: ms((m1.layout - m0.layout) / applied),
      styleWallPerFrame: ms((m1.style - m0.style) / applied),
      mainThreadBusy: `${Math.round(((m1.task - m0.task) / windowMs) * 100)}%`,
      // Window 2 (trace): CPU time of the main thread.
      tracedFrames,
      mainThreadCpuPerFrame: perFrame(live.busy),
      // From one applied frame to the next (trace marks): the distribution.
      cpuPerFrameP50: ms(quantile(live.perFrameCpu, 0.5)),
      cpuPerFrameP95: ms(quantile(live.perFrameCpu, 0.95)),
      mainThreadCpuPerFrameNetOfIdle: perFrame(Math.max(0, live.busy - idle.busy)),
      cpuPerFrameByKind: Object.fromEntries(Object.entries(live.cpu).map(([k, v]) => [k, perFrame(v)])),
      mainThreadWallPerFrameTraced: perFrame(live.busyWall),
      renderingFramesPerSecond: ms(live.renderingFrames / 3),
      layoutsPerSecond: ms(live.layouts / 3),
      fullDocumentLayoutsPerSecond: ms(live.fullLayouts / 3),
      paintEventsPerSecond: Math.round(live.paints / 3),
    };
    // Panning while telemetry keeps arriving.
    load();
    const panLive = await pan(page);
    return { frame, panLive };
  };

  const fit = await measure();
  step('measured at fit view');

  // Zoom 1 on the middle of the graph: full detail, every number drawn, off-screen nodes culled.
  await zoomTo(page, 1);
  const zoom1 = await zoomOf(page);
  await expect(page.locator('.canvas.lod-low')).toHaveCount(0);
  const drawn = await page.locator('.op-node').count();
  const shown = page.locator('[data-testid^="node-count-"]').first();
  await expect(shown).toHaveText(/^\d+(\.\d+)?k? (in|out)$/);
  const close = await measure();
  step('measured at zoom 1');
  const drawnAfterPan = await page.locator('.op-node').count();

  // Still live after all that.
  const later = await storeCount(page, sinks[15]!);
  await expect.poll(() => storeCount(page, sinks[15]!)).toBeGreaterThan(later);

  // The baseline again, at the end (the machine's load changes).
  await openEditor(page, emptyId);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  load();
  const panEmptyEnd = await pan(page);

  const emptyFps = Math.max(panEmpty.fps, panEmptyEnd.fps);
  const targets = {
    fitView: {
      frameUnder4ms: fit.frame.mainThreadCpuPerFrame < 4 ? 'met' : 'missed',
      pan60fps: fit.panLive.fps >= 55 ? 'met' : 'missed',
    },
    zoom1: {
      frameUnder4ms: close.frame.mainThreadCpuPerFrame < 4 ? 'met' : 'missed',
      pan60fps: close.panLive.fps >= 55 ? 'met' : 'missed',
    },
  };
  const figures = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    openMs,
    fitView: {
      zoom: ms(fitZoom),
      frame: fit.frame,
      pan: { live: fit.panLive, idleGraph: panIdle, liveToEmptyRatio: ms(fit.panLive.fps / emptyFps) },
    },
    zoom1: {
      zoom: ms(zoom1),
      nodesDrawn: drawn,
      nodesDrawnAfterPan: drawnAfterPan,
      frame: close.frame,
      pan: { live: close.panLive, idleGraph: panIdleZoom1, liveToEmptyRatio: ms(close.panLive.fps / emptyFps) },
    },
    emptyCanvas: { start: panEmpty, end: panEmptyEnd },
    idleMainThreadCpuPerSecond: ms(idle.busy / 3),
    targets,
    machine: { cpus: cpus().length, loadAverage1m: loads.map(ms) },
  };
  console.log(`scale figures: ${JSON.stringify(figures, null, 2)}`);
  mkdirSync(`${E2E_ROOT}reports`, { recursive: true });
  writeFileSync(`${E2E_ROOT}reports/scale.json`, `${JSON.stringify(figures, null, 2)}\n`);
  testInfo.annotations.push({ type: 'scale', description: JSON.stringify(figures) });

  // Timing on a shared two-core machine is too noisy to gate on. Asserted: frames flow and are applied.
  for (const m of [fit, close]) {
    expect(m.frame.framesPerSecond).toBeGreaterThan(5);
    expect(m.frame.tracedFrames).toBeGreaterThan(0);
    expect(m.panLive.fps).toBeGreaterThan(0);
  }
  await editorReady(page);
});

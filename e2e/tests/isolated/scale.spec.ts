import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { deploy, editorReady, liveCount, openEditor } from '../../support/editor.js';
import { E2E_ROOT } from '../../support/env.js';
import { chainsGraph } from '../../support/generate.js';
import { expect, test } from '../../support/test.js';

// Targets (README): applying a telemetry frame costs < 4 ms of main-thread time at 10 frames/s;
// panning runs at 60 frames per second.
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

// Playwright's trace snapshots the page at every action: not while measuring it.
test.use({ trace: 'off' });

test('a 300-node graph opens, deploys and updates live; frame cost and panning frame rate', async ({ page, api }, testInfo) => {
  test.setTimeout(180_000);
  const graph = chainsGraph(CHAINS, LENGTH, 100, `e2e scale ${Date.now()}`);
  expect(graph.nodes).toHaveLength(300);
  const graphId = await api.createGraph(graph);

  const step = (what: string) => console.log(`scale: ${what} at ${Date.now() - began} ms`);
  const began = Date.now();
  const opening = Date.now();
  await openEditor(page, graphId);
  await expect(page.locator('.op-node')).toHaveCount(300, { timeout: 30_000 });
  const openMs = Date.now() - opening;

  step('opened');
  await deploy(page);
  step('running');
  const sinks = Array.from({ length: CHAINS }, (_, c) => `c${c}n${LENGTH - 1}`);
  // Live: every chain's sink counts, and the counts keep rising.
  for (const id of [sinks[0]!, sinks[CHAINS - 1]!]) await expect.poll(() => liveCount(page, id), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const before = await liveCount(page, sinks[15]!);
  await expect.poll(() => liveCount(page, sinks[15]!)).toBeGreaterThan(before);

  step('live');
  // Main-thread time per telemetry frame, measured in the page with the Performance API: the
  // editor applies frames through its store's applyFrames (once per animation frame).
  await page.evaluate(() => {
    const w = window as unknown as { streamloom: { store: { getState(): Record<string, unknown>; setState(p: Record<string, unknown>): void } }; __frames: FrameSample[] };
    const store = w.streamloom.store;
    const apply = store.getState().applyFrames as (frames: unknown[]) => void;
    w.__frames = [];
    store.setState({
      applyFrames: (frames: unknown[]) => {
        const t0 = performance.now();
        apply(frames);
        const t1 = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__frames.push({ apply: t1 - t0, total: performance.now() - t0, frames: frames.length });
        channel.port2.postMessage(null);
      },
    });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Chromium's own totals (seconds of main-thread time since the page opened), read around the window.
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const get = (name: string) => (list.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { task: get('TaskDuration'), script: get('ScriptDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration') };
  };
  const m0 = await metrics();
  const t0 = Date.now();
  // A ten-second window of live telemetry.
  await expect
    .poll(async () => (await page.evaluate(() => (window as unknown as { __frames: FrameSample[] }).__frames.length)) > 0 && Date.now() - t0 >= 10_000, {
      timeout: 30_000,
      intervals: [500],
    })
    .toBe(true);
  const m1 = await metrics();
  const windowMs = Date.now() - t0;
  const samples = await page.evaluate(() => (window as unknown as { __frames: FrameSample[] }).__frames);
  const framesApplied = samples.reduce((n, s) => n + s.frames, 0);
  const frame = {
    frames: framesApplied,
    framesPerSecond: ms((framesApplied / windowMs) * 1000),
    applyP50: ms(quantile(samples.map((s) => s.apply), 0.5)),
    applyP95: ms(quantile(samples.map((s) => s.apply), 0.95)),
    withRenderP50: ms(quantile(samples.map((s) => s.total), 0.5)),
    withRenderP95: ms(quantile(samples.map((s) => s.total), 0.95)),
    mainThreadPerFrame: ms((m1.task - m0.task) / framesApplied),
    scriptPerFrame: ms((m1.script - m0.script) / framesApplied),
    layoutPerFrame: ms((m1.layout - m0.layout) / framesApplied),
    stylePerFrame: ms((m1.style - m0.style) / framesApplied),
    mainThreadBusy: `${Math.round(((m1.task - m0.task) / windowMs) * 100)}%`,
  };

  // Panning: the mouse drags the empty canvas at a person's pace (one move per animation frame)
  // while telemetry keeps arriving; frames are counted with requestAnimationFrame.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const from = { x: pane.x + pane.width / 2, y: pane.y + pane.height - 20 };
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
  // Three seconds of a slow circle, one mouse move per painted frame.
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
  const gaps = raf.slice(1).map((t, i) => t - raf[i]!);
  const pan = {
    durationMs: Math.round(raf[raf.length - 1]! - raf[0]!),
    fps: ms(((raf.length - 1) / (raf[raf.length - 1]! - raf[0]!)) * 1000),
    frameP95: ms(quantile(gaps, 0.95)),
    frameMax: ms(Math.max(...gaps)),
    framesOver20ms: gaps.filter((g) => g > 20).length,
  };

  // Still live after all that.
  const later = await liveCount(page, sinks[15]!);
  await expect.poll(() => liveCount(page, sinks[15]!)).toBeGreaterThan(later);

  const targets = {
    frameUnder4ms: frame.mainThreadPerFrame < 4 ? 'met' : 'missed',
    pan60fps: pan.fps >= 55 ? 'met' : 'missed',
  };
  const figures = {
    nodes: graph.nodes.length,
    edges: graph.edges.length,
    openMs,
    frame,
    pan,
    targets,
    machine: { cpus: cpus().length, loadAverage1m: ms(loadavg()[0]!) },
  };
  console.log(`scale figures: ${JSON.stringify(figures, null, 2)}`);
  mkdirSync(`${E2E_ROOT}reports`, { recursive: true });
  writeFileSync(`${E2E_ROOT}reports/scale.json`, `${JSON.stringify(figures, null, 2)}\n`);
  testInfo.annotations.push({ type: 'scale', description: JSON.stringify(figures) });

  // Timing on a shared two-core machine is too noisy to gate on: the figures are printed and kept
  // in reports/scale.json with the targets marked met or missed. Asserted: frames flow and are applied.
  expect(frame.framesPerSecond).toBeGreaterThan(5);
  expect(pan.fps).toBeGreaterThan(0);
  await editorReady(page);
});

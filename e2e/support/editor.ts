// Person-like helpers: what someone does with the mouse and keyboard in the editor. They find
// things by the editor's data-testids and roles, and wait by polling, never by sleeping.
import { expect, type Locator, type Page } from '@playwright/test';
import { fixture, type Api } from './api.js';
import { TOKEN } from './env.js';

/** The graph a page has open, from its address (`#/graph/<id>`). */
export function graphIdOf(page: Page): string | null {
  return /#\/graph\/([^/?#]+)/.exec(page.url())?.[1] ?? null;
}

/** Opens the editor the way the printed link does (`/?token=…`), on a graph when one is named. */
export async function openEditor(page: Page, graphId?: string, base = ''): Promise<void> {
  await page.goto(`${base}/?token=${TOKEN}${graphId === undefined ? '' : `#/graph/${graphId}`}`);
  await editorReady(page);
  if (graphId !== undefined) await expect.poll(() => graphIdOf(page)).toBe(graphId);
}

/** Waits until the editor has loaded its catalog and graph. */
export async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.app')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

/** Graphs → New graph: an empty graph of one's own. Returns its id. */
export async function newGraph(page: Page): Promise<string> {
  const before = graphIdOf(page);
  await page.getByTestId('toolbar-graphs').click();
  await page.getByTestId('graphs-new').click();
  await expect(page.getByTestId('dialog-graphs')).toBeHidden();
  await expect.poll(() => graphIdOf(page)).not.toBe(before);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  return graphIdOf(page)!;
}

export const nodeBox = (page: Page, id: string): Locator => page.getByTestId(`node-${id}`);

async function nodeIds(page: Page, type: string): Promise<string[]> {
  const ids = await page.locator(`.op-node[data-op="${type}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((t) => t.replace(/^node-/, ''));
}

/**
 * Drags an operator from the palette onto the canvas, dropping it at `at` (pixels from the
 * canvas's top-left corner). Returns the new node's id.
 */
export async function dragFromPalette(page: Page, type: string, at: { x: number; y: number }): Promise<string> {
  await settled(page);
  const before = new Set(await nodeIds(page, type));
  const entry = page.getByTestId(`palette-entry-${type}`);
  await entry.scrollIntoViewIfNeeded();
  await entry.dragTo(page.getByTestId('canvas'), { targetPosition: at });
  let added: string | undefined;
  await expect
    .poll(async () => {
      added = (await nodeIds(page, type)).find((id) => !before.has(id));
      return added;
    })
    .toBeDefined();
  return added!;
}

/** Drags a wire from one node's output to another's input (port 0 unless told). */
export async function connect(page: Page, from: string, to: string, port = 0): Promise<void> {
  await settled(page);
  const source = page.getByTestId(`handle-${from}-out`);
  const target = page.getByTestId(`handle-${to}-in-${port}`);
  const wire = page.locator('.react-flow__edge');
  const before = await wire.count();
  await source.hover();
  await page.mouse.down();
  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
  await expect(wire, `a wire from ${from} to ${to}`).toHaveCount(before + 1);
}

/**
 * Waits until the editor has saved (or kept as a draft) the last edit: the banners under the
 * toolbar, which move the workspace, have then appeared or gone. A person's pause between gestures.
 */
export async function settled(page: Page): Promise<void> {
  const status = page.getByTestId('save-status');
  if ((await status.count()) === 0) return;
  await expect(status).not.toHaveAttribute('data-state', /^(dirty|saving)$/);
}

/** Drags a node by its title bar by (dx, dy) pixels. */
export async function moveNode(page: Page, id: string, dx: number, dy: number): Promise<void> {
  await settled(page);
  const title = nodeBox(page, id).locator('.op-title');
  const box = (await title.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.mouse.up();
}

/** Clicks a node: the inspector shows it. */
export async function openInspector(page: Page, id: string): Promise<Locator> {
  await settled(page);
  // A node out of view is not drawn at all: a person presses Fit view to find it.
  if (!(await nodeBox(page, id).isVisible())) {
    await page.getByTestId('toolbar-fit').click();
    await viewportSettled(page);
  }
  await nodeBox(page, id).locator('.op-title').click();
  const inspector = page.getByTestId('inspector-node');
  await expect(inspector.getByTestId('inspector-node-id')).toContainText(id);
  return inspector;
}

/** Replaces the text of a function parameter in the inspector's code editor by typing. */
export async function typeFunction(page: Page, param: string, source: string): Promise<void> {
  const editor = page.getByTestId('inspector-node').getByTestId(`param-${param}`);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(source);
}

/** Presses Deploy and waits for the run to be running. */
export async function deploy(page: Page): Promise<void> {
  await page.getByTestId('toolbar-deploy').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
}

/** A node's live count ("12 out", "1.2k in") as a number of elements. */
export async function liveCount(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(`node-count-${id}`).allTextContents())[0] ?? '';
  const m = /^([\d.]+)([kMG]?)/.exec(text.trim());
  if (m === null) return -1;
  const scale = { '': 1, k: 1e3, M: 1e6, G: 1e9 }[m[2] as '' | 'k' | 'M' | 'G'];
  return Number(m[1]) * scale;
}

/** Waits until a node's live count reaches at least `n`. */
export async function expectCountAtLeast(page: Page, id: string, n: number, timeout = 20_000): Promise<void> {
  await expect.poll(() => liveCount(page, id), { timeout, message: `count of ${id} reaches ${n}` }).toBeGreaterThanOrEqual(n);
}

/** The values listed under "Latest values" in the inspector, as text. */
export async function inspectorValues(page: Page): Promise<string[]> {
  return page.getByTestId('samples-list').locator('.value-row .pv-leaf, .value-row summary').allTextContents();
}

/** Puts a fixture graph on the server (through the API) and opens it in the editor. Returns its id. */
export async function openFixture(page: Page, api: Api, name: string): Promise<string> {
  const graph = fixture(name, `${fixture(name).name} ${Math.random().toString(36).slice(2, 8)}`);
  const id = await api.createGraph(graph);
  await openEditor(page, id);
  await bringIntoView(page, graph.nodes.map((n) => n.id));
  return id;
}

/** When some of these nodes are out of view (not drawn), presses Fit view, as a person would. */
export async function bringIntoView(page: Page, ids: string[]): Promise<void> {
  await settled(page);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  for (const id of ids) {
    const box = await nodeBox(page, id).boundingBox();
    const inside = box !== null && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
    if (inside) continue;
    await page.getByTestId('toolbar-fit').click();
    await viewportSettled(page);
    for (const other of ids) await expect(nodeBox(page, other)).toBeInViewport();
    return;
  }
}

/** Where a node is on the canvas, in graph coordinates (React Flow's transform on its wrapper). */
export async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (m === null) throw new Error(`node ${id} has no position (${transform})`);
  return { x: Math.round(Number(m[1])), y: Math.round(Number(m[2])) };
}

/** Clicks an empty spot of the canvas (clears the selection; the keyboard goes to the editor). */
export async function clickEmptyCanvas(page: Page): Promise<void> {
  const pane = page.locator('.react-flow__pane');
  const box = (await pane.boundingBox())!;
  await page.mouse.click(box.x + 30, box.y + box.height - 30);
}

/** Waits until the canvas's viewport stops moving (after a fit or a pan). */
export async function viewportSettled(page: Page): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  await expect
    .poll(async () => {
      const a = await viewport.evaluate((el) => (el as HTMLElement).style.transform);
      await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
      return a === (await viewport.evaluate((el) => (el as HTMLElement).style.transform));
    })
    .toBe(true);
}

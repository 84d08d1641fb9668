import type { Page } from '@playwright/test';
import {
  clickEmptyCanvas,
  connect,
  dragFromPalette,
  newGraph,
  nodeBox,
  nodePosition,
  openEditor,
  openInspector,
  settled,
} from '../support/editor.js';
import { expect, test } from '../support/test.js';

/** What the canvas shows, in short: nodes, edges, one node's place and the counter's interval. */
async function canvasState(page: Page, moved: string, counter: string) {
  const nodes = (await page.locator('.op-node').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(5)))).sort();
  const edges = await page.locator('.react-flow__edge').count();
  const at = nodes.includes(moved) ? await nodePosition(page, moved) : null;
  const interval = nodes.includes(counter) ? await nodeBox(page, counter).locator('.op-key').textContent() : null;
  return { nodes, edges, at, interval };
}

test('undo and redo step through add, connect, move, a parameter edit and delete; copy and paste a selection', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openEditor(page);
  await newGraph(page);
  const undo = page.getByTestId('toolbar-undo');
  const redo = page.getByTestId('toolbar-redo');
  await expect(undo).toBeDisabled();

  const states = [await canvasState(page, 'map-1', 'counter-1')];
  const snap = async () => {
    await settled(page);
    states.push(await canvasState(page, 'map-1', 'counter-1'));
  };

  const counter = await dragFromPalette(page, 'counter', { x: 160, y: 220 });
  await snap();
  const map = await dragFromPalette(page, 'map', { x: 480, y: 220 });
  await snap();
  expect([counter, map]).toEqual(['counter-1', 'map-1']);

  await connect(page, counter, map);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await snap();

  await settled(page);
  const before = await nodePosition(page, map);
  const title = nodeBox(page, map).locator('.op-title');
  const box = (await title.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 90, { steps: 15 });
  await page.mouse.up();
  await expect.poll(async () => (await nodePosition(page, map)).x).toBeGreaterThan(before.x + 60);
  await snap();

  const inspector = await openInspector(page, counter);
  const interval = inspector.getByTestId('param-interval');
  await interval.click();
  await interval.press('ControlOrMeta+A');
  await interval.pressSequentially('250ms');
  await expect(nodeBox(page, counter).locator('.op-key')).toHaveText('interval: 250ms');
  await clickEmptyCanvas(page);
  await snap();

  await settled(page);
  await nodeBox(page, counter).locator('.op-title').click();
  await page.keyboard.press('Delete');
  await expect(nodeBox(page, counter)).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await snap();

  // Each state was different from the one before it.
  for (let i = 1; i < states.length; i++) expect(states[i]).not.toEqual(states[i - 1]);

  // Back through every step with the keyboard, the last one with the toolbar.
  for (let i = states.length - 2; i >= 0; i--) {
    if (i === 0) await undo.click();
    else await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => canvasState(page, map, counter), { message: `after undo, state ${i}` }).toEqual(states[i]);
  }
  await expect(undo).toBeDisabled();

  // And forward again.
  for (let i = 1; i < states.length; i++) {
    if (i === 1) await redo.click();
    else await page.keyboard.press('ControlOrMeta+Shift+Z');
    await expect.poll(() => canvasState(page, map, counter), { message: `after redo, state ${i}` }).toEqual(states[i]);
  }
  await expect(redo).toBeDisabled();

  // Copy and paste a selection of two wired nodes.
  const sink = await dragFromPalette(page, 'sink_to_list', { x: 820, y: 420 });
  await connect(page, map, sink);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await clickEmptyCanvas(page);
  await nodeBox(page, map).locator('.op-title').click();
  await nodeBox(page, sink).locator('.op-title').click({ modifiers: ['Shift'] });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2);
  await page.keyboard.press('ControlOrMeta+C');
  await expect(page.getByTestId('toast')).toHaveText('Copied 2 nodes');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.getByTestId('toast')).toHaveText('Pasted 2 nodes');
  await expect(page.locator('.op-node')).toHaveCount(4);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(nodeBox(page, 'map-2')).toBeVisible();
  await expect(nodeBox(page, 'sink_to_list-2')).toBeVisible();
  // The copy keeps the original's parameters and sits beside it.
  await expect(nodeBox(page, 'map-2').locator('.op-key')).toHaveText((await nodeBox(page, map).locator('.op-key').textContent())!);
  const original = await nodePosition(page, map);
  const copy = await nodePosition(page, 'map-2');
  expect(copy).toEqual({ x: original.x + 40, y: original.y + 40 });

  // A paste is one step to undo.
  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+Z');
  await expect(page.locator('.op-node')).toHaveCount(2);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
});

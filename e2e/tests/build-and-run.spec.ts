import { mkdirSync, writeFileSync } from 'node:fs';
import {
  connect,
  deploy,
  dragFromPalette,
  expectCountAtLeast,
  inspectorValues,
  newGraph,
  openEditor,
  openInspector,
  typeFunction,
  viewportSettled,
} from '../support/editor.js';
import { E2E_ROOT, REPO_ROOT } from '../support/env.js';
import { expect, test } from '../support/test.js';

test('a graph dragged from the palette, wired and deployed shows live counts, values and rates', async ({ page }) => {
  await openEditor(page);
  await newGraph(page);

  const counter = await dragFromPalette(page, 'counter', { x: 140, y: 200 });
  const map = await dragFromPalette(page, 'map', { x: 420, y: 200 });
  const sink = await dragFromPalette(page, 'sink_to_list', { x: 700, y: 200 });
  await connect(page, counter, map);
  await connect(page, map, sink);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  await openInspector(page, map);
  await typeFunction(page, 'func', '(x) => x * 10');
  await expect(page.getByTestId(`node-${map}`).locator('.op-key')).toHaveText('func: (x) => x * 10');

  await deploy(page);
  await expectCountAtLeast(page, counter, 3);
  await expectCountAtLeast(page, map, 3);
  await expectCountAtLeast(page, sink, 3);

  // The map's inspector lists its latest values: multiples of ten.
  const inspector = await openInspector(page, map);
  await expect.poll(async () => (await inspectorValues(page)).length).toBeGreaterThanOrEqual(2);
  const values = (await inspectorValues(page)).map((v) => Number(v.trim()));
  expect(values.every((v) => Number.isInteger(v) && v % 10 === 0), `values ${values.join(', ')}`).toBe(true);
  expect(values.some((v) => v > 0)).toBe(true);
  await expect.poll(async () => Number(await inspector.getByTestId('stat-out').locator('.stat-value').textContent())).toBeGreaterThanOrEqual(3);

  // The edges show the rate flowing through them (the counter's default: one per second).
  for (const edge of await page.locator('.react-flow__edge').all()) {
    const id = await edge.getAttribute('data-id');
    await expect(page.getByTestId(`edge-rate-${id}`)).toHaveText(/^(0\.[5-9]|1(\.\d)?|2)\/s$/);
  }

  // The picture of the editor for the README (docs/ only when asked: UPDATE_SCREENSHOT=1).
  const name = page.getByTestId('graph-name');
  await name.click();
  await name.press('ControlOrMeta+A');
  await name.pressSequentially('Counter, times ten');
  await name.press('Enter');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const palette = (await page.getByTestId('palette').boundingBox())!;
  await page.mouse.move(palette.x + palette.width / 2, palette.y + palette.height / 2);
  await page.mouse.wheel(0, -5000);
  await expect(page.getByTestId('palette-entry-from_iterable')).toBeInViewport();
  await page.getByTestId('toolbar-fit').click();
  await viewportSettled(page);
  await expectCountAtLeast(page, sink, 5);
  const shot = await page.screenshot();
  mkdirSync(`${E2E_ROOT}reports`, { recursive: true });
  writeFileSync(`${E2E_ROOT}reports/screenshot-editor.png`, shot);
  if (process.env.UPDATE_SCREENSHOT === '1') writeFileSync(`${REPO_ROOT}docs/screenshot-editor.png`, shot);
});

import { connect, deploy, dragFromPalette, expectCountAtLeast, inspectorValues, newGraph, openEditor, openInspector, typeFunction } from '../support/editor.js';
import { expect, test } from '../support/test.js';

test('a graph dragged from the palette, wired and deployed shows live counts, values and rates', async ({ page, api }) => {
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
  await expect(page.getByTestId(`node-${map}`)).toContainText('x * 10');

  await deploy(page);
  await expectCountAtLeast(page, counter, 2);
  await expectCountAtLeast(page, map, 2);
  await expectCountAtLeast(page, sink, 2);

  await openInspector(page, map);
  await expect.poll(async () => (await inspectorValues(page)).length).toBeGreaterThanOrEqual(2);
  const values = (await inspectorValues(page)).map((v) => Number(v.trim()));
  expect(values.every((v) => Number.isInteger(v) && v % 10 === 0), `values ${values.join(', ')}`).toBe(true);
  expect(values.some((v) => v > 0)).toBe(true);

  const edgeRate = page.locator('[data-testid^="edge-rate-"]').first();
  await expect(edgeRate).toHaveText(/^[1-9][\d.]*[kMG]?\/s$|^0\.[1-9]\/s$/);
  void api;
});

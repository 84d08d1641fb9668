import { connect, deploy, dragFromPalette, editorReady, newGraph, openEditor } from '../support/editor.js';
import { expect, test } from '../support/test.js';

/** The numbers the Log panel lists (its lines are the counter's values as JSON). */
async function loggedNumbers(page: import('@playwright/test').Page): Promise<number[]> {
  const texts = await page.getByTestId('log-line').locator('.log-text').allTextContents();
  return texts.map((t) => Number(t.trim()));
}

test('a log sink’s lines appear in the Log panel, live, with their node; pause, and after a reload', async ({ page }) => {
  await openEditor(page);
  await newGraph(page);
  const counter = await dragFromPalette(page, 'counter', { x: 160, y: 200 });
  const log = await dragFromPalette(page, 'log', { x: 480, y: 200 });
  await connect(page, counter, log);
  await deploy(page);

  const panel = page.getByTestId('log-panel');
  await expect(panel).toHaveCount(0);
  await page.getByTestId('toolbar-log').click();
  await expect(panel).toBeVisible();
  // The counter's values, one line each, in order, written by the log node.
  await expect.poll(async () => (await loggedNumbers(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  const first = await loggedNumbers(page);
  expect(first.slice(0, 3)).toEqual([0, 1, 2]);
  const row = page.getByTestId('log-line').first();
  await expect(row.getByTestId('log-line-node')).toHaveText(log);
  await expect(row.locator('time')).toHaveText(/^\d\d:\d\d:\d\d\.\d{3}$/);
  await expect(panel.getByTestId('log-skipped')).toHaveCount(0);

  // Clicking the node id selects the node: the inspector shows it.
  await row.getByTestId('log-line-node').click();
  await expect(page.getByTestId('inspector-node-id')).toContainText(log);

  // Paused, the list stands still and says how many lines came meanwhile.
  await panel.getByTestId('log-pause').click();
  const frozen = await page.getByTestId('log-line').count();
  await expect(panel.getByTestId('log-paused-count')).toHaveText(/[1-9]\d* new lines?/, { timeout: 20_000 });
  expect(await page.getByTestId('log-line').count()).toBe(frozen);
  await panel.getByTestId('log-pause').click();
  await expect.poll(() => page.getByTestId('log-line').count()).toBeGreaterThan(frozen);

  // After a reload the panel is open again with the run's recent lines, and goes on.
  const before = (await loggedNumbers(page)).at(-1)!;
  await page.reload();
  await editorReady(page);
  await expect(page.getByTestId('log-panel')).toBeVisible();
  await expect.poll(async () => (await loggedNumbers(page))[0]).toBe(0);
  await expect.poll(async () => (await loggedNumbers(page)).at(-1)!, { timeout: 20_000 }).toBeGreaterThan(before);
  const after = await loggedNumbers(page);
  expect(after).toEqual(after.map((_, i) => i));

  // Clear empties it; new lines come after.
  await page.getByTestId('log-clear').click();
  await expect.poll(async () => (await loggedNumbers(page))[0] ?? -1, { timeout: 20_000 }).toBeGreaterThan(after.at(-1)!);

  // Closed, it leaves the workspace as it was.
  await page.getByTestId('log-close').click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('toolbar-log')).toHaveAttribute('aria-pressed', 'false');
});

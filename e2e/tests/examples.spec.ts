import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deploy, expectCountAtLeast, graphIdOf, openEditor } from '../support/editor.js';
import { REPO_ROOT } from '../support/env.js';
import { expect, test } from '../support/test.js';

// The gallery bundles the repository's examples/*.json: one test per file.
const dir = join(REPO_ROOT, 'examples');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

test('the gallery lists every example of the repository', async ({ page }) => {
  expect(files.length, `examples/*.json: no example graph in ${dir}`).toBeGreaterThan(0);
  await openEditor(page);
  await page.getByTestId('toolbar-examples').click();
  const dialog = page.getByTestId('dialog-examples');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.example-card')).toHaveCount(files.length);
});

for (const file of files) {
  const base = file.replace(/\.json$/, '');
  const graph = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Array<{ id: string; type: string }> };

  test(`example ${base}: opened from the gallery and deployed, its sinks receive values`, async ({ page, api }) => {
    const catalog = await api.catalog();
    const sinks = graph.nodes.filter((n) => catalog.find((d) => d.type === n.type)?.outputs === 0).map((n) => n.id);
    expect(sinks.length, `${file} has a sink`).toBeGreaterThan(0);

    await openEditor(page);
    const before = graphIdOf(page);
    await page.getByTestId('toolbar-examples').click();
    await page.getByTestId(`example-${base}`).click();
    await expect(page.getByTestId('dialog-examples')).toBeHidden();
    await expect.poll(() => graphIdOf(page)).not.toBe(before);
    // The opened graph is shown whole (soft: when it is not, a person presses Fit view and goes on).
    for (const n of graph.nodes) {
      await expect.soft(page.getByTestId(`node-${n.id}`), `node ${n.id} is in view once the example opens`).toBeInViewport({ timeout: 5000 });
    }
    await page.getByTestId('toolbar-fit').click();
    for (const n of graph.nodes) await expect(page.getByTestId(`node-${n.id}`)).toBeInViewport();

    await deploy(page);
    for (const id of sinks) await expectCountAtLeast(page, id, 1, 30_000);

    // A finite source ends its run by itself; an endless one is stopped by hand.
    const stop = page.getByTestId('toolbar-stop');
    if (await stop.isVisible()) await stop.click();
    await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'stopped');
  });
}

import { deploy, expectCountAtLeast, liveCount, nodeBox, openFixture, openInspector } from '../support/editor.js';
import { expect, test } from '../support/test.js';

// `check` throws on 1, 4, 7 …: those elements are dropped and counted; the others go on.
test('a function that throws on some elements: the run goes on, the node counts the errors, the inspector shows them', async ({ page, api }) => {
  await openFixture(page, api, 'throws');
  await deploy(page);

  const badge = page.getByTestId('node-errors-check');
  await expect(badge).toBeVisible();
  await expect.poll(async () => Number(/\d+/.exec((await badge.textContent()) ?? '')?.[0] ?? 0)).toBeGreaterThanOrEqual(3);
  await expect(nodeBox(page, 'check')).not.toHaveClass(/failed/);

  // The run goes on: the sink keeps receiving the elements that did not throw.
  await expectCountAtLeast(page, 'keep', 4);
  const before = await liveCount(page, 'keep');
  await expect.poll(() => liveCount(page, 'keep')).toBeGreaterThan(before);
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');

  const inspector = await openInspector(page, 'check');
  await expect.poll(async () => Number(await inspector.getByTestId('stat-errors').locator('.stat-value').textContent())).toBeGreaterThanOrEqual(3);
  const errors = inspector.getByTestId('samples-errors');
  await expect(errors.locator('.error-row').first()).toBeVisible();
  // Read at once: a newer error may take the first row at any moment.
  const [text, shown] = await errors
    .locator('.error-row')
    .first()
    .evaluate((row) => [row.querySelector('.error-message')?.textContent ?? '', row.querySelector('.error-element .pv-leaf')?.textContent ?? '']);
  const element = Number(shown.trim());
  expect(text).toMatch(/bad element \d+/);
  expect(text).toContain(`bad element ${element}`);
  expect(element % 3).toBe(1);
});

import { deploy, expectCountAtLeast, nodeBox, openFixture, openInspector } from '../support/editor.js';
import { expect, test } from '../support/test.js';

const WATCHDOG_MS = 2000; // the server's default (STREAMLOOM_WATCHDOG_MS)

test('an endless loop fails the run within the watchdog budget; the editor stays responsive and deploys another graph', async ({ page, api }) => {
  await openFixture(page, api, 'spin');
  await deploy(page);
  const running = Date.now();

  // The editor answers while the run spins: a node opens in the inspector at once.
  await openInspector(page, 'keep');

  const state = page.getByTestId('run-state');
  await expect(state).toHaveAttribute('data-state', 'failed', { timeout: WATCHDOG_MS + 5000 });
  const failedAfter = Date.now() - running;
  console.log(`endless loop: the run failed ${failedAfter} ms after it was shown running (watchdog ${WATCHDOG_MS} ms)`);

  await expect(nodeBox(page, 'spin')).toHaveClass(/failed/);
  await expect(nodeBox(page, 'count')).not.toHaveClass(/failed/);
  const banner = page.getByTestId('banner-run-failed');
  await expect(banner).toContainText('spin');
  await expect(banner.getByRole('button', { name: /Show node/ })).toBeVisible();

  // Responsive: a click selects, the toolbar answers, a second graph deploys and runs.
  await openInspector(page, 'count');
  await openFixture(page, api, 'pipeline');
  await deploy(page);
  await expectCountAtLeast(page, 'keep', 3);
  await expect(page.getByTestId('banner-run-failed')).toHaveCount(0);
});

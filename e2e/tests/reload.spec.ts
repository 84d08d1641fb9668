import { bringIntoView, deploy, editorReady, expectCountAtLeast, graphIdOf, liveCount, moveNode, nodePosition, openFixture } from '../support/editor.js';
import { expect, test } from '../support/test.js';

test('after a reload the graph, its layout and its running state come back; then it is stopped', async ({ page, api }) => {
  const graphId = await openFixture(page, api, 'pipeline');
  const start = await nodePosition(page, 'plus');
  await moveNode(page, 'plus', 90, 110);
  await expect.poll(async () => (await nodePosition(page, 'plus')).y).toBeGreaterThan(start.y + 40);
  const moved = await nodePosition(page, 'plus');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await deploy(page);
  await expectCountAtLeast(page, 'keep', 3);
  const [run] = await api.runsOf(graphId);
  const seen = await liveCount(page, 'keep');

  await page.reload();
  await editorReady(page);
  expect(graphIdOf(page)).toBe(graphId);
  for (const id of ['count', 'plus', 'keep']) {
    await expect.soft(page.getByTestId(`node-${id}`), `node ${id} is in view after the reload`).toBeInViewport({ timeout: 5000 });
  }
  await bringIntoView(page, ['count', 'plus', 'keep']);
  expect(await nodePosition(page, 'plus')).toEqual(moved);
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('toolbar-deploy')).toHaveText(/Redeploy/);
  // The same run goes on: its counts pick up where they were and keep rising.
  await expect.poll(() => liveCount(page, 'keep')).toBeGreaterThan(seen);
  expect((await api.runsOf(graphId)).map((r) => r.runId)).toEqual([run!.runId]);

  await page.getByTestId('toolbar-stop').click();
  await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'stopped');
  await expect(page.getByTestId('toolbar-stop')).toHaveCount(0);
  await expect(page.getByTestId('toolbar-deploy')).toHaveText(/^\s*Deploy\s*$/);
  await expect.poll(async () => (await api.runsOf(graphId))[0]?.state).toBe('stopped');
});

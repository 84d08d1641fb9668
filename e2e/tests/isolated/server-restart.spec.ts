import { Api, fixture } from '../../support/api.js';
import { deploy, expectCountAtLeast, liveCount, nodeBox, openEditor, openInspector, typeFunction } from '../../support/editor.js';
import { TOKEN } from '../../support/env.js';
import { ownServer } from '../../support/server.js';
import { expect, test } from '../../support/test.js';

test('the server restarts under an open page: edits made meanwhile are kept and saved, live telemetry resumes', async ({ page, request }) => {
  test.setTimeout(150_000);
  // A server of its own: stopped and started again on the same port and data directory.
  const server = ownServer({ token: TOKEN });
  await server.start();
  const api = new Api(request, server.base, TOKEN);
  try {
    const graphId = await api.createGraph(fixture('pipeline', 'e2e restart'));
    await openEditor(page, graphId, server.base);
    await deploy(page);
    await expectCountAtLeast(page, 'keep', 3);
    const [run] = await api.runsOf(graphId);

    await server.stop();
    const offline = page.getByTestId('banner-offline');
    await expect(offline).toBeVisible();
    await expect(offline).toContainText('The server is unreachable');

    // Edits go on while it is away: kept in the browser.
    await openInspector(page, 'plus');
    await typeFunction(page, 'func', '(x) => x + 100');
    await expect(nodeBox(page, 'plus').locator('.op-key')).toHaveText('func: (x) => x + 100');
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline');
    const draft = await page.evaluate((id) => localStorage.getItem(`streamloom.draft.${id}`), graphId);
    expect(draft).toContain('x + 100');

    await server.start();
    await expect(offline).toBeHidden({ timeout: 30_000 });
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
    await expect.poll(async () => (await api.getGraph(graphId)).graph.nodes.find((n) => n.id === 'plus')?.params?.func).toBe('(x) => x + 100');

    // The run the server started again under the same id, shown live again.
    await expect.poll(async () => (await api.runsOf(graphId)).map((r) => `${r.runId}:${r.state}`)).toEqual([`${run!.runId}:running`]);
    await expect(page.getByTestId('run-state')).toHaveAttribute('data-state', 'running');
    const seen = await liveCount(page, 'keep');
    await expect.poll(() => liveCount(page, 'keep'), { timeout: 20_000, message: 'the sink’s count moves again' }).not.toBe(seen);
    const moved = await liveCount(page, 'keep');
    await expect.poll(() => liveCount(page, 'keep'), { timeout: 20_000 }).toBeGreaterThan(moved);
    await api.stopRunsOf(graphId);
  } finally {
    await server.stop();
  }
});

import type { Page } from '@playwright/test';
import { openEditor, openInspector, typeFunction, nodeBox } from '../support/editor.js';
import { fixture } from '../support/api.js';
import { expect, test } from '../support/test.js';

/** Types a new value into a one-line parameter field of the inspector. */
async function typeParam(page: Page, param: string, text: string): Promise<void> {
  const input = page.getByTestId('inspector-node').getByTestId(`param-${param}`);
  await input.click();
  await input.press('ControlOrMeta+A');
  await input.pressSequentially(text);
}

test('two pages on one graph: a stale save gets the conflict message and nothing is lost', async ({ page: first, context, api }) => {
  const graphId = await api.createGraph(fixture('pipeline', `e2e two pages ${Date.now()}`));
  const second = await context.newPage();
  await openEditor(first, graphId);
  await openEditor(second, graphId);

  // The first page edits the map's function; it is saved (revision 2, or more if typing was slow).
  await openInspector(first, 'plus');
  await typeFunction(first, 'func', '(x) => x + 2');
  await expect(first.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => (await api.getGraph(graphId)).graph.nodes.find((n) => n.id === 'plus')?.params?.func).toBe('(x) => x + 2');
  const theirs = (await api.getGraph(graphId)).revision;
  expect(theirs).toBeGreaterThanOrEqual(2);

  // The second page is told, but edits on top of revision 1 anyway.
  await expect(second.getByTestId('banner-remote')).toContainText(`revision ${theirs}`);
  await openInspector(second, 'keep');
  await typeParam(second, 'maxlen', '50');
  await expect(nodeBox(second, 'keep').locator('.op-key')).toHaveText('maxlen: 50');

  const conflict = second.getByTestId('banner-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('This graph was changed elsewhere');
  await expect(conflict).toContainText(`now at revision ${theirs}`);
  await expect(second.getByTestId('save-status')).toHaveAttribute('data-state', 'conflict');

  // Nothing is lost: the server kept the first page's edit, the second page still has its own,
  // kept in the browser too.
  const stored = await api.getGraph(graphId);
  expect(stored.revision).toBe(theirs);
  expect(stored.graph.nodes.find((n) => n.id === 'plus')?.params?.func).toBe('(x) => x + 2');
  expect(stored.graph.nodes.find((n) => n.id === 'keep')?.params?.maxlen).toBe(100);
  await expect(nodeBox(second, 'keep').locator('.op-key')).toHaveText('maxlen: 50');
  const draft = await second.evaluate((id) => localStorage.getItem(`streamloom.draft.${id}`), graphId);
  expect(draft, 'the second page keeps its edit in the browser').toContain('"maxlen":50');
  await expect(nodeBox(first, 'plus').locator('.op-key')).toHaveText('func: (x) => x + 2');

  // The second page takes theirs and makes its edit again: both edits end up saved.
  await conflict.getByTestId('conflict-reload').click();
  await expect(conflict).toBeHidden();
  await expect(nodeBox(second, 'plus').locator('.op-key')).toHaveText('func: (x) => x + 2');
  await openInspector(second, 'keep');
  await typeParam(second, 'maxlen', '50');
  await expect(second.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => (await api.getGraph(graphId)).graph.nodes.find((n) => n.id === 'keep')?.params?.maxlen).toBe(50);
  const mine = (await api.getGraph(graphId)).revision;
  expect(mine).toBeGreaterThan(theirs);

  const told = first.getByTestId('banner-remote');
  await expect(told).toContainText(`revision ${mine}`);
  await told.getByRole('button', { name: 'Reload' }).click();
  await expect(nodeBox(first, 'keep').locator('.op-key')).toHaveText('maxlen: 50');
  await expect(nodeBox(first, 'plus').locator('.op-key')).toHaveText('func: (x) => x + 2');
  const final = await api.getGraph(graphId);
  expect(final.graph.nodes.find((n) => n.id === 'keep')?.params?.maxlen).toBe(50);
  expect(final.graph.nodes.find((n) => n.id === 'plus')?.params?.func).toBe('(x) => x + 2');
});

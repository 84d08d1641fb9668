import { nodeBox, openFixture, openInspector, typeFunction } from '../support/editor.js';
import { expect, test } from '../support/test.js';

test('a syntax error in a function is marked in the editor and on the node, and deploy is refused with it', async ({ page, api }) => {
  const graphId = await openFixture(page, api, 'pipeline');
  const inspector = await openInspector(page, 'plus');

  await typeFunction(page, 'func', '(x) => x +* 2');

  // In the code editor: the line is marked and the field says what is wrong.
  const field = inspector.getByTestId('field-func');
  await expect(field.locator('.cm-lint-marker-error')).toBeVisible();
  await expect(field.locator('.cm-lintRange-error')).toHaveCount(1);
  const message = field.getByTestId('field-error-func');
  await expect(message).toBeVisible();
  await expect(message).toHaveText(/\S/);

  // On the node: its problem marker, which tells the same problem.
  // (Soft: every gap is reported in one run.)
  const marker = nodeBox(page, 'plus').getByTestId('node-issues-plus');
  await expect.soft(marker, 'the node shows a problem marker for its broken function').toBeVisible();
  await expect.soft(nodeBox(page, 'plus').locator('.op-key'), 'the node does not claim a function that was not typed').not.toHaveText('func: (x) => x', { timeout: 3000 });

  await page.getByTestId('toolbar-deploy').click();
  const refusal = page.getByTestId('banner-run');
  await expect.soft(refusal, 'deploy is refused with the problem').toContainText(/before deploying/i, { timeout: 5000 });
  await expect.soft(refusal).toContainText(/line 1, column 11/, { timeout: 3000 });
  expect.soft(await api.runsOf(graphId), 'no run was started').toEqual([]);
});

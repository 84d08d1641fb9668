import { editorReady } from '../support/editor.js';
import { ownServer, type OwnServer } from '../support/server.js';
import { expect, test } from '../support/test.js';

// A server of its own, started as a person starts it: no token given, so it makes one and prints
// the address to open.
let server: OwnServer;
test.beforeAll(async () => {
  server = ownServer();
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

test('the printed address opens the editor; without the token the editor asks for it', async ({ page, browser }) => {
  expect(server.printedUrl, server.output()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=\\S+$`));
  const token = new URL(server.printedUrl).searchParams.get('token')!;

  await page.goto(server.printedUrl);
  await editorReady(page);
  await expect(page.getByTestId('token-page')).toHaveCount(0);
  await expect(page.getByTestId('palette-entry-counter')).toBeVisible();
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
  // The token leaves the address bar (it is kept by the browser), the graph's address takes its place.
  await expect.poll(() => page.url()).toMatch(/#\/graph\/[^/]+$/);
  expect(page.url()).not.toContain(token);

  // Another browser, the address without the token.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(server.base);
  const asked = other.getByTestId('token-page');
  await expect(asked).toBeVisible();
  await expect(asked.getByRole('heading', { name: 'Enter your access token' })).toBeVisible();
  await expect(other.getByTestId('palette')).toHaveCount(0);

  // A wrong token is refused with a message, and the page asks again.
  await other.getByLabel('Token', { exact: true }).fill('not-the-token');
  await other.getByRole('button', { name: 'Open the editor' }).click();
  await expect(other.getByTestId('token-message')).toHaveText('The server did not accept the token.');

  await other.getByLabel('Token', { exact: true }).fill(token);
  await other.getByRole('button', { name: 'Open the editor' }).click();
  await editorReady(other);
  await expect(other.getByTestId('palette-entry-counter')).toBeVisible();
  await stranger.close();
});

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openFixture } from '../support/editor.js';
import { E2E_ROOT, REPO_ROOT } from '../support/env.js';
import { expect, test } from '../support/test.js';

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });

/** Export → a tab → Download: the file the browser saved, moved to `path`. */
async function download(page: Page, tab: 'ts' | 'py', path: string): Promise<string> {
  await page.getByTestId(`export-tab-${tab}`).click();
  const dialog = page.getByTestId('dialog-export');
  const code = dialog.getByTestId('export-code');
  const unavailable = dialog.getByTestId('export-unavailable');
  await expect(code.or(unavailable)).toBeVisible({ timeout: 30_000 });
  await expect(unavailable, `the ${tab} export is served (GET /api/graphs/:id/export?format=${tab})`).toHaveCount(0);
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${tab}$`));
  await file.saveAs(path);
  return (await code.textContent()) ?? '';
}

test('the TypeScript and Python exports print what the graph’s log sink prints', async ({ page, api }, testInfo) => {
  await openFixture(page, api, 'export-log');

  // What the graph prints, run headless by the server's own command line (the same engine and sandbox).
  const reference = run(process.execPath, [join(REPO_ROOT, 'apps/server/dist/cli.js'), 'run', join(E2E_ROOT, 'fixtures/export-log.json')]);
  expect(reference.trim().split('\n')).toEqual([
    '{"value":0,"half":0,"label":"n0"}',
    '{"value":20,"half":10,"label":"n20"}',
    '{"value":40,"half":20,"label":"n40"}',
    '{"value":60,"half":30,"label":"n60"}',
  ]);

  await page.getByTestId('toolbar-export').click();
  await expect(page.getByTestId('dialog-export')).toBeVisible();

  // Saved inside the repository, so that `@streamloom/engine` resolves from the workspace.
  const tsFile = testInfo.outputPath('exported.ts');
  const tsCode = await download(page, 'ts', tsFile);
  expect(tsCode).toContain('@streamloom/engine');
  expect(run('npx', ['tsx', tsFile])).toBe(reference);

  const pyFile = testInfo.outputPath('exported.py');
  const pyCode = await download(page, 'py', pyFile);
  expect(pyCode).toContain('streamz');
  expect(run('/usr/bin/python3', [pyFile])).toBe(reference);
});

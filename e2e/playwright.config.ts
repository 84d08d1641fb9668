// Browser tests of the whole product: the production server (built editor, API, runs) driven
// through Debian's Chromium, the way a person uses it. See README.md in this folder.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, freePort } from './support/launch.js';

// The config is loaded again in every worker: what is picked here is handed down through the
// environment so that the runner, the server and the workers agree.
process.env.E2E_PORT ||= String(freePort());
process.env.E2E_DATA_DIR ||= mkdtempSync(join(tmpdir(), 'streamloom-e2e-'));
process.env.E2E_TOKEN ||= 'e2e-token-3f9c1d';
const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const CI = !!process.env.CI;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // A loaded two-core machine: generous limits, never fixed sleeps (tests poll with expect).
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
  projects: [
    // Each test has its own graphs on the shared server, so two can run side by side.
    { name: 'editor', testIgnore: /isolated\//, workers: 2, fullyParallel: true },
    // Timing measurements and a server of their own that is stopped and started: alone, last.
    { name: 'isolated', testMatch: /isolated\/.*\.spec\.ts/, dependencies: ['editor'], workers: 1 },
  ],
  workers: 2,
  webServer: {
    // From the repository's root, as `npm start` runs it: relative paths in graphs (the examples'
    // data files) resolve against the server's working directory.
    command: 'node apps/server/dist/cli.js serve',
    cwd: '..',
    url: `${baseURL}/api/health`,
    env: {
      PORT: port,
      HOST: '127.0.0.1',
      STREAMLOOM_DATA_DIR: process.env.E2E_DATA_DIR,
      STREAMLOOM_TOKEN: process.env.E2E_TOKEN,
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

// The test object every spec uses: Playwright's, plus `api` (the REST API with the token) and a
// clean-up that stops every run the test started, so that no counter keeps a core busy after it.
import { test as base, expect } from '@playwright/test';
import { Api } from './api.js';
import { BASE_URL, TOKEN } from './env.js';
import { graphIdOf } from './editor.js';

interface Fixtures {
  api: Api;
  /** Graph ids whose runs are stopped when the test ends (pages' open graphs are added by themselves). */
  cleanup: Set<string>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its first parameter: this one has none.
  // eslint-disable-next-line no-empty-pattern
  cleanup: async ({}, use) => {
    await use(new Set());
  },
  api: async ({ request, cleanup, context }, use) => {
    const api = new Api(request, BASE_URL, TOKEN);
    await use(api);
    for (const page of context.pages()) {
      const id = graphIdOf(page);
      if (id !== null) cleanup.add(id);
    }
    for (const id of cleanup) await api.stopRunsOf(id).catch(() => undefined);
  },
});

export { expect };

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // Generous: differential and export tests start Python and tsx processes, and CI machines are
    // shared; a slow machine must not turn into a failure.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    // The run hosts are forked from the built output (dist/runs/host.js): build it once first.
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts real servers and child processes; on a 2-core machine, one file at a time.
    fileParallelism: false,
  },
});

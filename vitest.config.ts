import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code, API tests against a real embedded PostgreSQL,
// and process/browser tests that start the real server (`jianxing start`) and drive Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api',
          root: '.',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/helpers/postgresSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: '.',
          include: ['test/process/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/webBuildSetup.ts'],
          fileParallelism: false,
          // Pages load lazily on a busy 2-core machine: give the browser time before a poll fails.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

/**
 * Two projects so each gets fitting timeouts:
 * - `node`: unit and integration tests (`test/**` except `test/browser/`);
 * - `browser`: real Chromium against the built site, served by our own
 *   server; `test/browser/global-setup.ts` builds the site once per run.
 * The machine has 2 cores: at most 2 test files run at once.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

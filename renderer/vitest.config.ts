import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built renderer in Chromium, wired to the real handlers. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['renderer/e2e/**/*.test.ts'],
    environment: 'node',
    // the office's screens talk to a real PostgreSQL cluster, as the unit tests do
    globalSetup: ['renderer/e2e/global-setup.ts', 'electron/testing/office/pg-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // each file has its own browser, database files and office database; a browser waits on
    // rendering and the handlers on disk, so two files at once keep even two cores busy
    maxWorkers: Math.max(2, os.availableParallelism()),
    // the page needs a moment on a loaded two-core machine
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});

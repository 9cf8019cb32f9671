import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit and integration tests of the main process and shared code, against real SQLite files. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // several files build the demo hospital before their tests; on a busy machine that takes
    // longer than the 10 s default, which is a slow machine, not a failure
    hookTimeout: 60_000,
    // most files wait on disk writes, PostgreSQL or a child process more than they compute,
    // so a worker per core keeps a small machine busy (vitest's default leaves one core idle)
    maxWorkers: Math.max(2, os.availableParallelism()),
    // a throwaway PostgreSQL cluster per worker for the tests of the office database
    globalSetup: ['electron/testing/office/pg-global-setup.ts'],
  },
});

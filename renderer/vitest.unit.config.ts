import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the screens' pure modules (route parsing, money input, list filters, EOB
 * line checks): plain functions, so plain Node runs them without a browser.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['renderer/src/**/*.test.ts'],
    environment: 'node',
  },
});

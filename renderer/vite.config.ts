import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the screens into renderer/dist; relative paths so Electron can load them from disk. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // the recovery-key window is a page of its own: it runs before there is a window.api
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        unlock: fileURLToPath(new URL('unlock.html', import.meta.url)),
      },
    },
  },
});

// Bundles the main process (ESM) and the sandboxed preload (CommonJS, which is all a
// sandboxed preload can load) into electron/dist. better-sqlite3 stays external: its
// prebuilt Node-API binary loads the same in Node and in Electron. pdfkit stays external
// because it reads its font metric files from its own folder at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  absWorkingDir: root,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'electron/dist/main.mjs',
  format: 'esm',
  external: ['electron', 'better-sqlite3', 'pdfkit'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
// the backup's worker thread, which snapshot-job.ts starts from beside main.mjs
await build({
  ...common,
  entryPoints: ['electron/backups/snapshot-worker.ts'],
  outfile: 'electron/dist/snapshot-worker.mjs',
  format: 'esm',
  external: ['better-sqlite3'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
// the statement run's render threads, which render-pool.ts starts from beside main.mjs
await build({
  ...common,
  entryPoints: ['electron/documents/render-worker.ts'],
  outfile: 'electron/dist/render-worker.mjs',
  format: 'esm',
  external: ['pdfkit'],
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'electron/dist/preload.cjs',
  format: 'cjs',
  // it is loaded into every page; keep it small
  minify: true,
  external: ['electron'],
});
// the recovery-key window's, shown before the database is open
await build({
  ...common,
  entryPoints: ['electron/preload/unlock.ts'],
  outfile: 'electron/dist/unlock-preload.cjs',
  format: 'cjs',
  minify: true,
  external: ['electron'],
});

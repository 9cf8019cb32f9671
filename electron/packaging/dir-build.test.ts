import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FUSE_DISABLED,
  FUSE_ENABLED,
  SHIPPED_FUSE_WIRE,
  writeElectronStandIn,
} from '../testing/electron-standin';
import config from './electron-builder.config';

const root = process.cwd();
let work = '';
let appOut = '';
let asarPath = '';
let listing: string[] = [];

/** `npm run build` output is what gets packed; build it once if this checkout has none. */
function ensureBuilt(): void {
  const built = [
    'electron/dist/main.mjs',
    'electron/dist/preload.cjs',
    'electron/dist/render-worker.mjs',
    'electron/dist/snapshot-worker.mjs',
    'electron/dist/unlock-preload.cjs',
    'renderer/dist/index.html',
    'renderer/dist/unlock.html',
  ];
  if (built.every((f) => existsSync(path.join(root, f)))) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}

beforeAll(async () => {
  ensureBuilt();
  work = mkdtempSync(path.join(tmpdir(), 'claimdesk-pack-'));
  const electronDist = path.join(work, 'electron-dist');
  writeElectronStandIn(electronDist);
  // nothing may be signed, published or downloaded: the stand-in is the Electron
  process.env.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: { ...config, electronDist, directories: { output: path.join(work, 'out') } },
  });
  appOut = path.join(work, 'out', 'linux-unpacked');
  asarPath = path.join(appOut, 'resources', 'app.asar');
  listing = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/^\//, ''));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a --dir build for Linux x64', () => {
  it('packs the built app: main, preload, renderer, templates and fonts', () => {
    expect(listing).toEqual(
      expect.arrayContaining([
        'package.json',
        'electron/dist/main.mjs',
        'electron/dist/preload.cjs',
        'electron/dist/unlock-preload.cjs',
        'renderer/dist/index.html',
        'renderer/dist/unlock.html',
        'templates/patient-statement.txt',
        'templates/fonts/LiberationSans-Regular.ttf',
        'templates/fonts/OFL.txt',
      ]),
    );
    expect(listing.some((f) => /^renderer\/dist\/assets\/index-.*\.js$/.test(f))).toBe(true);
  });

  it('packs no tests, no TypeScript, no source maps and none of the project’s sources', () => {
    expect(listing.filter((f) => /\.test\.|\.(ts|mts|cts|map)$/.test(f))).toEqual([]);
    const outside = listing.filter(
      (f) =>
        !/^(package\.json|node_modules|templates|electron(\/dist)?|renderer(\/dist)?)(\/|$)/.test(
          f,
        ),
    );
    expect(outside).toEqual([]);
    expect(listing.filter((f) => /^electron\/dist\/./.test(f)).sort()).toEqual([
      'electron/dist/main.mjs',
      'electron/dist/preload.cjs',
      'electron/dist/render-worker.mjs',
      'electron/dist/snapshot-worker.mjs',
      'electron/dist/unlock-preload.cjs',
    ]);
  });

  it('packs the main bundle’s externals and not the libraries bundled into it or the renderer', () => {
    const packages = new Set(
      listing
        .map((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(f)?.[1])
        .filter((name) => name !== undefined),
    );
    for (const name of ['better-sqlite3', 'pdfkit', 'pg']) expect(packages).toContain(name);
    for (const name of ['electron', 'react', '@mantine/core', 'zod', 'electron-store', 'vitest'])
      expect(packages).not.toContain(name);
    // pdfkit reads its standard fonts' metrics from its own folder at run time
    expect(listing).toContain('node_modules/pdfkit/js/data/Helvetica.afm');
  });

  it('packs better-sqlite3 without its sources, build folder or other platforms’ binaries', () => {
    const sqlite = listing.filter((f) => f.startsWith('node_modules/better-sqlite3/'));
    expect(
      sqlite.filter((f) => /better-sqlite3\/(deps|src|build)(\/|$)|binding\.gyp/.test(f)),
    ).toEqual([]);
    expect(sqlite.filter((f) => f.endsWith('.node'))).toEqual([
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
    ]);
    expect(listing.some((f) => f.startsWith('node_modules/node-addon-api/'))).toBe(false);
  });

  it('unpacks the Linux x64 prebuilt binary beside the archive, as shipped, for x86-64', () => {
    const unpacked = path.join(asarPath + '.unpacked', 'node_modules/better-sqlite3/prebuilds');
    expect(readdirSync(unpacked)).toEqual(['linux-x64.node']);
    const packed = readFileSync(path.join(unpacked, 'linux-x64.node'));
    const shipped = readFileSync(
      path.join(root, 'node_modules/better-sqlite3/prebuilds/linux-x64.node'),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(packed)).toBe(sha(shipped));
    // ELF, 64-bit, machine x86-64 (0x3e)
    expect(packed.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(packed[4]).toBe(2);
    expect(packed.readUInt16LE(18)).toBe(0x3e);
  });

  it('loads the packed better-sqlite3 with its packed binary, and pdfkit with its data', () => {
    const extracted = path.join(work, 'extracted');
    extractAll(asarPath, extracted);
    const requirePacked = createRequire(path.join(extracted, 'package.json'));
    const resolved = requirePacked.resolve('better-sqlite3');
    expect(resolved.startsWith(extracted)).toBe(true);
    const Database = requirePacked('better-sqlite3') as typeof BetterSqlite3;
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (cents INTEGER NOT NULL); INSERT INTO t VALUES (1250), (-250)');
      expect(db.prepare('SELECT sum(cents) AS s FROM t').get()).toEqual({ s: 1000 });
    } finally {
      db.close();
    }
    const PDFDocument = requirePacked('pdfkit') as typeof import('pdfkit');
    const doc = new PDFDocument();
    expect(doc.widthOfString('ClaimDesk')).toBeGreaterThan(0);
    doc.end();
  });

  it('flips the fuses in the built executable and leaves the others as shipped', async () => {
    const wire = await getCurrentFuseWire(path.join(appOut, 'claimdesk'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FUSE_DISABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FUSE_ENABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FUSE_ENABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FUSE_ENABLED);
    const asShipped = SHIPPED_FUSE_WIRE.charCodeAt(FuseV1Options.GrantFileProtocolExtraPrivileges);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(asShipped);
  });
});

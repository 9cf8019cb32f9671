import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import config, { MSI_UPGRADE_CODE } from './electron-builder.config';

// the pattern matcher electron-builder itself filters files with
const { minimatch } = createRequire(
  createRequire(import.meta.url).resolve('app-builder-lib/package.json'),
)('minimatch') as typeof import('minimatch');

const validate = (c: Configuration) => validateConfiguration(c, new DebugLogger(false));

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('is checked by that validation (a misspelt option is refused)', async () => {
    const misspelt = { ...config, nsis: { ...config.nsis, perMachin: true } } as Configuration;
    await expect(validate(misspelt)).rejects.toThrow(/configuration\.nsis/);
  });

  it('keeps the MSI upgrade code Group Policy and Intune deployments key on', () => {
    // Never change this value: Windows Installer would install a second ClaimDesk beside
    // the old one instead of upgrading it.
    expect(MSI_UPGRADE_CODE).toBe('0DCF99D3-6444-4EAD-8DF7-4523715E595A');
    expect(config.msi).toMatchObject({ upgradeCode: MSI_UPGRADE_CODE, perMachine: true });
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
  });

  it('names every external of the main bundle as a runtime dependency, and nothing bundled', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const build = readFileSync('electron/build.mjs', 'utf8');
    const externals = /external: \[([^\]]*)\]/.exec(build)?.[1] ?? '';
    const names = [...externals.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(names).toEqual(['electron', 'better-sqlite3', 'pdfkit']);
    // electron-builder refuses electron among "dependencies": the installer brings its own
    expect(pkg.devDependencies).toHaveProperty('electron');
    // pg is for the office database the main process will reach; the rest are bundled
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['better-sqlite3', 'pdfkit', 'pg']);
  });

  // Windows and macOS cannot be packed here (no Electron for them), so their file lists are
  // checked against better-sqlite3's prebuilt binaries the way electron-builder applies them.
  it.each([
    ['linux', 'x64', 'linux-x64.node'],
    ['win', 'x64', 'win32-x64.node'],
    ['mac', 'x64', 'darwin-x64.node'],
    ['mac', 'arm64', 'darwin-arm64.node'],
  ] as const)('keeps only the %s %s prebuilt binary of better-sqlite3', (os, arch, binary) => {
    const exclusions = config[os].files
      .filter((p) => p.startsWith('!'))
      .map((p) => p.slice(1).replaceAll('${arch}', arch));
    const prebuilds = readdirSync('node_modules/better-sqlite3/prebuilds');
    expect(prebuilds.length).toBeGreaterThan(4);
    const kept = prebuilds.filter(
      (name) =>
        !exclusions.some((p) =>
          minimatch(`node_modules/better-sqlite3/prebuilds/${name}`, p, { dot: true }),
        ),
    );
    expect(kept).toEqual([binary]);
  });
});

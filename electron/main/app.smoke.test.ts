import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract';
import { openDatabase } from '../db/open';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the Electron binary is, without triggering its download: electron 45 fetches it
 * on first launch, which build machines without a route to its host cannot do.
 */
function electronBinary(): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

describe('the real Electron app', () => {
  it('starts on a new database, sandboxed, with window.api as its only bridge', async (t) => {
    const binary = electronBinary();
    if (!binary) {
      t.skip('the Electron binary is not installed here (it downloads on the first `npm start`)');
      return;
    }
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-smoke-'));
    const file = path.join(dir, 'smoke.sqlite');
    // a --db naming a file that does not exist asks first; this one exists, still empty
    openDatabase(file).close();
    const app = await electron.launch({
      executablePath: binary,
      args: [root, '--db', file],
      cwd: root,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.title()).toMatch(/ClaimDesk/);
      // With context isolation and the sandbox, the page sees window.api and nothing of Node.
      const surface = await page.evaluate(() => {
        const g = globalThis as unknown as { api: object; require?: unknown; process?: unknown };
        return {
          api: Object.keys(g.api).sort(),
          require: typeof g.require,
          process: typeof g.process,
        };
      });
      expect(surface).toEqual({
        api: [...METHOD_NAMES].sort(),
        require: 'undefined',
        process: 'undefined',
      });
      await page.getByRole('button', { name: /load demo data/i }).waitFor();
      fs.mkdirSync(path.join(root, 'test-output', 'screenshots'), { recursive: true });
      await page.screenshot({
        path: path.join(root, 'test-output', 'screenshots', 'electron-first-start.png'),
      });
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

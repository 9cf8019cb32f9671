import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNLOCK_CHANNELS } from '../../shared/unlock';
import { fileKeyStore } from '../../electron/db/key-store';
import { startUnlocking, type Unlocking } from '../../electron/main/unlock';
import { testProtection } from '../../electron/testing/os-protection';
import { keyStoreDatabase } from '../../electron/testing/encrypted-db';
import {
  accessibilityProblems,
  launchChromium,
  pageProblems,
  screenshot,
  serveRenderer,
} from './harness';

/**
 * The recovery-key window runs before any database is open, so it has no `window.api`: its
 * preload exposes `window.unlock` (three calls) instead. Here that bridge is forwarded, as
 * the main process's IPC handlers forward it, to the same unlock logic over a real
 * encrypted database and a key store whose workstation has never held its key.
 */

let browser: Browser;
let server: Awaited<ReturnType<typeof serveRenderer>>;
const dirs: string[] = [];
const pages: Page[] = [];
beforeAll(async () => {
  server = await serveRenderer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});
afterEach(async () => {
  for (const page of pages.splice(0)) {
    expect(pageProblems(page)).toEqual([]);
    expect(accessibilityProblems(page), 'serious or critical axe violations').toEqual([]);
    await page.close();
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-unlock-e2e-'));
  dirs.push(dir);
  return dir;
};

async function encryptedDatabase() {
  const database = path.join(tempDir(), 'claimdesk.sqlite');
  const { db, key, recoveryKey } = await keyStoreDatabase(
    fileKeyStore(testProtection(), tempDir()),
    database,
  );
  db.close();
  return { database, key, recoveryKey };
}

const hashes = (database: string) =>
  fs
    .readdirSync(path.dirname(database))
    .sort()
    .map(
      (name) =>
        `${name} ${createHash('sha256')
          .update(fs.readFileSync(path.join(path.dirname(database), name)))
          .digest('hex')}`,
    );

/** The window as Electron shows it, with its bridge forwarded to `unlocking`. */
async function openUnlockWindow(unlocking: Unlocking, quits: { count: number }): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: 600, height: 600 },
    reducedMotion: 'reduce',
  });
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  Object.assign(page, { problems, axeFindings: [], checkedScreens: new Set() });
  await page.exposeBinding('__claimdeskUnlock', (_source, channel: unknown, input: unknown) => {
    if (channel === UNLOCK_CHANNELS.state) return unlocking.state();
    if (channel === UNLOCK_CHANNELS.submit) return unlocking.submit(input);
    if (channel === UNLOCK_CHANNELS.quit) quits.count += 1;
    return undefined;
  });
  await page.addInitScript((channels: typeof UNLOCK_CHANNELS) => {
    const invoke = (window as unknown as { __claimdeskUnlock: (c: string, i?: unknown) => unknown })
      .__claimdeskUnlock;
    const bridge = {
      state: () => invoke(channels.state),
      submit: (key: string) => invoke(channels.submit, key),
      quit: () => invoke(channels.quit),
    };
    Object.defineProperty(window, 'unlock', { value: Object.freeze(bridge), enumerable: true });
  }, UNLOCK_CHANNELS);
  await page.goto(server.url.replace(/index\.html$/, 'unlock.html'));
  pages.push(page);
  return page;
}

describe('the recovery-key window', () => {
  it('says why it asks, refuses a wrong key leaving the files as they were, and opens with the right one', async () => {
    const { database, key, recoveryKey } = await encryptedDatabase();
    const protection = testProtection();
    const store = fileKeyStore(protection, tempDir());
    const quits = { count: 0 };
    const page = await openUnlockWindow(startUnlocking(store, database, 'no copy here'), quits);

    await page.getByRole('heading', { name: 'The recovery key is needed' }).waitFor();
    await expect.poll(() => page.getByText(/this computer does not hold its key/).count()).toBe(1);
    await page.getByText(database).waitFor();
    await screenshot(page, 'unlock-window');

    const before = hashes(database);
    const field = page.getByRole('textbox', { name: 'Recovery key' });
    const open = page.getByRole('button', { name: 'Open the database' });
    const wrong = recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await field.fill(wrong);
    await open.click();
    await page
      .getByText('That recovery key does not open this database. Nothing was changed.')
      .waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'One recovery key refused so far.' })
      .waitFor();
    await field.fill(recoveryKey.slice(0, 20));
    await open.click();
    await page.getByText(/has 32 letters and digits .* this has 16/).waitFor();
    await page.getByText('2 recovery keys refused so far.').waitFor();
    await screenshot(page, 'unlock-window-refused');
    expect(hashes(database)).toEqual(before);
    await expect(store.keyFor(database)).rejects.toThrow(/holds no key/);

    // typed by hand: lower case, spaces between the groups
    await field.fill(recoveryKey.toLowerCase().replace(/-/g, ' '));
    await open.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The key is kept for this computer' })
      .waitFor();
    await screenshot(page, 'unlock-window-opened');
    // the next start opens with this workstation's own wrapped copy, no recovery key
    expect((await store.keyFor(database))?.equals(key)).toBe(true);
    expect(quits.count).toBe(0);
  });

  it('quits without opening anything', async () => {
    const { database } = await encryptedDatabase();
    const quits = { count: 0 };
    const unlocking = startUnlocking(
      fileKeyStore(testProtection(), tempDir()),
      database,
      'os refused',
    );
    const page = await openUnlockWindow(unlocking, quits);
    await expect.poll(() => page.getByText(/the system can no longer unlock it/).count()).toBe(1);
    await page.getByRole('button', { name: 'Quit ClaimDesk' }).click();
    await expect.poll(() => quits.count).toBe(1);
    expect(unlocking.key()).toBeNull();
  });
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsDir, DATABASE_FILE } from '../../electron/backups/layout';
import { applyPendingRestore, restoreRequestPath } from '../../electron/backups/restore';
import { fixedClock } from '../../electron/core/context';
import { pendingEncryption } from '../../electron/db/encrypt-in-place';
import { fileKeyStore, RecoveryKeyRefused } from '../../electron/db/key-store';
import { openDatabase } from '../../electron/db/open';
import { addAccount, makeSupervisor } from '../../electron/testing/builders';
import { testProtection } from '../../electron/testing/os-protection';
import { TEST_TODAY } from '../../electron/testing/test-db';
import { ensureUser } from '../../electron/users/users';
import os from 'node:os';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('backups', () => {
  it('lets a supervisor back up, see a failure at once, refuse a damaged backup and restore a good one', async () => {
    const ctx = app.database({ demo: true });
    const accounts = () =>
      (ctx.db.prepare(`SELECT count(*) AS n FROM accounts`).get() as { n: number }).n;
    const demoAccounts = accounts();

    // a representative has no way to the backups, and is refused them by their address
    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: /^Office/ }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Backups' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto(app.url('#/backups'));
    await page.getByText('Only a supervisor can see the backups.').waitFor();

    makeSupervisor(ctx);
    await page.goto(app.url('#/queue'));
    await page.reload();
    await page.getByRole('button', { name: /^Office/ }).click();
    await page.getByRole('menuitem', { name: 'Backups' }).click();
    await page.waitForURL(/#\/backups$/);
    await page.getByText('No backups yet').waitFor();
    expect(
      await page.getByText(`Backups go to ${backupsDir(ctx.databasePath, null)}.`).count(),
    ).toBe(1);

    await page.getByRole('button', { name: 'Back up now' }).click();
    const table = page.getByRole('table', { name: 'Backups' });
    await table.getByRole('row').filter({ hasText: 'Checked' }).first().waitFor();
    await page.getByText('The backup was made and checked.').waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'On request' }).count()).toBe(1);

    // a folder nothing can be written to: the failure is said at the top of every screen
    const blocked = path.join(ctx.dir, 'not-a-folder');
    fs.writeFileSync(blocked, '');
    await page.getByRole('textbox', { name: 'Backups folder' }).fill(blocked);
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Schedule saved.').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'The last backup failed' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('No backup could be made');
    await page.goto(app.url('#/queue'));
    await warning.waitFor();
    await screenshot(page, 'backups-failed-warning');
    await warning.getByRole('button', { name: 'Open Backups' }).click();
    await page.waitForURL(/#\/backups$/);
    await page.getByRole('textbox', { name: 'Backups folder' }).fill('');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Schedule saved.').waitFor();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await page.getByText('The backup was made and checked.').waitFor();
    await expect.poll(() => warning.count()).toBe(0);
    await screenshot(page, 'backups-list');

    // the newest backup's database damaged on the disk: checked again, it is refused
    const folder = backupsDir(ctx.databasePath, null);
    const [newest] = fs.readdirSync(folder).sort().reverse();
    const file = path.join(folder, newest ?? '', DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    for (let i = 0; i < 8; i++) bytes[4096 + i] = (bytes[4096 + i] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    await table
      .getByRole('button', { name: /^Restore the backup of / })
      .first()
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This backup cannot be restored').waitFor();
    await dialog
      .getByText(`${DATABASE_FILE} is not as it was written (its SHA-256 differs).`)
      .waitFor();
    expect(await dialog.getByRole('button', { name: 'Restore this backup' }).count()).toBe(0);
    await screenshot(page, 'backups-restore-refused');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // a good one: a new backup, then the office changes something, then the restore
    await page.getByRole('button', { name: 'Back up now' }).click();
    // rotation keeps the newest of the day, which is no longer the damaged one
    await expect
      .poll(() => fs.readdirSync(folder))
      .toEqual([`${newest ?? ''}`.replace(/-2$/, '-3')]);
    // the same time to the minute as the damaged one: the list as it now stands
    await page.reload();
    await expect
      .poll(() => table.getByRole('button', { name: /^Restore the backup of / }).count())
      .toBe(1);
    ctx.db.prepare(`DELETE FROM follow_ups WHERE id = (SELECT min(id) FROM follow_ups)`).run();
    const followUps = () =>
      (ctx.db.prepare(`SELECT count(*) AS n FROM follow_ups`).get() as { n: number }).n;
    const changed = followUps();
    await table.getByRole('button', { name: /^Restore the backup of / }).click();
    await dialog.getByText('Checked again just now').waitFor();
    await screenshot(page, 'backups-restore-confirm');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await dialog
      .getByText('The backup is put back when ClaimDesk next starts.', { exact: false })
      .waitFor();
    await page.keyboard.press('Escape');
    await page.getByText(/^The backup .+ is put back when ClaimDesk next starts\.$/).waitFor();
    expect(await page.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(true);
    expect(fs.existsSync(restoreRequestPath(ctx.databasePath))).toBe(true);

    // what the next start does, with the window and the database closed
    await page.close();
    ctx.db.close();
    const restored = applyPendingRestore(ctx.databasePath, 'e2e');
    expect(restored?.keptAside).toBe(`${ctx.databasePath}.before-restore-e2e`);
    const back = new Database(ctx.databasePath, { readonly: true });
    app.afterTest(() => back.close());
    expect((back.prepare(`SELECT count(*) AS n FROM accounts`).get() as { n: number }).n).toBe(
      demoAccounts,
    );
    expect((back.prepare(`SELECT count(*) AS n FROM follow_ups`).get() as { n: number }).n).toBe(
      changed + 1,
    );
  });

  it('lets a supervisor have a plain database encrypted, after a checked backup', async () => {
    const ctx = app.database({ demo: false });
    addAccount(ctx);
    makeSupervisor(ctx);
    const page = await app.open('#/backups', ctx);
    const panel = page.getByRole('status').filter({ hasText: 'The database is not encrypted' });
    await panel.waitFor();
    await panel.getByRole('button', { name: 'Encrypt the database…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Encrypt the database' });
    await dialog.getByText('shows the recovery key once', { exact: false }).waitFor();
    await screenshot(page, 'backups-encrypt-confirm');
    await dialog.getByRole('button', { name: 'Back up and encrypt' }).click();
    await dialog.getByText('The database is encrypted when ClaimDesk next starts.').waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('The database is encrypted at the next start').waitFor();
    // the backup made first is listed and checked; the request waits for the next start
    const table = page.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(pendingEncryption(ctx.databasePath)).not.toBeNull();
    await screenshot(page, 'backups-encrypt-pending');
  });

  it('lets a supervisor issue a new recovery key, shown once; the old one no longer opens the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-e2e-recovery-'));
    const database = path.join(dir, 'claimdesk.sqlite');
    const store = fileKeyStore(testProtection(), path.join(dir, 'workstation'));
    const { key, recoveryKey: old } = await store.create(database);
    const db = openDatabase(database, { key });
    app.afterTest(() => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const clock = fixedClock(TEST_TODAY);
    const ctx = {
      db,
      clock,
      userId: ensureUser(db, 'sup.one', 'Sam Supervisor', clock.now()),
      databasePath: database,
      databaseKey: key,
    };
    makeSupervisor(ctx);
    // a database with no accounts opens on its welcome page
    addAccount(ctx);
    const page = await app.open('#/backups', ctx);
    await page.getByText('The database is encrypted at rest').waitFor();
    await page.getByRole('button', { name: 'New recovery key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New recovery key' });
    await dialog.getByText('Backups made before keep the old recovery key').waitFor();
    await screenshot(page, 'backups-new-recovery-key-confirm');
    await dialog.getByRole('button', { name: 'Make a new recovery key' }).click();
    const shown = dialog.getByLabel('The new recovery key');
    await shown.waitFor();
    const fresh = (await shown.textContent()) ?? '';
    expect(fresh).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    await screenshot(page, 'backups-new-recovery-key-shown');
    // shown once: Escape does not close it, the supervisor's word does
    await page.keyboard.press('Escape');
    expect(await shown.count()).toBe(1);
    await dialog.getByRole('button', { name: 'I have written it down' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const elsewhere = fileKeyStore(testProtection(), path.join(dir, 'another workstation'));
    await expect(elsewhere.recover(database, old)).rejects.toThrow(RecoveryKeyRefused);
    expect((await elsewhere.recover(database, fresh)).equals(key)).toBe(true);
  });
});

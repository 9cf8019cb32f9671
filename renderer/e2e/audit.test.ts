import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { flushTrail } from '../../electron/audit/trail';
import { openDatabase } from '../../electron/db/open';
import { makeSupervisor } from '../../electron/testing/builders';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('audit trail', () => {
  it('shows a supervisor who opened an account, filtered by its number, and records its own export', async () => {
    const ctx = app.database({ demo: true });
    const account = ctx.db
      .prepare(`SELECT id, account_number AS number FROM accounts ORDER BY id LIMIT 1 OFFSET 7`)
      .get() as { id: number; number: string };

    // a representative opens the account, then cannot read the trail
    const page = await app.open(`#/accounts/${account.id}`, ctx);
    await page.getByText(`Account ${account.number}`, { exact: true }).waitFor();
    // a representative has no way to the trail, and is refused it by its address
    await page.getByRole('button', { name: 'Office', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Audit', exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto(app.url('#/audit'));
    await page.getByText('Only a supervisor can read the audit trail.').waitFor();

    makeSupervisor(ctx);
    await page.goto(app.url('#/queue'));
    await page.reload();
    await page.getByRole('button', { name: /^Office/ }).click();
    await page.getByRole('menuitem', { name: 'Audit', exact: true }).click();
    await page.waitForURL(/#\/audit$/);
    const table = page.getByRole('table', { name: 'Audit trail' });
    await table.waitFor();
    await page.getByRole('textbox', { name: 'Account number' }).fill(account.number);
    const opened = table.getByRole('row').filter({ hasText: 'Opened the account' });
    await opened.first().waitFor();
    await expect
      .poll(() => table.getByRole('row').filter({ hasNotText: account.number }).count())
      .toBe(1); // the header row alone: every entry names the account
    expect(await opened.first().getByRole('link', { name: account.number }).count()).toBe(1);
    expect(await opened.first().textContent()).toContain('Rita Representative');
    await screenshot(page, 'audit-trail');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV of the audit trail' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    await page.getByText(/Exported \d+ rows? of the audit trail/).waitFor();
    // the export's own entry waits a second for the chain; the test looks at once
    flushTrail(ctx.db);
    const exported = ctx.db
      .prepare(
        `SELECT count(*) AS n FROM audit_log
         WHERE method = 'listAuditTrail' AND detail LIKE '%"purpose":"export"%'`,
      )
      .get() as { n: number };
    expect(exported.n).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Check the trail' }).click();
    await page.getByText(/^All [\d,]+ entries are as ClaimDesk wrote them\.$/).waitFor();
  });

  it('warns on every screen when the trail was changed outside ClaimDesk, until a supervisor accepts it', async () => {
    const first = app.database({ demo: false });
    makeSupervisor(first);
    const file = first.databasePath;
    first.db.close();
    // someone with a database tool takes the safeguard away
    const tool = new Database(file);
    tool.exec('DROP TRIGGER audit_log_no_delete');
    tool.close();

    const db = openDatabase(file);
    app.afterTest(() => db.close());
    const ctx = { ...first, db };
    const page = await app.open('#/queue', ctx);
    const warning = page.getByRole('alert').filter({ hasText: 'The audit trail was changed' });
    await warning
      .getByText(/^The audit trail of this database was changed outside ClaimDesk: the safeguard/)
      .waitFor();
    await screenshot(page, 'audit-trail-changed');

    await warning.getByRole('button', { name: 'Accept the trail as it stands' }).click();
    const dialog = page.getByRole('dialog', { name: 'Accept the audit trail as it stands' });
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('The vendor dropped it during a repair; confirmed with IT');
    await dialog.getByRole('button', { name: 'Accept the trail' }).click();
    await expect.poll(() => warning.count()).toBe(0);
    const accepted = db
      .prepare(`SELECT detail FROM audit_log WHERE method = 'acceptAuditTrail'`)
      .get() as { detail: string } | undefined;
    expect(accepted?.detail).toContain('confirmed with IT');
  });
});

import { describe, expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { loadStatementData } from '../../electron/statements/statement-data';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('patient letters', () => {
  it('makes a past-due notice from the account screen, files it and opens it to print', async () => {
    const ctx = app.database({ demo: true });
    // an open account with a patient balance, no hold of any kind and no final notice yet
    const candidates = ctx.db
      .prepare(
        `SELECT a.id FROM accounts a JOIN people g ON g.id = a.guarantor_id
         JOIN people p ON p.id = a.patient_id
         WHERE a.status = 'open' AND a.patient_balance > 5000 AND a.insurance_balance = 0
           AND g.deceased_date IS NULL AND p.deceased_date IS NULL AND g.returned_mail = 0
           AND EXISTS (SELECT 1 FROM addresses ad WHERE ad.person_id = g.id)
           AND NOT EXISTS (SELECT 1 FROM promises pr WHERE pr.account_id = a.id AND pr.status = 'open')
           AND NOT EXISTS (SELECT 1 FROM collection_holds h WHERE h.account_id = a.id)
           -- a past-due notice never follows a final notice
           AND NOT EXISTS (SELECT 1 FROM dunning_stages d WHERE d.account_id = a.id AND d.stage >= 3)
           -- nor in the history the demo brings from the old system
           AND NOT EXISTS (SELECT 1 FROM activities h WHERE h.account_id = a.id AND h.body LIKE 'Final notice%')
         ORDER BY a.id LIMIT 200`,
      )
      .all() as { id: AccountId }[];
    // and a balance past its first due date, or there is nothing to call past due
    const account = candidates.find(
      (a) => (loadStatementData(ctx.db, a.id, ctx.clock.today())?.data.daysPastDue ?? 0) > 0,
    );
    if (!account) throw new Error('the demo data has no past-due account without a hold');
    const page = await app.open(`#/accounts/${account.id}`, ctx);
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByText('No letters or statements yet.').waitFor();
    const item = page.getByRole('menuitem', { name: 'Past-due notice' });
    // a click that lands while the page is still settling may not open the menu, and the
    // screenshot's scrolling closes it: open it until it shows
    const openMenu = () =>
      expect
        .poll(async () => {
          if (!(await item.isVisible()))
            await documents.getByRole('button', { name: 'Letter' }).click();
          return item.isVisible();
        })
        .toBe(true);
    await openMenu();
    await screenshot(page, 'patient-letter-menu');
    await openMenu();
    await item.click();

    const dialog = page.getByRole('dialog', { name: /Past-due notice/ });
    const preview = dialog.getByRole('region', { name: /^Preview of / });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    await screenshot(page, 'patient-letter-past-due');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    const filed = ctx.db
      .prepare(`SELECT title FROM documents WHERE account_id = ? AND kind = 'letter'`)
      .all(account.id) as { title: string }[];
    expect(filed).toEqual([{ title: 'Past-due notice' }]);
    await page
      .getByRole('table', { name: 'Documents' })
      .getByRole('button', { name: 'Past-due notice' })
      .waitFor();
  });
});

import { describe, expect, it } from 'vitest';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('patient letters', () => {
  it('makes a past-due notice from the account screen, files it and opens it to print', async () => {
    const ctx = app.database({ demo: true });
    // an open account with a patient balance and no hold of any kind
    const account = ctx.db
      .prepare(
        `SELECT a.id FROM accounts a JOIN people g ON g.id = a.guarantor_id
         JOIN people p ON p.id = a.patient_id
         WHERE a.status = 'open' AND a.patient_balance > 5000 AND a.insurance_balance = 0
           AND g.deceased_date IS NULL AND p.deceased_date IS NULL AND g.returned_mail = 0
           AND EXISTS (SELECT 1 FROM addresses ad WHERE ad.person_id = g.id)
           AND NOT EXISTS (SELECT 1 FROM promises pr WHERE pr.account_id = a.id AND pr.status = 'open')
           AND NOT EXISTS (SELECT 1 FROM collection_holds h WHERE h.account_id = a.id)
         ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: number };
    const page = await app.open(`#/accounts/${account.id}`, ctx);
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByRole('button', { name: 'Letter' }).click();
    await screenshot(page, 'patient-letter-menu');
    await page.getByRole('menuitem', { name: 'Past-due notice' }).click();

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

import { describe, expect, it } from 'vitest';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
} from '../../electron/testing/builders';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('deceased patients and returned mail on the account', () => {
  it('records a date of death and returned mail from the account, and a batch of envelopes', async () => {
    const ctx = app.database({ demo: false }); // today 03/16/2026
    const payerId = addPayer(ctx);
    const eleanor = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1941-05-02' });
    addAddress(ctx, eleanor, '77 Lantern Way');
    const { accountId } = addAccount(ctx, { patientId: eleanor, number: 'E-100' });
    addBilledClaim(ctx, accountId, payerId, [12_500], 'patient');
    const ben = addPerson(ctx, { first: 'Ben', last: 'Adeyemi' });
    addAddress(ctx, ben, '4 Harbor St');
    const other = addAccount(ctx, { patientId: ben, number: 'E-200' }).accountId;
    addBilledClaim(ctx, other, payerId, [4_500], 'patient');
    const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;

    const page = await app.open(`#/accounts/${accountId}`, ctx);
    const people = page.getByRole('region', { name: 'Patient and guarantor' });
    await people.getByRole('button', { name: 'Record date of death' }).click();
    const dialog = page.getByRole('dialog', { name: /Record date of death/ });
    const date = dialog.getByRole('textbox', { name: 'Date of death' });
    await date.fill('02/20/2026');
    await dialog.getByRole('textbox', { name: /Source/ }).fill('Daughter called');
    await dialog
      .getByRole('textbox', { name: 'Executor or personal representative' })
      .fill('Jonathan Testwell, executor');
    await dialog.getByRole('textbox', { name: 'Street address' }).fill('12 Probate Row');
    await dialog.getByRole('textbox', { name: 'City' }).fill('Portland');
    await dialog.getByRole('textbox', { name: 'State' }).fill('ME');
    await dialog.getByRole('textbox', { name: 'ZIP code' }).fill('04101');
    await screenshot(page, 'record-death');
    await dialog.getByRole('button', { name: 'Record date of death' }).click();
    await page.getByText(/file the claim against the estate by 06\/20\/2026/).waitFor();
    await expect.poll(() => dialog.count()).toBe(0);
    await people.getByText('Deceased 02/20/2026').waitFor();
    await page
      .getByText(/died on 02\/20\/2026 \(source: Daughter called\)/)
      .first()
      .waitFor();
    await page.getByText('Probate claim deadline').waitFor();
    // the executor is the one record the estate letter writes to
    expect(count(`SELECT count(*) AS n FROM estate_representatives WHERE zip = '04101'`)).toBe(1);
    expect(
      count(`SELECT count(*) AS n FROM follow_ups WHERE kind = 'probate'
      AND deadline_date = '2026-06-20'`),
    ).toBe(1);

    // the guarantor's mail came back
    await page.getByRole('button', { name: 'Mail came back' }).click();
    const mail = page.getByRole('dialog', { name: /Mail came back/ });
    await mail.getByRole('button', { name: 'Record returned mail' }).click();
    await page
      .getByText(/Returned mail recorded on 1 account; statements hold and 1 skip-trace/)
      .waitFor();
    await people.getByText('Returned mail').first().waitFor();
    await page
      .getByText(/77 Lantern Way, Falmouth, ME 04105 is marked bad/)
      .first()
      .waitFor();
    await screenshot(page, 'deceased-returned-mail');

    // a stack of envelopes with a bad number: nothing is recorded, the bad line is named
    await page.getByRole('button', { name: 'Returned envelopes' }).click();
    const batch = page.getByRole('dialog', { name: 'Returned envelopes' });
    const lines = batch.getByRole('textbox', { name: /Account numbers/ });
    await lines.fill('E-200\nE-999\n');
    await batch.getByRole('button', { name: 'Record returned mail' }).click();
    await batch.getByText('Line 2: no account E-999.').waitFor();
    await batch.getByText('1 of 2 lines cannot be recorded; nothing was recorded.').waitFor();
    await screenshot(page, 'returned-envelopes-refused');
    expect(count(`SELECT count(*) AS n FROM returned_mail`)).toBe(1);

    await lines.fill('E-200\n');
    await batch.getByRole('button', { name: 'Record returned mail' }).click();
    // the dialog closes only when it was recorded
    await expect.poll(() => batch.count()).toBe(0);
    expect(count(`SELECT count(*) AS n FROM returned_mail`)).toBe(2);
    expect(count(`SELECT returned_mail AS n FROM people WHERE id = ${ben}`)).toBe(1);
  });
});

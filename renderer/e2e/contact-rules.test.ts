import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/context';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../../electron/testing/builders';
import { isoDate } from '../../shared/dates/iso-date';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('contact rules on the account', () => {
  it('warns before a late call is logged, and a restriction stops calls until lifted', async () => {
    const db = app.database({ demo: false });
    const payerId = addPayer(db);
    const maria = addPerson(db, { first: 'Maria', last: 'Okafor' });
    addAddress(db, maria, '77 Lantern Way'); // Falmouth, ME
    const { accountId } = addAccount(db, { patientId: maria, number: 'K-100' });
    addBilledClaim(db, accountId, payerId, [12_500], 'patient');
    makeSupervisor(db);
    // 9:30 PM in Maine on 03/16/2026
    const ctx = { ...db, clock: fixedClock(isoDate('2026-03-17'), '01:30:00.000Z') };
    const count = (sql: string) => (db.db.prepare(sql).get() as { n: number }).n;

    const page = await app.open(`#/accounts/${accountId}`, ctx);
    const card = page.getByRole('region', { name: 'Contact' });
    await card.getByText('9:30 PM EDT').waitFor();
    await card.getByText('outside calling hours').waitFor();

    await page.keyboard.press('c');
    const callForm = page.getByRole('form', { name: 'Log a call' });
    await callForm.getByLabel('With', { exact: true }).click();
    await page.getByRole('option', { name: 'Guarantor' }).click();
    await callForm.getByLabel('Outcome', { exact: true }).click();
    await page.getByRole('option', { name: 'No answer' }).click();
    await callForm.getByLabel('Call notes').fill('Called about the balance.');
    await callForm.getByRole('button', { name: 'Log call' }).click();
    const warning = callForm.getByRole('alert');
    await warning
      .getByText(
        'It is 9:30 PM EDT for Maria Okafor (ME), outside calling hours 8:00 AM to 9:00 PM.',
      )
      .waitFor();
    await screenshot(page, 'call-warning');
    expect(count(`SELECT count(*) AS n FROM activities WHERE kind = 'call'`)).toBe(0);

    await warning.getByRole('button', { name: 'Log the call anyway' }).click();
    const history = page.getByRole('list', { name: 'Account history' });
    await history.getByText(/No answer · their time 9:30 PM EDT \(ME\)/).waitFor();
    await history.getByText(/^Logged despite: It is 9:30 PM EDT/).waitFor();
    expect(count(`SELECT count(*) AS n FROM call_times WHERE warnings <> '[]'`)).toBe(1);

    // the guarantor's attorney writes in: calls go to the attorney
    await card.getByRole('button', { name: 'Restrict contact…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restrict contact' });
    await dialog.getByLabel(/What restricts contact/).click();
    await page.getByRole('option', { name: 'Represented by an attorney' }).click();
    await dialog.getByRole('textbox', { name: "Attorney's name" }).fill('Dana Whitfield, Esq.');
    await dialog.getByRole('textbox', { name: "Attorney's phone" }).fill('207-555-0199');
    await dialog.getByRole('button', { name: 'Record restriction' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const restrictions = card.getByRole('list', { name: 'Contact restrictions' });
    await restrictions.getByText('Dana Whitfield, Esq., 207-555-0199').waitFor();
    await page
      .getByText(/Contact restricted: Represented by an attorney on 03\/17\/2026/)
      .waitFor();
    const statements = page.getByRole('region', { name: 'Statements' });
    await statements.getByText(/contact is restricted: represented by an attorney/).waitFor();

    await callForm.getByLabel('Outcome', { exact: true }).click();
    await page.getByRole('option', { name: 'Left message' }).click();
    await callForm.getByLabel('Call notes').fill('Second try.');
    await callForm.getByRole('button', { name: 'Log call' }).click();
    await callForm
      .getByText(/Dana Whitfield, Esq\., 207-555-0199\. Call the attorney instead/)
      .waitFor();
    await screenshot(page, 'contact-restriction');
    expect(count(`SELECT count(*) AS n FROM activities WHERE kind = 'call'`)).toBe(1);

    // a supervisor lifts it with the reason; history keeps both
    await restrictions.getByRole('button', { name: 'Lift' }).click();
    const lift = page.getByRole('dialog', { name: 'Lift a contact restriction' });
    await lift.getByRole('textbox').fill('Attorney wrote that representation ended');
    await lift.getByRole('button', { name: 'Lift restriction' }).click();
    await restrictions.getByText(/Attorney wrote that representation ended/).waitFor();
    await page
      .getByText(/^Contact restriction lifted: .*Reason: Attorney wrote that representation ended/)
      .waitFor();
    expect(count(`SELECT count(*) AS n FROM contact_restrictions WHERE lifted_at IS NULL`)).toBe(0);
  });
});

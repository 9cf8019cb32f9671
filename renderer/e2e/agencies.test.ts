import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../shared/csv/read';
import { overdueAccount } from '../../electron/testing/agencies';
import { addPayer, makeSupervisor } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('collection agencies', () => {
  it('a supervisor adds an agency, places accounts, posts its payment file and recalls', async () => {
    const ctx = app.database({ demo: false }); // today 03/16/2026
    makeSupervisor(ctx);
    // a facility not bound by 501(r); its gate on placements is tested in electron/fap
    call(ctx, 'saveBillingRules', { bound501r: 0 });
    const payerId = addPayer(ctx);
    overdueAccount(ctx, payerId, { number: 'G-1', last: 'Okafor', charges: [12_000] });
    overdueAccount(ctx, payerId, { number: 'G-2', last: 'Adeyemi', charges: [30_000] });
    const held = overdueAccount(ctx, payerId, {
      number: 'G-3',
      last: 'Lindqvist',
      charges: [8_000],
    });
    call(ctx, 'setCollectionHold', {
      accountId: held,
      kind: 'dispute',
      open: true,
      note: 'Says billed twice',
    });
    const balance = (number: string) =>
      ctx.db
        .prepare(`SELECT patient_balance AS b, status FROM accounts WHERE account_number = ?`)
        .get(number) as { b: number; status: string };

    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: 'Office' }).click();
    await page.getByRole('menuitem', { name: 'Collection agencies' }).click();
    await page.getByRole('heading', { name: 'Collection agencies' }).waitFor();

    // add the agency: its file layout from the closed list, 25% commission, posted gross
    await page.getByRole('button', { name: 'Add agency' }).click();
    const form = page.getByRole('dialog', { name: 'Add a collection agency' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Coastal Recovery');
    await form.getByRole('checkbox', { name: 'Date of birth' }).check();
    await form.getByRole('textbox', { name: 'Commission (%)' }).fill('25');
    await form.getByRole('textbox', { name: 'Contact' }).fill('Dana Whitlock, 207-555-0199');
    await screenshot(page, 'agency-add');
    await form.getByRole('button', { name: 'Save agency' }).click();
    await expect.poll(() => form.count()).toBe(0);
    await page.getByRole('heading', { name: 'Coastal Recovery' }).waitFor();

    // place by rule: a preview, the disputed account held back with why
    await page.getByRole('tab', { name: 'Place accounts' }).click();
    await page.getByRole('button', { name: 'Preview placement' }).click();
    await page.getByText('2 accounts fit the rule, $420.00 in all; 2 chosen ($420.00).').waitFor();
    await page.getByText('G-3: the balance is disputed.').waitFor();
    await screenshot(page, 'agency-placement-preview');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Place 2 accounts with Coastal Recovery' }).click(),
    ]);
    const saved = path.join(ctx.dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(
      /^placement-coastal-recovery-2026-03-16-\d+\.csv$/,
    );
    const reading = readCsv(fs.readFileSync(saved, 'utf8'));
    if (!reading.ok) expect.fail(reading.problem);
    expect(reading.table.headers).toEqual([
      'Account',
      'Guarantor name',
      'Address line 1',
      'Address line 2',
      'City',
      'State',
      'ZIP',
      'Phone',
      'Date of birth',
      'Balance',
    ]);
    expect(reading.table.rows.map((r) => r.cells[0])).toEqual(['G-1', 'G-2']);
    await page.getByText(/2 accounts placed with Coastal Recovery, \$420\.00 in all\./).waitFor();
    expect(balance('G-1').status).toBe('agency');

    // the payment file: a bad row refuses the whole file, then the corrected one posts
    // (the placement is dated today, so the payments are too)
    await page.getByRole('tab', { name: 'Payment and recall files' }).click();
    const pick = page.locator('input[aria-label="Choose a payment file"]');
    await pick.setInputFiles({
      name: 'coastal-bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Account,Date,Amount,Reference\nG-1,03/16/2026,100.00,CR-1\nG-9,03/16/2026,5.00,CR-2\n',
      ),
    });
    await page.getByRole('button', { name: 'Post payments' }).click();
    await page.getByText('Row 3: no account G-9.').waitFor();
    await page.getByText('1 row of 2 cannot be posted; nothing was posted.').waitFor();
    await screenshot(page, 'agency-payments-refused');
    expect(balance('G-1').b).toBe(12_000);
    await pick.setInputFiles({
      name: 'coastal-0316.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Account,Date,Amount,Reference\nG-1,03/16/2026,100.00,CR-1\n'),
    });
    await page.getByRole('button', { name: 'Post payments' }).click();
    await page
      .getByText('1 payment from Coastal Recovery posted: $100.00 paid, $25.00 commission.')
      .first()
      .waitFor();
    expect(balance('G-1').b).toBe(2_000);
    await screenshot(page, 'agency-payments-posted');

    // recall one account from the list
    await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Recall G-1' }).click();
    const recall = page.getByRole('dialog', { name: 'Recall G-1' });
    await recall
      .getByRole('textbox', { name: 'Reason' })
      .fill('Patient will pay the rest directly');
    await recall.getByRole('button', { name: 'Recall account' }).click();
    await expect.poll(() => recall.count()).toBe(0);
    await page.getByText('1 account recalled from Coastal Recovery.').waitFor();
    const placed = page.getByRole('table', { name: 'Placed accounts' });
    await placed
      .getByRole('row')
      .filter({ hasText: 'G-1' })
      .getByText('03/16/2026')
      .nth(1)
      .waitFor();
    expect(balance('G-1').status).toBe('open');

    // the rest by the agency's recall file
    await page.getByRole('tab', { name: 'Payment and recall files' }).click();
    await page.getByRole('textbox', { name: 'Reason for the recall' }).fill('Agency closed them');
    await page.locator('input[aria-label="Choose a recall file"]').setInputFiles({
      name: 'coastal-recall.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('Account\nG-2\n'),
    });
    await page.getByRole('button', { name: 'Recall accounts' }).click();
    // the notice of the recall before may still show: the account itself says it is back
    await expect.poll(() => balance('G-2').status).toBe('open');
    await page.getByRole('tab', { name: 'Accounts', exact: true }).click();
    await placed.getByText('Agency closed them').waitFor();
    await screenshot(page, 'agency-accounts');

    // the account's history says all of it
    await page.getByRole('button', { name: 'G-1' }).click();
    await page
      .getByText(/Placed with Coastal Recovery on 03\/16\/2026/)
      .first()
      .waitFor();
    await page
      .getByText(/Posted gross: a \$75\.00 payment and a \$25\.00 commission adjustment/)
      .first()
      .waitFor();
    await page
      .getByText(/Recalled from Coastal Recovery on 03\/16\/2026/)
      .first()
      .waitFor();
  });

  it('a representative sees the agencies but cannot add one or place accounts', async () => {
    const ctx = app.database({ demo: false });
    makeSupervisor(ctx);
    // the app opens its screens once the database holds an account
    overdueAccount(ctx, addPayer(ctx), { number: 'H-1', last: 'Okafor', charges: [5_000] });
    call(ctx, 'saveAgency', {
      name: 'Harbor Credit',
      columns: ['account', 'balance'],
      commissionBps: 3000,
      remittance: 'net',
    });
    ctx.db.prepare(`UPDATE users SET role = 'representative' WHERE id = ?`).run(ctx.userId);
    const page = await app.open('#/agencies', ctx);
    await page.getByRole('heading', { name: 'Harbor Credit' }).waitFor();
    await page.getByText('Only a supervisor can add agencies and place accounts.').waitFor();
    expect(await page.getByRole('button', { name: 'Add agency' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Place accounts' }).count()).toBe(0);
    await screenshot(page, 'agencies-representative');
  });
});

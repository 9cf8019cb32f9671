import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { remitClaim, remittanceFile } from '../../electron/testing/remittance';
import { rowCount } from '../../electron/testing/test-db';
import { appSession, screenshot } from './harness';
import {
  importThroughScreen,
  openClaims,
  report,
  writeFile,
  type DemoClaim,
} from './imports-screen';

const app = appSession();

const TRACE = 'EFT-E2E-0316';

/** One remittance: the first claim paid (CO-45 contractual, PR-2 coinsurance), the second denied. */
function remittanceFor(paid: DemoClaim, denied: DemoClaim, today: IsoDate) {
  const contractual = Math.round(paid.charge * 0.3);
  const coinsurance = 2_500;
  const payment = paid.charge - contractual - coinsurance;
  const text = remittanceFile(
    [
      remitClaim({
        patientControlNumber: paid.number,
        charge: paid.charge,
        paid: payment,
        adjustments: [
          { group: 'CO', reason: '45', amount: contractual },
          { group: 'PR', reason: '2', amount: coinsurance },
        ],
      }),
      remitClaim({
        patientControlNumber: denied.number,
        charge: denied.charge,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '50', amount: denied.charge }],
        remarks: ['N115'],
      }),
    ],
    { trace: TRACE, date: today },
  );
  return { text, payment: cents(payment) };
}

describe('importing a remittance and working its denial', () => {
  it('posts a payment and a denial, and the denial is worked from the denials view and the account', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const [paid, denied] = openClaims(ctx, 2);
    if (!paid || !denied) throw new Error('the demo data has no two open billed claims');
    const { text, payment } = remittanceFor(paid, denied, today);
    const file = writeFile(ctx, 'era-0316.835', text);
    const page = await app.open(`#/imports`, ctx);
    await page.getByRole('heading', { name: 'Imports' }).waitFor();
    await page.getByText('No files imported yet').waitFor();

    // the file goes in through the file input; its report says what it did
    await importThroughScreen(page, file);
    const posted = report(page, 'era-0316.835');
    await posted.getByText('Posted', { exact: true }).waitFor();
    await posted.getByText('2 claims posted').waitFor();
    const remit = posted.getByRole('table', { name: 'Remittances in era-0316.835' });
    const cells = remit.locator('tbody tr').first().getByRole('cell');
    await expect.poll(() => cells.nth(1).textContent()).toBe(TRACE);
    expect(await cells.nth(3).textContent()).toBe('2'); // claims posted
    expect(await cells.nth(4).textContent()).toBe(formatCents(payment)); // total paid
    expect(await cells.nth(7).textContent()).toBe('1'); // denials created
    expect(await cells.nth(9).textContent()).toBe('0'); // exceptions
    await page.getByText('1 of 1 file').waitFor();
    await screenshot(page, 'import-report');

    // the history keeps it, and its stored report opens from there
    const history = page.getByRole('table', { name: 'Import history' });
    await history.getByRole('button', { name: 'era-0316.835' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import of era-0316.835' });
    await dialog.getByRole('table', { name: 'Remittances in era-0316.835' }).waitFor();
    await screenshot(page, 'import-history-report');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // the paid claim's account shows the payment in its ledger
    await page.goto(app.url(`#/accounts/${paid.accountId}`));
    const ledger = page.getByRole('table', { name: 'Ledger' });
    const paymentRow = ledger
      .getByRole('row')
      .filter({ hasText: `ERA ${TRACE}` })
      .filter({ hasText: 'Payment' });
    await paymentRow.getByText(formatCents(cents(-payment)), { exact: true }).waitFor();
    await ledger.getByRole('row').filter({ hasText: 'PR-2' }).first().waitFor();

    // the work queue, filtered to denials, has the denied claim with its appeal deadline
    const deadline = addDays(today, denied.appealWindowDays);
    await page.goto(app.url(`#/queue?kind=denial&sort=deadline&dir=desc`));
    const grid = page.getByRole('grid', { name: /Work queue/ });
    const queueRow = grid.getByRole('row').filter({ hasText: denied.number });
    await queueRow.getByText(formatUsDate(deadline)).waitFor();
    await queueRow.getByText('CO-50').waitFor();
    await screenshot(page, 'queue-denials');

    // the denials view, narrowed to the payer and the category, lists it with its codes
    await page.getByRole('button', { name: 'Denials', exact: true }).click();
    await page.waitForURL(/#\/denials$/);
    await page.getByRole('combobox', { name: 'Payer' }).click();
    await page.getByRole('option', { name: denied.payerName, exact: true }).click();
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Medical necessity' }).click();
    await page.waitForURL(/#\/denials\?payer=\d+&category=medical_necessity$/);
    const filteredUrl = page.url();
    const denialsGrid = page.getByRole('grid', { name: /^Denials/ });
    const denialRow = denialsGrid.getByRole('row').filter({ hasText: denied.number });
    await denialRow.getByText(formatUsDate(deadline)).waitFor();
    await denialRow.locator('[title^="CO-50: "]').getByText('CO-50').waitFor();
    await denialRow.locator('[title^="N115: "]').getByText('N115').waitFor();
    expect(await denialRow.getByText(formatCents(cents(denied.charge))).count()).toBe(1);
    await denialRow.getByText('New', { exact: true }).waitFor();
    await screenshot(page, 'denials-view');

    // a click opens the account; Escape comes back to the same filtered list
    await denialRow.click();
    await page.waitForURL(new RegExp(`#/accounts/${denied.accountId}$`));
    await page.getByRole('heading', { name: 'Denials' }).waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL(filteredUrl);
    await denialsGrid.getByRole('row').filter({ hasText: denied.number }).waitFor();

    // Enter on the selected row opens it too
    // the rows of denials, not the headings that open each deadline group
    const index = await denialsGrid
      .locator('tbody tr.queue-row')
      .evaluateAll(
        (rows, number) => rows.findIndex((r) => r.textContent?.includes(number)),
        denied.number,
      );
    await denialsGrid.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    // the focus ring goes around the scroll frame, where nothing clips it, not across the last row
    expect(await denialsGrid.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
    expect(
      await denialsGrid.evaluate((el) => {
        const frame = el.closest('.grid-frame');
        return frame ? getComputedStyle(frame).outlineStyle : 'no frame';
      }),
    ).toBe('solid');
    await screenshot(page, 'denials-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/accounts/${denied.accountId}$`));

    // the account's denial card: what to do, the codes in words, and the deadline
    const card = page.getByRole('group', { name: `Denial on claim ${denied.number}` });
    await card.getByText('Medical necessity', { exact: true }).waitFor();
    await card.getByText(/^Appeal the denial/).waitFor();
    await card.getByText('CO-50', { exact: true }).waitFor();
    await card.getByText('N115', { exact: true }).waitFor();
    await card.getByText(formatUsDate(deadline)).waitFor();
    await screenshot(page, 'denial-card');

    // move it to "in review" with a note
    await card.getByRole('button', { name: 'Update denial…' }).click();
    const form = page.getByRole('form', { name: `Update denial on claim ${denied.number}` });
    await form.getByRole('combobox', { name: 'New state' }).click();
    await page.getByRole('option', { name: 'In review', exact: true }).click();
    await form
      .getByRole('textbox', { name: 'Note' })
      .fill('Pulling the chart notes for the appeal.');
    await screenshot(page, 'denial-card-update');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'hidden' });
    await card.getByText('In review', { exact: true }).waitFor();
    expect(
      ctx.db
        .prepare(`SELECT state, appeal_level AS level FROM denials WHERE claim_id = ?`)
        .get(denied.id),
    ).toEqual({ state: 'in_review', level: 'first' });
    const entry = 'Denial moved from new to in review. Pulling the chart notes for the appeal.';
    await page.getByRole('list', { name: 'Account history' }).getByText(entry).waitFor();
    expect(
      ctx.db
        .prepare(`SELECT count(*) AS n FROM activities WHERE account_id = ? AND body = ?`)
        .get(denied.accountId, entry),
    ).toEqual({ n: 1 });
    await screenshot(page, 'denial-card-in-review');
  });

  it('says a remittance was imported before and posts nothing the second time', async () => {
    const ctx = app.database({ demo: true });
    const [paid, denied] = openClaims(ctx, 2);
    if (!paid || !denied) throw new Error('the demo data has no two open billed claims');
    const { text } = remittanceFor(paid, denied, ctx.clock.today());
    const file = writeFile(ctx, 'era-0316.835', text);
    const page = await app.open(`#/imports`, ctx);
    await importThroughScreen(page, file);
    await report(page, 'era-0316.835').getByText('Posted', { exact: true }).waitFor();
    const rows = rowCount(ctx, 'ledger_entries');

    await importThroughScreen(page, file);
    const again = report(page, 'era-0316.835');
    await again.getByText('Duplicate', { exact: true }).waitFor();
    await again.getByText(/imported before on .+ \(era-0316\.835\)/).waitFor();
    await again.getByText(/1 imported before/).waitFor();
    expect(rowCount(ctx, 'ledger_entries')).toBe(rows);
    const history = page.getByRole('table', { name: 'Import history' });
    await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'import-duplicate');
  });

  it('rejects a file that is not a remittance with its reason and posts nothing', async () => {
    const ctx = app.database({ demo: true });
    const garbage = writeFile(ctx, 'notes.txt', 'Call Medicare back on Monday about the 835s.\n');
    const [paid, denied] = openClaims(ctx, 2);
    if (!paid || !denied) throw new Error('the demo data has no two open billed claims');
    // a real remittance cut short: its envelope never closes
    const { text } = remittanceFor(paid, denied, ctx.clock.today());
    const cut = writeFile(ctx, 'era-cut.835', text.slice(0, text.indexOf('CLP*')));
    const rows = rowCount(ctx, 'ledger_entries');
    const page = await app.open(`#/imports`, ctx);
    await page.locator('input[aria-label="Files to import"]').setInputFiles([garbage, cut]);

    const rejected = report(page, 'notes.txt');
    await rejected.getByText('Rejected', { exact: true }).waitFor();
    await rejected
      .getByRole('list', { name: 'Rejection reasons' })
      .getByText(/^The file has no ISA header/)
      .waitFor();
    const damaged = report(page, 'era-cut.835');
    await damaged.getByText('Rejected', { exact: true }).waitFor();
    await expect
      .poll(() => damaged.getByRole('list', { name: 'Rejection reasons' }).textContent())
      .toMatch(/\S/);
    await page.getByText('2 of 2 files').waitFor();
    expect(rowCount(ctx, 'ledger_entries')).toBe(rows);
    expect(rowCount(ctx, 'remittances')).toBe(0);
    await screenshot(page, 'import-rejected');
  });
});

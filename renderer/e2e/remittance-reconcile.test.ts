import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { remitClaim, remittanceFile } from '../../electron/testing/remittance';
import { era } from '../../electron/testing/remittance-era';
import { appSession, screenshot } from './harness';
import {
  importThroughScreen,
  openClaims,
  report,
  writeFile,
  type DemoClaim,
} from './imports-screen';

const app = appSession();

describe('reconciling a remittance: its exceptions and its tie-out', () => {
  it('matches a remittance claim that matched nothing to a claim by hand, and sets another aside', async () => {
    const ctx = app.database({ demo: true });
    const [target] = openClaims(ctx, 1);
    if (!target) throw new Error('the demo data has no open billed claim');
    const text = remittanceFile(
      [
        remitClaim({
          patientControlNumber: 'ZZ-TYPO-1',
          charge: target.charge,
          paid: target.charge,
          payerClaimNumber: 'PAYER-77',
        }),
        remitClaim({ patientControlNumber: 'ZZ-NOBODY', charge: 10_000, paid: 4_000 }),
      ],
      { trace: 'EFT-EXC-1', date: ctx.clock.today() },
    );
    const file = writeFile(ctx, 'era-exceptions.835', text);
    const page = await app.open(`#/imports`, ctx);
    await importThroughScreen(page, file);
    const cells = report(page, 'era-exceptions.835')
      .getByRole('table', { name: 'Remittances in era-exceptions.835' })
      .locator('tbody tr')
      .first()
      .getByRole('cell');
    await expect.poll(() => cells.nth(9).textContent()).toBe('2');

    await page.getByRole('tab', { name: /Exceptions/ }).click();
    await page.waitForURL(/#\/imports\?tab=exceptions$/);
    const table = page.getByRole('table', { name: 'Remittance exceptions' });
    await table.getByRole('row').filter({ hasText: 'ZZ-TYPO-1' }).waitFor();
    await screenshot(page, 'import-exceptions');

    // the payment goes to the claim found by its number
    await table.getByRole('button', { name: 'Match to claim: ZZ-TYPO-1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Match to claim' });
    await dialog.getByRole('textbox', { name: 'Claim or account number' }).fill(target.number);
    const post = dialog.getByRole('button', { name: `Post to claim ${target.number}` });
    await post.waitFor();
    await screenshot(page, 'import-match-claim');
    await post.click();
    await dialog.waitFor({ state: 'hidden' });
    await table.getByRole('row').filter({ hasText: 'ZZ-TYPO-1' }).waitFor({ state: 'detached' });
    expect(
      ctx.db
        .prepare(
          `SELECT e.status, c.status AS claimStatus FROM remittance_exceptions e
           JOIN claims c ON c.id = e.claim_id WHERE e.patient_control_number = 'ZZ-TYPO-1'`,
        )
        .get(),
    ).toEqual({ status: 'matched', claimStatus: 'paid' });

    // the other failed its checks: it can only be set aside, with a note, which is required
    expect(
      await table.getByRole('button', { name: 'Match to claim: ZZ-NOBODY' }).isDisabled(),
    ).toBe(true);
    await table.getByRole('button', { name: 'Set aside ZZ-NOBODY' }).click();
    const aside = page.getByRole('dialog', { name: 'Set aside' });
    await aside.getByRole('button', { name: 'Set aside' }).click();
    await aside.getByText('Say why it is set aside.').waitFor();
    await aside
      .getByRole('textbox', { name: 'Note' })
      .fill('Not our patient; payer asked to recoup.');
    await aside.getByRole('button', { name: 'Set aside' }).click();
    await aside.waitFor({ state: 'hidden' });
    await page.getByText('No exceptions to work').waitFor();
    expect(
      ctx.db
        .prepare(`SELECT status, note FROM remittance_exceptions WHERE patient_control_number = ?`)
        .get('ZZ-NOBODY'),
    ).toEqual({ status: 'set_aside', note: 'Not our patient; payer asked to recoup.' });
  });

  it('ties a remittance out to its payment, with a reversal on its own date and PLB interest in the cash summary', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const [reversed, b, c] = openClaims(ctx, 3);
    if (!reversed || !b || !c) throw new Error('the demo data has no three open billed claims');
    /** Paid in full less a 20% contractual adjustment, so the claim balances. */
    const paid = (claim: DemoClaim) => {
      const contractual = Math.round(claim.charge * 0.2);
      return {
        amount: claim.charge - contractual,
        claim: remitClaim({
          patientControlNumber: claim.number,
          charge: claim.charge,
          paid: claim.charge - contractual,
          adjustments: [{ group: 'CO', reason: '45', amount: contractual }],
        }),
      };
    };
    const first = paid(reversed);
    const paidOn = addDays(today, -9);
    const remitOn = addDays(today, -3);
    const earlier = writeFile(
      ctx,
      'era-0307.835',
      era([first.claim], { trace: 'EFT-E2E-0307', date: paidOn }),
    );
    const [second, third] = [paid(b), paid(c)];
    const takeBack = remitClaim({
      patientControlNumber: reversed.number,
      charge: -first.amount,
      paid: -first.amount,
      status: '22',
    });
    const later = writeFile(
      ctx,
      'era-0313.835',
      era([second.claim, third.claim, takeBack], {
        trace: 'EFT-E2E-0313',
        date: remitOn,
        plb: [{ code: 'L6', ref: null, amount: -1_250 }],
      }),
    );
    const payment = cents(second.amount + third.amount - first.amount + 1_250);
    const claimsPaid = cents(second.amount + third.amount);

    const page = await app.open(`#/imports`, ctx);
    await importThroughScreen(page, earlier);
    await report(page, 'era-0307.835').getByText('Posted', { exact: true }).waitFor();
    await importThroughScreen(page, later);
    const posted = report(page, 'era-0313.835');
    await posted.getByText('Posted', { exact: true }).waitFor();
    // the file's summary says what came in, net of what the payer took back
    await posted
      .getByText(`${formatCents(cents(claimsPaid - first.amount))} paid`, { exact: false })
      .waitFor();
    const tie = posted.getByRole('status', { name: 'Tie-out of trace EFT-E2E-0313' });
    await tie.getByText('Ties out', { exact: true }).waitFor();
    expect(await tie.textContent()).toContain(
      `Claims paid ${formatCents(claimsPaid)} − reversed ${formatCents(cents(first.amount))} + provider adjustments $12.50 = payment ${formatCents(payment)}: ties out.`,
    );
    // the PLB column says what the facility got: the interest as money in, not the payer's -$12.50
    const cells = posted
      .getByRole('table', { name: 'Remittances in era-0313.835' })
      .locator('tbody tr')
      .first()
      .getByRole('cell');
    expect(await cells.nth(10).textContent()).toBe('$12.50');
    await screenshot(page, 'import-tie-out');

    // the remittance opens with its claims, the reversal on the remittance's date, the PLB in words
    await posted.getByRole('button', { name: 'Details of remittance EFT-E2E-0313' }).click();
    const detail = page.getByRole('dialog', { name: 'Remittance EFT-E2E-0313' });
    const reversals = detail.getByRole('table', { name: 'Reversals' });
    const reversalRow = reversals.getByRole('row').filter({ hasText: reversed.number });
    await reversalRow.getByText(formatUsDate(remitOn)).waitFor();
    await reversalRow.getByText(formatCents(cents(-first.amount))).waitFor();
    expect(
      await detail.getByRole('table', { name: 'Claims posted' }).locator('tbody tr').count(),
    ).toBe(2);
    await detail
      .getByRole('table', { name: 'Provider-level adjustments' })
      .getByText('Payer paid $12.50 interest')
      .waitFor();
    await screenshot(page, 'remittance-detail');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // the cash summary of the remittance's day ties the EFT out and lists the interest
    await page.goto(app.url(`#/cash?date=${remitOn}`));
    const day = page.getByRole('table', { name: 'Remittances of the day' });
    const row = day.getByRole('row').filter({ hasText: 'EFT-E2E-0313' });
    await row.getByText('Ties out', { exact: true }).waitFor();
    await row.getByText(formatCents(payment), { exact: true }).waitFor();
    const plb = page.getByRole('table', { name: 'Provider-level adjustments of the day' });
    const interest = plb.getByRole('row').filter({ hasText: 'Payer paid $12.50 interest' });
    await interest.getByText('Interest paid by payers').waitFor();
    await screenshot(page, 'cash-summary-remittances');
    // the reversal is on the remittance's day: the day of the import has none of it
    await page.goto(app.url(`#/cash?date=${today}`));
    await page.getByText('No remittances dated this day').waitFor();
    expect(
      ctx.db
        .prepare(`SELECT received_date AS date FROM receipts WHERE reverses_id IS NOT NULL`)
        .all(),
    ).toEqual([{ date: remitOn }]);
  });
});

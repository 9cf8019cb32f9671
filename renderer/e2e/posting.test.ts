import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { call } from '../../electron/testing/call';
import { rowCount } from '../../electron/testing/test-db';
import { fixedClock, type Ctx } from '../../electron/core/context';
import { openDatabase } from '../../electron/db/open';
import { depositSlip } from './deposit-slip';
import { appSession, screenshot } from './harness';

const app = appSession();

interface AccountRow {
  id: number;
  number: string;
  patientBalance: number;
}

/** Open accounts with a patient balance and no plan or promise, smallest id first. */
function accountsOwing(c: Ctx, minimum: number, n: number): AccountRow[] {
  return c.db
    .prepare(
      `SELECT a.id, a.account_number AS number, a.patient_balance AS patientBalance FROM accounts a
       WHERE a.status = 'open' AND a.patient_balance >= ?
         AND NOT EXISTS (SELECT 1 FROM payment_plans p WHERE p.account_id = a.id)
         AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.account_id = a.id)
       ORDER BY a.id LIMIT ?`,
    )
    .all(minimum, n) as AccountRow[];
}

const difference = (p: Page) => p.getByRole('group', { name: 'Difference' });

const METHODS = ['cash', 'check', 'card'] as const;
type Method = (typeof METHODS)[number];

/**
 * One patient payment from the keyboard: account, Tab, amount, Tab, then arrows move the
 * method switch from where the last payment left it, as with any radio group.
 */
async function keyPayment(
  p: Page,
  account: string,
  amount: string,
  move: { from: Method; to: Method },
  number?: string,
) {
  const accountField = p.getByRole('textbox', { name: 'Account number' });
  await expect.poll(() => accountField.evaluate((el) => el === document.activeElement)).toBe(true);
  await p.keyboard.type(account);
  await p.getByText('Patient balance').waitFor();
  await p.keyboard.press('Tab');
  await p.keyboard.type(amount);
  await p.keyboard.press('Tab');
  const steps = METHODS.indexOf(move.to) - METHODS.indexOf(move.from);
  for (let i = 0; i < Math.abs(steps); i++)
    await p.keyboard.press(steps > 0 ? 'ArrowRight' : 'ArrowLeft');
  if (number) {
    await p.keyboard.press('Tab');
    await p.keyboard.type(number);
  }
  await p.keyboard.press('Enter');
}

describe('posting a deposit batch', () => {
  it('posts a balanced batch of cash, check and card from the keyboard and closes it', async () => {
    const ctx = app.database({ demo: true });
    const [a, b, c] = accountsOwing(ctx, 10_000, 3);
    expect(c).toBeDefined();
    const page = await app.open(`#/posting`, ctx);

    // a new batch for this morning's front desk: $175.00 on the slip
    await page.getByRole('heading', { name: 'Posting' }).waitFor();
    const form = page.getByRole('form', { name: 'New batch' });
    await form.getByRole('textbox', { name: 'Expected total' }).fill('175.00');
    await form.getByRole('textbox', { name: 'Description' }).fill('Front desk, morning');
    await form.getByRole('button', { name: 'Open batch' }).click();
    await page.waitForURL(/#\/posting\/\d+$/);
    const batchId = Number(/posting\/(\d+)$/.exec(page.url())?.[1]);
    await expect.poll(() => difference(page).textContent()).toContain('$175.00');

    // a check with no number is refused with the API's words, and nothing is written
    const receiptsBefore = rowCount(ctx, 'receipts');
    await page.getByRole('textbox', { name: 'Account number' }).click();
    await page.keyboard.type(a!.number);
    await page.getByText('Patient balance').waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('50.00');
    await page.keyboard.press('Enter');
    await page.getByText('A check needs its number.').waitFor();
    await screenshot(page, 'posting-check-without-number');
    expect(rowCount(ctx, 'receipts')).toBe(receiptsBefore);

    // type the number and post; the row clears and the cursor is back on the account
    await page.getByRole('textbox', { name: 'Check number' }).fill('1234');
    await page.getByRole('textbox', { name: 'Check number' }).press('Enter');
    await expect.poll(() => difference(page).textContent()).toContain('$125.00');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Account number' }).inputValue())
      .toBe('');

    // an unknown account says so
    await page.keyboard.type('Z99999999');
    await page.getByText('No account with that number').waitFor();
    await page.getByRole('textbox', { name: 'Account number' }).fill('');

    await keyPayment(page, b!.number, '25', { from: 'check', to: 'cash' });
    await expect.poll(() => difference(page).textContent()).toContain('$100.00');
    await keyPayment(page, c!.number, '100.00', { from: 'cash', to: 'card' }, 'AUTH-7781');
    await expect.poll(() => difference(page).textContent()).toContain('$0.00');
    await screenshot(page, 'posting-batch-balanced');

    // balanced: Close batch is enabled, and closing it says so
    const close = page.getByRole('button', { name: 'Close batch' });
    await expect.poll(() => close.isEnabled()).toBe(true);
    await close.click();
    await page.getByText('Closed', { exact: true }).first().waitFor();
    await screenshot(page, 'posting-batch-closed');

    expect(
      ctx.db
        .prepare(
          `SELECT account_id AS accountId, method, check_number AS checkNumber, reference, amount,
             received_date AS receivedDate FROM receipts WHERE batch_id = ? ORDER BY id`,
        )
        .all(batchId),
    ).toEqual([
      {
        accountId: a!.id,
        method: 'check',
        checkNumber: '1234',
        reference: null,
        amount: 5000,
        receivedDate: ctx.clock.today(),
      },
      {
        accountId: b!.id,
        method: 'cash',
        checkNumber: null,
        reference: null,
        amount: 2500,
        receivedDate: ctx.clock.today(),
      },
      {
        accountId: c!.id,
        method: 'card',
        checkNumber: null,
        reference: 'AUTH-7781',
        amount: 10000,
        receivedDate: ctx.clock.today(),
      },
    ]);
    expect(
      ctx.db
        .prepare(
          `SELECT sum(l.amount) AS total, min(l.side) AS side, max(l.side) AS side2 FROM ledger_entries l
           JOIN receipts r ON r.id = l.receipt_id WHERE r.batch_id = ?`,
        )
        .get(batchId),
    ).toEqual({ total: -17500, side: 'patient', side2: 'patient' });
    expect(ctx.db.prepare(`SELECT status FROM deposit_batches WHERE id = ?`).get(batchId)).toEqual({
      status: 'closed',
    });

    // the day's cash summary shows the batch and the totals by method
    await page.getByRole('button', { name: 'Cash summary for this day' }).click();
    await page.waitForURL(/#\/cash\?date=/);
    const methods = page.getByRole('table', { name: 'Day totals by method' });
    await methods.getByRole('row', { name: /Card 1 \$100\.00/ }).waitFor();
    await screenshot(page, 'cash-summary');
    await depositSlip(page, ctx, { account: a!.number, batchId });
  });

  it('posts an EOB with a patient share and the patient balance rises', async () => {
    const ctx = app.database({ demo: true });
    const target = ctx.db
      .prepare(
        `SELECT c.id AS claimId, c.claim_number AS claimNumber, a.id AS accountId,
           a.account_number AS number, a.patient_balance AS patientBalance,
           (SELECT line_number FROM claim_lines WHERE claim_id = c.id ORDER BY line_number LIMIT 1) AS line,
           (SELECT charge FROM claim_lines WHERE claim_id = c.id ORDER BY line_number LIMIT 1) AS charge,
           (SELECT sum(amount) FROM ledger_entries l WHERE l.claim_id = c.id AND l.side = 'insurance') AS open
         FROM claims c JOIN accounts a ON a.id = c.account_id
         WHERE a.status = 'open' AND c.status NOT IN ('voided', 'paid') AND c.primary_claim_id IS NULL
         GROUP BY c.id HAVING charge >= 10000 AND open >= charge
         ORDER BY c.id LIMIT 1`,
      )
      .get() as {
      claimId: number;
      claimNumber: string;
      accountId: number;
      number: string;
      patientBalance: number;
      line: number;
    };
    expect(target).toBeDefined();
    const batch = call(ctx, 'openBatch', {
      depositDate: ctx.clock.today(),
      source: 'insurer',
      expectedTotal: 6000,
    });
    const page = await app.open(`#/posting/${batch.id}`, ctx);
    await page.getByRole('tab', { name: 'Insurance EOB' }).click();
    await page.getByRole('textbox', { name: 'Account number' }).fill(target.number);
    await page.getByPlaceholder('Pick the claim on the EOB').click();
    await page.getByRole('option', { name: new RegExp(`^${target.claimNumber} `) }).click();

    // a line that accounts for more than its charge is stopped before anything is sent
    const cell = (label: string) =>
      page.getByRole('textbox', { name: new RegExp(`^${label}, line ${target.line} `) });
    await cell('Paid').fill('99999.00');
    await page.getByText(/more than the line charge/).waitFor();
    await cell('Paid').fill('60.00');
    await cell('Contractual').fill('10.00');
    await cell('Deductible').fill('20.00');
    await cell('Coinsurance').fill('5.00');
    await page.getByRole('textbox', { name: 'Check number' }).fill('EOB-5521');
    await screenshot(page, 'eob-entry');
    await page.getByRole('button', { name: 'Post EOB' }).click();
    await page
      .getByText(/Patient share \$25\.00 moved to the patient\./)
      .first()
      .waitFor();
    await expect.poll(() => difference(page).textContent()).toContain('$0.00');
    await screenshot(page, 'eob-posted');

    const after = ctx.db
      .prepare(`SELECT patient_balance AS p FROM accounts WHERE id = ?`)
      .get(target.accountId) as { p: number };
    expect(after.p).toBe(target.patientBalance + 2500);

    await page.goto(app.url(`#/accounts/${target.accountId}`));
    const balance = page.getByRole('region', { name: 'Balance' });
    await balance.getByText(`Patient ${formatCents(cents(after.p))}`).waitFor();
    await screenshot(page, 'eob-account-balance');
  });
});

describe('payment plans', () => {
  it('sets up a plan from the account view with a live schedule that adds up to the balance', async () => {
    const ctx = app.database({ demo: true });
    const [target] = accountsOwing(ctx, 30_000, 1);
    expect(target).toBeDefined();
    const page = await app.open(`#/accounts/${target!.id}`, ctx);
    await page.getByRole('heading', { name: 'Balance' }).waitFor();

    // P opens the plan setup, as N, C and F open theirs
    await page.keyboard.press('p');
    const dialog = page.getByRole('dialog', { name: 'Set up a payment plan' });
    await dialog.waitFor();
    // a monthly amount below the office minimum is refused in the preview
    await dialog.getByRole('textbox', { name: 'Monthly amount' }).fill('5');
    await dialog.getByText('These terms do not work').waitFor();
    await dialog.locator('label', { hasText: 'Number of months' }).first().click();
    await dialog.getByRole('textbox', { name: 'Number of months' }).fill('6');
    const preview = dialog.getByRole('table', { name: 'Schedule preview' });
    await expect.poll(() => preview.getByRole('row').count()).toBe(1 + 6 + 1);
    await preview
      .getByRole('row', {
        name: new RegExp(
          `equals the patient balance.*${formatCents(cents(target!.patientBalance)).replace('$', '\\$')}`,
        ),
      })
      .waitFor();
    await screenshot(page, 'plan-preview');
    const plansBefore = rowCount(ctx, 'payment_plans');
    await dialog.getByRole('button', { name: 'Save plan' }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = page.getByRole('region', { name: 'Payment plan' });
    await card.getByText('Active', { exact: true }).waitFor();
    await expect
      .poll(() => card.getByRole('table', { name: 'Plan installments' }).getByRole('row').count())
      .toBe(7);
    expect(rowCount(ctx, 'payment_plans')).toBe(plansBefore + 1);
    expect(
      ctx.db
        .prepare(
          `SELECT sum(i.amount) AS total, count(*) AS n FROM plan_installments i
           JOIN payment_plans p ON p.id = i.plan_id WHERE p.account_id = ?`,
        )
        .get(target!.id),
    ).toEqual({ total: target!.patientBalance, n: 6 });
    await screenshot(page, 'plan-card');
  });

  it('shows a missed installment as a payment-plan follow-up in the queue', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const [target] = accountsOwing(ctx, 30_000, 1);
    expect(target).toBeDefined();
    const firstDue = addDays(today, 10);
    call(ctx, 'createPlan', {
      accountId: target!.id,
      length: { mode: 'months', months: 3 },
      firstDueDate: firstDue,
      includeNewCharges: false,
    });
    const { planGraceDays } = call(ctx, 'getBillingRules', {}).rules;

    // the same database a few weeks on: the first installment is past its grace period
    const lateDay: IsoDate = addDays(firstDue, planGraceDays + 1);
    const later = {
      db: openDatabase(ctx.databasePath),
      clock: fixedClock(lateDay),
      userId: ctx.userId,
      databasePath: ctx.databasePath,
    };
    app.afterTest(() => later.db.close());
    const page = await app.open(`#/queue?kind=plan`, later);
    const grid = page.getByRole('grid', { name: /Work queue/ });
    const row = grid.getByRole('row', { name: new RegExp(target!.number) });
    await row.waitFor();
    await expect(row.getByText('Payment plan').count()).resolves.toBe(1);
    await screenshot(page, 'plan-delinquent-queue');

    await row.click();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/accounts/${target!.id}$`));
    const card = page.getByRole('region', { name: 'Payment plan' });
    await card.getByText('Delinquent').waitFor();
    await card.getByText('Late', { exact: true }).waitFor();
    await page
      .getByText(/Plan installment #1 .* is \d+ days late/)
      .first()
      .waitFor();
    await screenshot(page, 'plan-delinquent-account');
  });
});

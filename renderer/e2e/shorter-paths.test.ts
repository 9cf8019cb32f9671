import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../electron/core/context';
import { addAccount, addBilledClaim, addPayer } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { appSession, screenshot } from './harness';

const app = appSession();

interface AccountRow {
  id: number;
  number: string;
}

/** Open accounts owing the patient at least `minimum` cents, smallest id first. */
function accountsOwing(c: Ctx, minimum: number, n: number): AccountRow[] {
  return c.db
    .prepare(
      `SELECT a.id, a.account_number AS number FROM accounts a
       WHERE a.status = 'open' AND a.patient_balance >= ? ORDER BY a.id LIMIT ?`,
    )
    .all(minimum, n) as AccountRow[];
}

interface BatchRow {
  id: number;
  depositDate: string;
  source: string;
  expected: number;
}

function openBatches(c: Ctx): BatchRow[] {
  return c.db
    .prepare(
      `SELECT id, deposit_date AS depositDate, source, expected_total AS expected
       FROM deposit_batches WHERE status = 'open' ORDER BY id`,
    )
    .all() as BatchRow[];
}

function receiptsOf(c: Ctx, accountId: number) {
  return c.db
    .prepare(
      `SELECT batch_id AS batchId, amount, method, check_number AS checkNumber,
              received_date AS receivedDate FROM receipts WHERE account_id = ? ORDER BY id`,
    )
    .all(accountId) as {
    batchId: number;
    amount: number;
    method: string;
    checkNumber: string | null;
    receivedDate: string;
  }[];
}

describe('taking a payment from the account screen', () => {
  it('opens a front-desk batch for today when none is open, then posts the next one into it', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const before = openBatches(ctx).filter((b) => b.depositDate === today);
    expect(before).toEqual([]);
    const [a, b] = accountsOwing(ctx, 5_000, 2);
    if (!a || !b) throw new Error('the demo data has two accounts owing $50.00');

    const page = await app.open(`#/accounts/${a.id}`, ctx);
    await page.getByRole('button', { name: 'Take payment' }).click();
    const form = page.getByRole('form', { name: 'Take payment' });
    await form.getByText('a front-desk batch will be opened').waitFor();
    await form.getByRole('textbox', { name: 'Amount' }).fill('25.00');
    await form.getByText('Check', { exact: true }).click();
    await form.getByRole('textbox', { name: 'Check number' }).fill('1042');
    await screenshot(page, 'shorter-paths-take-payment-new-batch');
    await form.getByRole('button', { name: 'Post payment' }).click();
    await page.getByText(/It went into batch #\d+, opened for/).waitFor();
    await form.waitFor({ state: 'detached' });

    const opened = openBatches(ctx).filter((x) => x.depositDate === today);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ source: 'desk', expected: 2500 });
    expect(receiptsOf(ctx, a.id).at(-1)).toEqual({
      batchId: opened[0]?.id,
      amount: 2500,
      method: 'check',
      checkNumber: '1042',
      receivedDate: today,
    });

    // the next one joins today's open batch rather than opening another
    await page.goto(page.url().replace(/accounts\/\d+/, `accounts/${b.id}`));
    await page.getByRole('button', { name: 'Take payment' }).click();
    const form2 = page.getByRole('form', { name: 'Take payment' });
    await form2.getByText(`Goes into open batch #${opened[0]?.id}`).waitFor();
    await form2.getByRole('textbox', { name: 'Amount' }).fill('10.00');
    await form2.getByText('Cash', { exact: true }).click();
    await screenshot(page, 'shorter-paths-take-payment-open-batch');
    await form2.getByRole('button', { name: 'Post payment' }).click();
    await page.getByText(`It went into open batch #${opened[0]?.id}.`).waitFor();
    expect(openBatches(ctx).filter((x) => x.depositDate === today)).toHaveLength(1);
    expect(receiptsOf(ctx, b.id).at(-1)).toMatchObject({
      batchId: opened[0]?.id,
      amount: 1000,
      method: 'cash',
    });
  });

  it('refuses a payment in one request and leaves no batch behind', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const [a] = accountsOwing(ctx, 5_000, 1);
    if (!a) throw new Error('the demo data has an account owing $50.00');
    expect(openBatches(ctx).filter((b) => b.depositDate === today)).toEqual([]);
    const page = await app.open(`#/accounts/${a.id}`, ctx);
    await page.getByRole('button', { name: 'Take payment' }).click();
    const form = page.getByRole('form', { name: 'Take payment' });
    await form.getByText('a front-desk batch will be opened').waitFor();

    // refused at the door: a check without its number
    await form.getByRole('textbox', { name: 'Amount' }).fill('25.00');
    await form.getByText('Check', { exact: true }).click();
    await form.getByRole('button', { name: 'Post payment' }).click();
    await form.getByText('A check needs its number.').waitFor();
    await screenshot(page, 'shorter-paths-take-payment-refused');

    // refused by the posting rules: the account was closed at another desk meanwhile
    await form.getByRole('textbox', { name: 'Check number' }).fill('1042');
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(a.id);
    await form.getByRole('button', { name: 'Post payment' }).click();
    await form.getByText(/is closed; nothing can be posted to it/).waitFor();
    await screenshot(page, 'shorter-paths-take-payment-refused-closed');

    expect(openBatches(ctx).filter((b) => b.depositDate === today)).toEqual([]);
    expect(receiptsOf(ctx, a.id).filter((r) => r.receivedDate === today)).toEqual([]);
  });
});

describe('a call that ends in a promise to pay', () => {
  it('asks for the amount and date, refuses without them, and records the promise', async () => {
    const ctx = app.database({ demo: false });
    const { accountId } = addAccount(ctx);
    addBilledClaim(ctx, accountId, addPayer(ctx), [20_000], 'patient');
    const dueDate = addDays(ctx.clock.today(), 7);
    const promises = () =>
      ctx.db
        .prepare(
          `SELECT kind, amount, due_date AS dueDate, status FROM promises WHERE account_id = ?`,
        )
        .all(accountId);

    const page = await app.open(`#/accounts/${accountId}`, ctx);
    await page.getByRole('region', { name: 'Contact' }).waitFor();
    await page.keyboard.press('c');
    const callForm = page.getByRole('form', { name: 'Log a call' });
    // the guarantor called in, so no calling-hours check stands in the way
    await callForm.getByLabel('Direction', { exact: true }).click();
    await page.getByRole('option', { name: 'Inbound' }).click();
    await callForm.getByLabel('With', { exact: true }).click();
    await page.getByRole('option', { name: 'Guarantor' }).click();
    await callForm.getByLabel('Outcome', { exact: true }).click();
    await page.getByRole('option', { name: 'Promise to pay' }).click();
    await callForm.getByLabel('Call notes').fill('Will pay on Friday.');
    await callForm.getByRole('button', { name: 'Log call' }).click();
    await callForm.getByText('A promise to pay needs its amount.').first().waitFor();
    await callForm
      .getByText('A promise to pay needs the date it will be paid by.')
      .first()
      .waitFor();
    await screenshot(page, 'shorter-paths-promise-call-refused');
    expect(promises()).toEqual([]);

    await callForm.getByRole('textbox', { name: 'Promised amount' }).fill('50.00');
    await callForm.getByRole('textbox', { name: 'Will pay by' }).fill(formatUsDate(dueDate));
    // away from the date, as a person tabs on: the date's calendar may still cover the notes
    await callForm.getByLabel('Call notes').focus();
    await screenshot(page, 'shorter-paths-promise-call');
    await callForm.getByRole('button', { name: 'Log call' }).click();
    await page.getByText('Call and promise recorded.').waitFor();
    expect(promises()).toEqual([{ kind: 'promise', amount: 5_000, dueDate, status: 'open' }]);
    await page.getByRole('region', { name: 'Promises' }).getByText('$50.00').first().waitFor();
  });
});

describe('the denials list by deadline', () => {
  it('puts deadlines within 15 days first, then the rest, then the passed ones in their own group', async () => {
    const ctx = app.database({ demo: true });
    const { rows } = call(ctx, 'listDenials', { limit: 500 });
    const group = (days: number) => (days < 0 ? 2 : days <= 15 ? 0 : 1);
    const groups = rows.map((r) => group(r.daysLeft));
    expect(groups).toEqual([...groups].sort((x, y) => x - y));
    expect(
      new Set(groups).size,
      'the demo data has denials in more than one group',
    ).toBeGreaterThan(1);
    const coming = rows.filter((r) => r.daysLeft >= 0).map((r) => r.deadlineDate);
    expect(coming).toEqual([...coming].sort());

    const page = await app.open('#/denials', ctx);
    const table = page.getByRole('grid');
    const labels = { 0: 'Due within 15 days', 1: 'Due later', 2: 'Deadline passed' } as const;
    const present = [...new Set(groups.slice(0, 100))].map((g) => labels[g as 0 | 1 | 2]);
    for (const label of present) await table.getByText(label, { exact: true }).waitFor();
    await screenshot(page, 'shorter-paths-denials-by-deadline');

    // sorting by amount is still there, without the deadline groups
    await page.goto(page.url().replace('#/denials', '#/denials?sort=amount'));
    const [largest] = call(ctx, 'listDenials', { sortBy: 'amount', limit: 1 }).rows;
    expect(largest).toBeDefined();
    await table
      .getByRole('row')
      .nth(1)
      .getByText(largest?.accountNumber ?? '-')
      .waitFor();
    await expect.poll(() => table.getByText('Due later', { exact: true }).count()).toBe(0);
    await screenshot(page, 'shorter-paths-denials-by-amount');
  });
});

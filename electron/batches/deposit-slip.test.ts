import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatUsDate, isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { reportCsv } from '../../shared/reports/format';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call, callAsync } from '../testing/call';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
});
afterEach(() => ctx.close());

function owing(number: string): number {
  const { accountId } = addAccount(ctx, { number });
  addBilledClaim(ctx, accountId, addPayer(ctx), [50_000], 'patient');
  return accountId;
}

/**
 * Today: a front-desk batch (cash, a check, a card), a mail batch (a check), a check
 * posted outside any batch, and the bank's return of a check deposited last week.
 * Yesterday: a check that must stay off today's slip.
 */
function day() {
  const a = owing('DS-1');
  const b = owing('DS-2');
  const earlier = { ...ctx, clock: fixedClock(isoDate('2026-03-10')) };
  const old = call(earlier, 'openBatch', {
    depositDate: '2026-03-10',
    source: 'mail',
    expectedTotal: 4_000,
  });
  const returned = call(earlier, 'postPatientPayment', {
    accountId: b,
    batchId: old.id,
    amount: 4_000,
    method: 'check',
    checkNumber: '2231',
    receivedDate: '2026-03-10',
  });
  call(earlier, 'closeBatch', { batchId: old.id });
  call(ctx, 'postPatientPayment', {
    accountId: a,
    amount: 777,
    method: 'check',
    checkNumber: '9999',
    receivedDate: '2026-03-15',
  });

  const desk = call(ctx, 'openBatch', {
    depositDate: TEST_TODAY,
    source: 'desk',
    expectedTotal: 17_567,
    description: 'Front desk morning',
  });
  const pay = (accountId: number, amount: number, more: object, batchId: number | null) =>
    call(ctx, 'postPatientPayment', {
      accountId,
      batchId,
      amount,
      method: 'cash',
      receivedDate: TEST_TODAY,
      ...more,
    });
  pay(a, 10_000, {}, desk.id);
  pay(b, 5_000, { method: 'check', checkNumber: '1042' }, desk.id);
  pay(a, 2_567, { method: 'card', reference: 'AUTH-55' }, desk.id);
  const mail = call(ctx, 'openBatch', {
    depositDate: TEST_TODAY,
    source: 'mail',
    expectedTotal: 1_234,
  });
  pay(b, 1_234, { method: 'check', checkNumber: '2001' }, mail.id);
  pay(a, 999, { method: 'check', checkNumber: '3003' }, null);
  call(ctx, 'recordReturnedCheck', {
    receiptId: returned.receiptId ?? 0,
    returnedOn: TEST_TODAY,
    reason: 'nsf',
  });
  return { desk, mail };
}

/** What the ledger holds as money in on the day: its payment rows, reversals netted. */
const ledgerPaymentsOn = (date: string) =>
  cents(
    -oneOrThrow<{ total: number }>(
      ctx.db,
      `SELECT sum(amount) AS total FROM ledger_entries WHERE kind = 'payment' AND posting_date = ?`,
      date,
    ).total,
  );

describe('the deposit slip', () => {
  it("says what the cash summary says, to the cent, and its total ties to the ledger's", () => {
    day();
    const summary = call(ctx, 'getCashSummary', { date: TEST_TODAY });
    const slip = call(ctx, 'getDepositSlip', { date: TEST_TODAY });
    const table = (id: string) => slip.tables.find((t) => t.id === id);
    // 100.00 cash, 50.00 + 12.34 + 9.99 - 40.00 in checks, 25.67 by card
    expect(summary.total).toBe(15_800);
    expect(ledgerPaymentsOn(TEST_TODAY)).toBe(summary.total);
    expect(slip.figures[0]).toEqual({ label: 'Total received', kind: 'money', value: 15_800 });
    expect(table('methods')?.rows).toEqual(
      summary.byMethod.map((m) => [
        { cash: 'Cash', check: 'Check', card: 'Card', eft: 'EFT' }[m.method],
        m.count,
        m.total,
      ]),
    );
    expect(table('methods')?.total).toEqual(['Total received', 4, 15_800]);
    expect(table('checks')?.rows.map((r) => [r[1], r[4]])).toEqual([
      ['1042', 5_000],
      ['2001', 1_234],
      ['3003', 999],
      ['2231', -4_000],
    ]);
    expect(table('checks')?.total?.at(-1)).toBe(
      summary.byMethod.find((m) => m.method === 'check')?.total,
    );
    expect(table('returned')?.rows).toEqual([
      ['Insufficient funds', '2231', 'DS-2', '2026-03-10', TEST_TODAY, 4_000, 0],
    ]);
    expect(table('batches')?.total).toEqual(['Total', '', '', 18_801, 18_801, 0]);
    expect(reportCsv(slip)).toContain('Total received,4,158.00');
  });

  it('prints as the reports do: title, deposit date, every check, the returned one, pages; no patient names', async () => {
    day();
    const file = await callAsync(ctx, 'getDepositSlipPdf', { date: TEST_TODAY });
    expect(file.fileName).toBe(`deposit-slip-${TEST_TODAY}.pdf`);
    const pdf = path.join(ctx.dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const date = formatUsDate(TEST_TODAY);
    expect(text).toContain(`Deposit slip for ${date}`);
    expect(text).toContain(`Deposit date: ${date}`);
    expect(text).toMatch(/Page 1 of 1/);
    // the printed total is the ledger's money in for the day
    const total = formatCents(ledgerPaymentsOn(TEST_TODAY));
    expect(text).toMatch(new RegExp(`Total received\\s+4\\s+\\${total}`));
    for (const check of ['1042', '2001', '3003', '2231']) expect(text).toContain(check);
    expect(text).toMatch(
      /Patient or guarantor, returned by the bank\s+2231\s+DS-2\s+No batch\s+-\$40\.00/,
    );
    expect(text).toMatch(
      /Insufficient funds\s+2231\s+DS-2\s+03\/10\/2026\s+03\/16\/2026\s+\$40\.00/,
    );
    expect(text).toContain('Batch 2 · Front desk morning');
    // yesterday's check is not today's deposit, and the bank is not told who the patients are
    expect(text).not.toContain('9999');
    expect(text).not.toMatch(/Testperson/);
  });

  it('prints an empty day as empty, saying so in each table, and invents nothing', async () => {
    day();
    const file = await callAsync(ctx, 'getDepositSlipPdf', { date: '2026-03-12' });
    const pdf = path.join(ctx.dir, file.fileName);
    fs.writeFileSync(pdf, Buffer.from(file.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Total received[\s\S]*\$0\.00/);
    for (const empty of [
      'No batches have this deposit date.',
      'No payments on this day.',
      'No checks on this day.',
      'No patient checks came back on this day.',
    ])
      expect(text).toContain(empty);
    expect(text).not.toMatch(/2231|1042|Batch \d/);
  });
});

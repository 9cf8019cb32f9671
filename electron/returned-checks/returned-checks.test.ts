import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all } from '../db/query';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import {
  balanceDrift,
  createTestCtx,
  staleQueueColumns,
  tableCounts,
  type TestCtx,
} from '../testing/test-db';

let ctx: TestCtx;
let accountId: AccountId;
let earlier: Ctx;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  accountId = addAccount(ctx, { number: 'N-1' }).accountId;
  addBilledClaim(ctx, accountId, addPayer(ctx), [10_000], 'patient');
  earlier = { ...ctx, clock: fixedClock(isoDate('2026-03-10')) };
});
afterEach(() => ctx.close());

/** A check for 40.00 received on the 10th, deposited in a batch closed that day. */
function depositedCheck(method: 'check' | 'cash' = 'check'): number {
  const batch = call(earlier, 'openBatch', {
    depositDate: '2026-03-10',
    source: 'mail',
    expectedTotal: 4_000,
  });
  const paid = call(earlier, 'postPatientPayment', {
    accountId,
    batchId: batch.id,
    amount: 4_000,
    method,
    checkNumber: method === 'check' ? '2231' : null,
    receivedDate: '2026-03-10',
  });
  call(earlier, 'closeBatch', { batchId: batch.id });
  return paid.receiptId ?? 0;
}

const setFee = (fee: number) => {
  makeSupervisor(ctx);
  call(ctx, 'saveBillingRules', { returnedCheckFee: fee });
};

describe('returned checks', () => {
  it('reverses the payment, charges the fee, queues the account and shows in the cash summary', () => {
    setFee(2_500);
    const receiptId = depositedCheck();
    const before = call(ctx, 'getCashSummary', { date: '2026-03-10' });
    const result = call(ctx, 'recordReturnedCheck', {
      receiptId,
      returnedOn: '2026-03-14',
      reason: 'nsf',
    });
    expect(result.balance).toEqual({ total: 12_500, insurance: 0, patient: 12_500 });
    expect(result.returnedCheck).toMatchObject({
      accountNumber: 'N-1',
      checkNumber: '2231',
      amount: 4_000,
      returnedOn: '2026-03-14',
      reason: 'nsf',
      fee: 2_500,
    });
    expect(balanceDrift(ctx)).toBe(0);
    expect(staleQueueColumns(ctx, accountId)).toBe(0);

    const ledger = call(ctx, 'getAccount', { accountId }).ledger;
    expect(ledger.map((l) => [l.postingDate, l.kind, l.amount, l.memo])).toEqual([
      ['2026-03-10', 'payment', -4_000, null],
      ['2026-03-16', 'charge', 10_000, null],
      ['2026-03-16', 'payment', 4_000, 'Reversal: returned check, insufficient funds'],
      [
        '2026-03-16',
        'charge',
        2_500,
        'Returned check fee: check 2231 came back, insufficient funds',
      ],
    ]);

    const queued = call(ctx, 'listQueue', {}).rows.filter((r) => r.accountId === accountId);
    expect(queued.map((r) => [r.kind, r.dueDate, r.reason])).toEqual([
      [
        'returned_check',
        '2026-03-16',
        'Check 2231 for $40.00 came back (insufficient funds): ask for a replacement payment in good funds.',
      ],
    ]);
    const history = call(ctx, 'getAccount', { accountId }).activities.map((a) => a.text);
    expect(history).toContain(
      'Check 2231 for $40.00 came back from the bank on 03/14/2026: insufficient funds. The payment was reversed; a returned check fee of $25.00 was charged.',
    );

    // the deposit of the 10th stands; the money goes out on the day it is recorded
    expect(call(ctx, 'getCashSummary', { date: '2026-03-10' })).toEqual(before);
    const today = call(ctx, 'getCashSummary', { date: '2026-03-16' });
    expect(today.returnedChecks.map((r) => [r.checkNumber, r.amount, r.fee])).toEqual([
      ['2231', 4_000, 2_500],
    ]);
    expect(today.byMethod.find((m) => m.method === 'check')?.total).toBe(-4_000);
    expect(today.unbatchedTotal).toBe(-4_000);
  });

  it('charges no fee while the rule is 0', () => {
    const receiptId = depositedCheck();
    const result = call(ctx, 'recordReturnedCheck', {
      receiptId,
      returnedOn: '2026-03-16',
      reason: 'account_closed',
    });
    expect(result.balance.patient).toBe(10_000);
    expect(result.returnedCheck.fee).toBe(0);
    expect(result.message).not.toMatch(/fee/);
    expect(all(ctx.db, `SELECT fee_entry_id AS fee FROM returned_checks`)).toEqual([{ fee: null }]);
  });

  it('refuses what is not a returned check, writing nothing', () => {
    setFee(2_500);
    const cash = depositedCheck('cash');
    expectRefused(
      ctx,
      'recordReturnedCheck',
      { receiptId: cash, returnedOn: '2026-03-14', reason: 'nsf' },
      /Only a patient payment made by check/,
    );
    const check = depositedCheck();
    expectRefused(
      ctx,
      'recordReturnedCheck',
      { receiptId: check, returnedOn: '2026-03-09', reason: 'nsf' },
      /between the payment's 03\/10\/2026 and today/,
    );
    expectRefused(
      ctx,
      'recordReturnedCheck',
      { receiptId: check, returnedOn: '2026-03-17', reason: 'nsf' },
      /between/,
    );
    call(ctx, 'recordReturnedCheck', { receiptId: check, returnedOn: '2026-03-16', reason: 'nsf' });
    expectRefused(
      ctx,
      'recordReturnedCheck',
      { receiptId: check, returnedOn: '2026-03-16', reason: 'nsf' },
      /already been reversed/,
    );
  });

  it("lets a representative record a returned check only within the day's reversal limit", () => {
    makeSupervisor(ctx);
    call(ctx, 'saveBillingRules', { reversalApprovalLimit: 3_000 });
    const receiptId = depositedCheck();
    ctx.db.prepare(`UPDATE users SET role = 'representative' WHERE id = ?`).run(ctx.userId);
    const before = tableCounts(ctx);
    expectRefused(
      ctx,
      'recordReturnedCheck',
      { receiptId, returnedOn: '2026-03-14', reason: 'nsf' },
      /above the \$30\.00 daily reversal limit; a supervisor records it/,
    );
    expect(tableCounts(ctx)).toEqual(before);
    ctx.db.prepare(`UPDATE users SET role = 'supervisor' WHERE id = ?`).run(ctx.userId);
    const done = call(ctx, 'recordReturnedCheck', {
      receiptId,
      returnedOn: '2026-03-14',
      reason: 'nsf',
    });
    expect(done.returnedCheck.amount).toBe(4_000);
  });
});

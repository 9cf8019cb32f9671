import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId, ClaimId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { addAgency, overdueAccount } from '../testing/agencies';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { remitClaim } from '../testing/remittance';
import { era } from '../testing/remittance-era';
import { balanceDrift, createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

/**
 * A payment from an insurer or a collection agency on an account already in bad debt is a
 * recovery, recorded the same way as a patient's, and the Collections report counts it.
 */
let ctx: TestCtx;
let sup: Ctx;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16; the test user is a representative
  makeSupervisor(ctx);
  sup = { ...ctx, userId: ensureUser(ctx.db, 'sup.two', 'Sue Second', ctx.clock.now()) };
  makeSupervisor(ctx, sup.userId);
  call(ctx, 'saveBillingRules', { bound501r: 0 });
});
afterEach(() => ctx.close());

function moveToBadDebt(accountId: AccountId): void {
  const asked = call(ctx, 'requestBadDebt', { accountId, memo: 'Skip trace failed' });
  call(sup, 'decideAdjustment', {
    requestId: asked.pendingRequest?.id ?? 0,
    decision: 'approve',
    note: 'Uncollectible',
  });
  expect(call(ctx, 'getBadDebt', { accountId }).status).toBe('bad_debt');
}

const collections = () => {
  const report = call(ctx, 'getReport', {
    report: 'collections',
    filters: { from: '2026-03-01', to: '2026-03-31' },
  });
  return Object.fromEntries(report.figures.map((f) => [f.label, f.value]));
};

const recoveries = (accountId: AccountId) =>
  all<{ amount: number; memo: string }>(
    ctx.db,
    `SELECT amount, memo FROM ledger_entries
       WHERE account_id = ? AND reason_code = 'BAD_DEBT_RECOVERY' ORDER BY id`,
    accountId,
  );

const sides = (accountId: AccountId) =>
  oneOrThrow<{ patient: number; insurance: number }>(
    ctx.db,
    `SELECT patient_balance AS patient, insurance_balance AS insurance FROM accounts WHERE id = ?`,
    accountId,
  );

const history = (accountId: AccountId) =>
  call(ctx, 'getAccount', { accountId })
    .activities.map((a) => a.text)
    .join('\n');

describe('an insurance payment on a bad-debt account', () => {
  function deniedToPatient(): { accountId: AccountId; claimId: ClaimId; number: string } {
    const payerId = addPayer(ctx);
    const { accountId } = addAccount(ctx, { payerId, number: 'BD-INS' });
    const { claimId } = addBilledClaim(ctx, accountId, payerId, [12_000]);
    const { number } = oneOrThrow<{ number: string }>(
      ctx.db,
      `SELECT claim_number AS number FROM claims WHERE id = ?`,
      claimId,
    );
    // the payer first put all of it on the patient (deductible), who never paid
    const first = remitClaim({
      patientControlNumber: number,
      charge: 12_000,
      paid: 0,
      adjustments: [{ group: 'PR', reason: '1', amount: 12_000 }],
    });
    call(ctx, 'importFile', { fileName: 'first.835', text: era([first], { trace: 'T-1' }) });
    expect(sides(accountId)).toEqual({ patient: 12_000, insurance: 0 });
    return { accountId, claimId, number };
  }

  it('posts a recovery through the remittance, keeps ledger = balances, and is counted', () => {
    const { accountId, number } = deniedToPatient();
    moveToBadDebt(accountId);
    expect(sides(accountId)).toEqual({ patient: 0, insurance: 0 });

    // reprocessed on appeal: the payer pays $80.00 of it and reduces $40.00 by contract
    const paid = remitClaim({
      patientControlNumber: number,
      charge: 12_000,
      paid: 8_000,
      adjustments: [{ group: 'CO', reason: '45', amount: 4_000 }],
    });
    const report = call(ctx, 'importFile', {
      fileName: 'second.835',
      text: era([paid], { trace: 'T-2' }),
    });
    expect(report.remittances[0]?.remittanceId).toBeTruthy();
    expect(recoveries(accountId)).toEqual([
      {
        amount: 8_000,
        memo: 'Bad debt recovery: insurance payment received after the write-off',
      },
    ]);
    // the insurer's money pays what the recovery put back; the patient side stays settled
    // and only the contractual reduction is left as the payer's to sort out
    expect(sides(accountId)).toEqual({ patient: 0, insurance: -4_000 });
    expect(call(ctx, 'getBadDebt', { accountId }).standing?.recovered).toBe(8_000);
    expect(history(accountId)).toMatch(
      /Insurance payment on a bad-debt account: \$80\.00 recovered from bad debt\./,
    );
    expect(collections()).toMatchObject({
      'Bad debt written off': 12_000,
      'Bad debt recovered': 8_000,
      'Bad debt net of recoveries': 4_000,
      'Other payments on bad-debt accounts': 0,
    });
    expect(balanceDrift(ctx)).toBe(0);

    // the payer takes it back: the recovery goes with the payment
    const reversal = remitClaim({
      patientControlNumber: number,
      charge: -8_000,
      paid: -8_000,
      status: '22',
    });
    call(ctx, 'importFile', { fileName: 'third.835', text: era([reversal], { trace: 'T-3' }) });
    expect(call(ctx, 'getBadDebt', { accountId }).standing?.recovered).toBe(0);
    expect(sides(accountId)).toEqual({ patient: 0, insurance: 0 });
    expect(collections()).toMatchObject({ 'Bad debt recovered': 0 });
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('recovers nothing on an account that is not in bad debt', () => {
    const { accountId, number } = deniedToPatient();
    const paid = remitClaim({
      patientControlNumber: number,
      charge: 12_000,
      paid: 8_000,
      adjustments: [{ group: 'CO', reason: '45', amount: 4_000 }],
    });
    call(ctx, 'importFile', { fileName: 'second.835', text: era([paid], { trace: 'T-2' }) });
    expect(recoveries(accountId)).toEqual([]);
    expect(sides(accountId)).toEqual({ patient: 12_000, insurance: -12_000 });
    expect(balanceDrift(ctx)).toBe(0);
  });
});

describe('an agency payment on a bad-debt account', () => {
  /** Placed two weeks ago, recalled, then moved to bad debt; the agency still collects. */
  function placedRecalledMoved(agencyId: number, number: string): AccountId {
    const payerId = addPayer(ctx);
    const accountId = overdueAccount(ctx, payerId, { number, last: 'Okafor', charges: [12_000] });
    const then = { ...ctx, clock: fixedClock(isoDate('2026-03-02')) };
    call(then, 'placeAccounts', { agencyId, accountIds: [accountId] });
    call(ctx, 'recallAccounts', { accountIds: [accountId], reason: 'No progress' });
    moveToBadDebt(accountId);
    return accountId;
  }

  it('gross: the whole amount the patient paid is recovered, payment and commission pay it', () => {
    const agencyId = addAgency(ctx);
    const accountId = placedRecalledMoved(agencyId, 'G-1');
    const result = call(ctx, 'importAgencyPayments', {
      agencyId,
      fileName: 'pay.csv',
      text: 'Account,Date,Amount,Reference\nG-1,03/16/2026,$100.00,CR-1\n',
    });
    expect(result).toMatchObject({ posted: 1, gross: 10_000, commission: 2_500 });
    expect(recoveries(accountId)).toEqual([
      {
        amount: 10_000,
        memo: 'Bad debt recovery: collection agency payment received after the write-off',
      },
    ]);
    expect(sides(accountId)).toEqual({ patient: 0, insurance: 0 });
    expect(call(ctx, 'getBadDebt', { accountId }).standing?.recovered).toBe(10_000);
    expect(history(accountId)).toMatch(/Agency payment on a bad-debt account: \$100\.00 recovered/);
    expect(collections()).toMatchObject({
      'Bad debt written off': 12_000,
      'Bad debt recovered': 10_000,
      'Other payments on bad-debt accounts': 0,
    });
    expect(balanceDrift(ctx)).toBe(0);
  });

  it('net: what the agency sent is recovered', () => {
    const agencyId = addAgency(ctx, {
      name: 'Harbor Credit',
      remittance: 'net',
      commissionBps: 3000,
    });
    const accountId = placedRecalledMoved(agencyId, 'G-3');
    call(ctx, 'importAgencyPayments', {
      agencyId,
      fileName: 'harbor.csv',
      text: 'Acct #,Payment Date,Amount Paid,Ref\nG-3,03/16/2026,$50.00,H-77\n',
    });
    expect(recoveries(accountId).map((r) => r.amount)).toEqual([3_500]);
    expect(sides(accountId)).toEqual({ patient: 0, insurance: 0 });
    expect(collections()).toMatchObject({
      'Bad debt recovered': 3_500,
      'Other payments on bad-debt accounts': 0,
    });
    expect(balanceDrift(ctx)).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { call, expectRefused } from '../testing/call';
import { addAccount, addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { contract } from '../../shared/api/contract';
import { planInsurancePayment } from './insurance-plan';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

/** An account with a 300.00 + 200.00 claim billed to its primary payer. */
function insuredAccount() {
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId, lineIds } = addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
  return { payerId, accountId, claimId, lineIds };
}

const eob = (a: ReturnType<typeof insuredAccount>) => ({
  accountId: a.accountId,
  claimId: a.claimId,
  method: 'check' as const,
  checkNumber: 'EOB-88121',
  eobDate: TEST_TODAY,
  payerClaimNumber: 'PCN-55',
  patientShareTo: 'patient' as const,
  lines: [
    { claimLineId: a.lineIds[0] ?? 0, paid: 18_000, contractual: 7_000, deductible: 5_000 },
    {
      claimLineId: a.lineIds[1] ?? 0,
      paid: 12_000,
      contractual: 5_000,
      coinsurance: 2_000,
      copay: 1_000,
    },
  ],
});

describe('postInsurancePayment (paper EOB)', () => {
  it('posts payment, contractual and patient share per line and moves the share to the patient', () => {
    const a = insuredAccount();
    const result = call(ctx, 'postInsurancePayment', eob(a));
    expect(result.balance).toEqual({ total: 8_000, insurance: 0, patient: 8_000 });
    const byCode = ctx.db
      .prepare(
        `SELECT reason_code AS code, side, sum(amount) AS amount FROM ledger_entries
         WHERE kind IN ('adjustment', 'transfer') GROUP BY reason_code, side ORDER BY code, side`,
      )
      .all();
    expect(byCode).toEqual([
      { code: 'CO-45', side: 'insurance', amount: -12_000 },
      { code: 'PR-1', side: 'insurance', amount: -5_000 },
      { code: 'PR-1', side: 'patient', amount: 5_000 },
      { code: 'PR-2', side: 'insurance', amount: -2_000 },
      { code: 'PR-2', side: 'patient', amount: 2_000 },
      { code: 'PR-3', side: 'insurance', amount: -1_000 },
      { code: 'PR-3', side: 'patient', amount: 1_000 },
    ]);
    const view = call(ctx, 'getAccount', { accountId: a.accountId });
    const claim = view.claims.find((c) => c.id === a.claimId);
    expect(claim).toMatchObject({
      status: 'paid',
      paid: 30_000,
      balance: 0,
      patientBalance: 8_000,
      payerClaimNumber: 'PCN-55',
      remitDate: TEST_TODAY,
    });
    expect(claim?.adjustments.map((x) => [x.code, x.lineNumber, x.amount])).toEqual([
      ['CO-45', 1, 7_000],
      ['PR-1', 1, 5_000],
      ['CO-45', 2, 5_000],
      ['PR-2', 2, 2_000],
      ['PR-3', 2, 1_000],
    ]);
    const receipt = ctx.db.prepare(`SELECT kind, amount, payer_id AS payerId FROM receipts`).get();
    expect(receipt).toEqual({ kind: 'insurance_payment', amount: 30_000, payerId: a.payerId });
  });

  it('bills what is left to the secondary payer instead of the patient', () => {
    const a = insuredAccount();
    const secondaryPayer = addPayer(ctx, { name: 'Second Mutual' });
    addCoverage(ctx, a.accountId, secondaryPayer, 2);
    const result = call(ctx, 'postInsurancePayment', { ...eob(a), patientShareTo: 'secondary' });
    expect(result.balance).toEqual({ total: 8_000, insurance: 8_000, patient: 0 });
    expect(result.message).toMatch(/secondary claim .*-S/);
    const secondary = ctx.db
      .prepare(
        `SELECT c.id, c.status, c.payer_id AS payerId,
           (SELECT sum(amount) FROM ledger_entries WHERE claim_id = c.id) AS balance,
           (SELECT count(*) FROM claim_lines WHERE claim_id = c.id) AS lines
         FROM claims c WHERE primary_claim_id = ?`,
      )
      .get(a.claimId);
    expect(secondary).toMatchObject({
      status: 'unbilled',
      payerId: secondaryPayer,
      balance: 8_000,
      lines: 2,
    });
    const queue = call(ctx, 'listQueue', { kind: 'claim_status' });
    expect(queue.rows[0]?.reason).toMatch(/Bill Second Mutual \(secondary\)/);
  });

  it('sends a patient share under another PR code to the secondary payer too', () => {
    const a = insuredAccount();
    addCoverage(ctx, a.accountId, addPayer(ctx, { name: 'Second Mutual' }), 2);
    const result = call(ctx, 'postInsurancePayment', {
      ...eob(a),
      patientShareTo: 'secondary',
      lines: [
        {
          claimLineId: a.lineIds[0] ?? 0,
          paid: 20_000,
          otherAdjustments: [{ groupCode: 'PR', reasonCode: '204', amount: 10_000 }],
        },
      ],
    });
    expect(result.balance).toEqual({ total: 30_000, insurance: 30_000, patient: 0 });
    expect(result.message).toMatch(/Patient share \$100\.00 moved to secondary claim/);
  });

  it('refuses an EOB that is wrong for the claim and writes nothing', () => {
    const a = insuredAccount();
    const good = eob(a);
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, lines: [{ claimLineId: a.lineIds[0], paid: 40_000 }] },
      /more than the line's charge of \$300\.00/,
    );
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, lines: [{ claimLineId: null, paid: 60_000 }] },
      /only \$500\.00 is open with insurance/,
    );
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, lines: [{ claimLineId: null }] },
      /no amounts/,
    );
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, lines: [{ claimLineId: a.lineIds[0], paid: -100 }] },
      /cannot be negative/,
    );
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, eobDate: addDays(TEST_TODAY, 3) },
      /in the future/,
    );
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, patientShareTo: 'secondary' },
      /no secondary coverage/,
    );
    const other = addAccount(ctx);
    expectRefused(
      ctx,
      'postInsurancePayment',
      { ...good, accountId: other.accountId },
      /not on this account/,
    );
  });

  it('reversing the EOB puts every amount back on the insurance side and answers the codes', () => {
    const a = insuredAccount();
    const posted = call(ctx, 'postInsurancePayment', eob(a));
    const reversed = call(ctx, 'reversePayment', {
      receiptId: posted.receiptId ?? 0,
      reason: 'Posted the wrong claim',
    });
    expect(reversed.balance).toEqual({ total: 50_000, insurance: 50_000, patient: 0 });
    const codes = ctx.db.prepare(`SELECT sum(amount) AS net FROM claim_adjustments`).get();
    expect(codes).toEqual({ net: 0 });
    const claim = call(ctx, 'getAccount', { accountId: a.accountId }).claims[0];
    expect(claim?.status).toBe('pending');
  });

  it('decides the whole EOB, its refusals and the new secondary claim, on a connection that cannot write', () => {
    const a = insuredAccount();
    addCoverage(ctx, a.accountId, addPayer(ctx, { name: 'Second Mutual' }), 2);
    const input = { ...eob(a), patientShareTo: 'secondary' as const };
    const parse = contract.postInsurancePayment.input.parse;
    ctx.db.pragma('query_only = ON');
    const plan = planInsurancePayment(ctx.db, parse(input), TEST_TODAY);
    const late = parse({ ...input, eobDate: addDays(TEST_TODAY, 1) });
    expect(() => planInsurancePayment(ctx.db, late, TEST_TODAY)).toThrow(/in the future/);
    ctx.db.pragma('query_only = OFF');
    expect(plan.status).toBe('paid');
    expect(plan.secondary).toMatchObject({ kind: 'new', payerName: 'Second Mutual' });
    // every amount the EOB accounts for leaves the primary claim's insurance side
    const offPrimary = plan.postings
      .filter((p) => !p.onSecondary && p.side === 'insurance')
      .reduce((sum, p) => sum + p.amount, 0);
    expect(offPrimary).toBe(-50_000);

    call(ctx, 'postInsurancePayment', input);
    const claim = call(ctx, 'getAccount', { accountId: a.accountId }).claims.find(
      (c) => c.id === a.claimId,
    );
    expect(claim?.status).toBe(plan.status);
  });
});

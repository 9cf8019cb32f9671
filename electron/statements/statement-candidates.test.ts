import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { TEST_TODAY, type TestCtx } from '../testing/test-db';
import { familyAccount, statementCtx, statementPdf } from '../testing/statement-account';

let ctx: TestCtx;
beforeEach(() => {
  ctx = statementCtx();
});
afterEach(() => ctx.close());

describe('statement candidates', () => {
  it('lists open accounts that owe at least the minimum and had no recent statement', async () => {
    const { accountId } = familyAccount(ctx);
    const payerId = addPayer(ctx);
    const { accountId: closed } = addAccount(ctx, { payerId });
    addBilledClaim(ctx, closed, payerId, [9_000], 'patient');
    ctx.db.prepare(`UPDATE accounts SET status = 'closed' WHERE id = ?`).run(closed);
    const { accountId: credit } = addAccount(ctx);
    addBilledClaim(ctx, credit, payerId, [1_000], 'patient');
    call(ctx, 'postPatientPayment', {
      accountId: credit,
      amount: 2_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    addAccount(ctx);

    const all = call(ctx, 'listStatementCandidates', {});
    // the closed account is not listed; the credit is, held with its reason
    expect(all.total).toBe(2);
    const okafor = all.accounts.find((c) => c.accountNumber === 'H200300');
    expect(okafor).toMatchObject({
      accountIds: [],
      guarantorName: 'Okafor, Maria',
      patientBalance: 10_000,
      // the charge of 01/05 was settled; what is open arose with the EOB of 01/20
      oldestOpenDate: '2026-01-20',
      lastStatementDate: null,
      plan: false,
      allHeld: true,
    });
    // a visit is still with the plan: held until insurance decides it
    expect(okafor?.held.map((h) => h.hold)).toEqual(['insurance_pending']);
    const held = all.accounts.find((c) => c.accountIds.length === 0 && c !== okafor);
    expect(held?.held.map((h) => [h.accountId, h.hold])).toEqual([[credit, 'no_address']]);
    expect(held?.held[0]?.reason).toContain('Also: credit balance.');
    expect(all.byHold).toEqual({ insurance_pending: 1, no_address: 1 });
    expect(call(ctx, 'listStatementCandidates', { minPatientBalance: 10_001 }).total).toBe(1);
    expect(call(ctx, 'listStatementCandidates', { agingBucket: 'd31_60' }).total).toBe(1);

    await statementPdf(ctx, accountId);
    expect(call(ctx, 'listStatementCandidates', {}).total).toBe(1);
    const again = call(ctx, 'listStatementCandidates', { notStatedWithinDays: 0 });
    expect(again.accounts[0]?.lastStatementDate).toBe(TEST_TODAY);
  });
});

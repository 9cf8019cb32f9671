import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatementCandidates } from '../../shared/api/statements';
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
    expect(all.accounts).toHaveLength(2);
    expect(call(ctx, 'countStatementCandidates', {}).total).toBe(2);
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
    expect(call(ctx, 'countStatementCandidates', { minPatientBalance: 10_001 }).total).toBe(1);
    expect(call(ctx, 'countStatementCandidates', { agingBucket: 'd31_60' }).total).toBe(1);

    await statementPdf(ctx, accountId);
    expect(call(ctx, 'countStatementCandidates', {}).total).toBe(1);
    const again = call(ctx, 'listStatementCandidates', { notStatedWithinDays: 0 });
    expect(again.accounts[0]?.lastStatementDate).toBe(TEST_TODAY);
  });

  it('pages through every guarantor once, in order, and counts what the pages hold', () => {
    const payerId = addPayer(ctx);
    for (const amount of [500, 2_500, 700, 9_000, 1_200, 300, 4_000]) {
      const { accountId } = addAccount(ctx, { payerId });
      addBilledClaim(ctx, accountId, payerId, [amount], 'patient');
    }
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: StatementCandidates = call(ctx, 'listStatementCandidates', { limit: 3, after });
      pages.push(page.accounts.map((c) => c.accountNumber));
      after = page.next;
    } while (after !== null && pages.length < 10);
    const whole = call(ctx, 'listStatementCandidates', { limit: 5000 });
    expect(whole.next).toBeNull();
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(whole.accounts.map((c) => c.accountNumber));
    expect(new Set(pages.flat()).size).toBe(7);
    expect(call(ctx, 'countStatementCandidates', {}).total).toBe(7);
    // a filter narrows the count and the pages alike
    const over = { minPatientBalance: 1_000 };
    const narrowed = call(ctx, 'listStatementCandidates', over).accounts;
    expect(narrowed.map((c) => c.patientBalance).sort((a, b) => a - b)).toEqual([
      1_200, 2_500, 4_000, 9_000,
    ]);
    expect(call(ctx, 'countStatementCandidates', over).total).toBe(4);
  });

  it('ends with an empty last page when the guarantors fill the pages exactly', () => {
    const payerId = addPayer(ctx);
    for (const amount of [500, 600]) {
      const { accountId } = addAccount(ctx, { payerId });
      addBilledClaim(ctx, accountId, payerId, [amount], 'patient');
    }
    const first = call(ctx, 'listStatementCandidates', { limit: 2 });
    expect(first.accounts).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const second = call(ctx, 'listStatementCandidates', { limit: 2, after: first.next });
    expect(second).toMatchObject({ accounts: [], next: null });
  });
});

import type { AccountId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS } from '../../shared/aging/buckets';
import { addDays } from '../../shared/dates/iso-date';
import { appendLedgerEntries } from '../ledger/ledger';
import { addAccount, addClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

let ctx: ReturnType<typeof createTestCtx>;
let accountId: AccountId;
beforeAll(() => {
  ctx = createTestCtx();
  const payerId = addPayer(ctx, { name: 'Acme Health Plan' });
  ({ accountId } = addAccount(ctx, { payerId }));
  const claimId = addClaim(ctx, accountId, payerId, {
    number: 'C1',
    status: 'denied',
    charge: 50_000,
  });
  ctx.db
    .prepare(
      `INSERT INTO claim_adjustments (claim_id, group_code, reason_code, amount) VALUES (?, 'CO', '50', 30000)`,
    )
    .run(claimId);
  ctx.db.prepare(`INSERT INTO claim_remarks (claim_id, code) VALUES (?, 'N115')`).run(claimId);
  const today = ctx.clock.today();
  const d = (n: number) => addDays(today, -n);
  ctx.db.transaction(() => {
    const [chargeId] = appendLedgerEntries(
      ctx.db,
      [
        {
          accountId,
          claimId,
          kind: 'charge',
          side: 'insurance',
          amount: cents(50_000),
          postingDate: d(100),
        },
        {
          accountId,
          claimId,
          kind: 'payment',
          side: 'insurance',
          amount: cents(-15_000),
          postingDate: d(60),
          reference: 'EFT 1',
        },
        {
          accountId,
          claimId,
          kind: 'transfer',
          side: 'insurance',
          amount: cents(-5_000),
          postingDate: d(60),
          reasonCode: 'PR-1',
        },
        {
          accountId,
          claimId,
          kind: 'transfer',
          side: 'patient',
          amount: cents(5_000),
          postingDate: d(60),
          reasonCode: 'PR-1',
        },
        { accountId, kind: 'charge', side: 'patient', amount: cents(1_234), postingDate: d(5) },
      ],
      { userId: ctx.userId, now: ctx.clock.now(), today },
    );
    void chargeId;
    const [wrong] = appendLedgerEntries(
      ctx.db,
      [{ accountId, kind: 'payment', side: 'patient', amount: cents(-999), postingDate: d(2) }],
      { userId: ctx.userId, now: ctx.clock.now(), today },
    );
    appendLedgerEntries(
      ctx.db,
      [
        {
          accountId,
          kind: 'payment',
          side: 'patient',
          amount: cents(999),
          postingDate: d(1),
          reversesId: wrong ?? null,
          memo: 'Posted to wrong account',
        },
      ],
      { userId: ctx.userId, now: ctx.clock.now(), today },
    );
  })();
});
afterAll(() => ctx.close());

describe('getAccount', () => {
  it('gives the ledger in posting order with a running balance that ends at the balance', () => {
    const view = call(ctx, 'getAccount', { accountId });
    const last = view.ledger.at(-1);
    expect(last?.runningBalance).toBe(view.balance.total);
    expect(view.balance).toMatchObject({ total: 36_234, insurance: 30_000, patient: 6_234 });
    const sum = view.ledger.reduce((s, l) => s + l.amount, 0);
    expect(sum).toBe(view.balance.total);
    const reversed = view.ledger.find((l) => l.amount === -999);
    expect(reversed?.reversedById).toBe(view.ledger.find((l) => l.reversesId === reversed?.id)?.id);
  });

  it('splits aging by side and the buckets sum to each balance', () => {
    const { balance } = call(ctx, 'getAccount', { accountId });
    const sum = (b: Record<string, number>) =>
      AGING_BUCKET_KEYS.reduce((s, k) => s + (b[k] ?? 0), 0);
    expect(sum(balance.aging.insurance)).toBe(balance.insurance);
    expect(sum(balance.aging.patient)).toBe(balance.patient);
    expect(balance.aging.insurance.d91_120).toBe(30_000);
    expect(balance.aging.patient).toMatchObject({ d31_60: 5_000, current: 1_234 });
  });

  it('explains denial and remark codes in words', () => {
    const [claim] = call(ctx, 'getAccount', { accountId }).claims;
    expect(claim).toMatchObject({
      claimNumber: 'C1',
      status: 'denied',
      payerName: 'Acme Health Plan',
      paid: 15_000,
      balance: 30_000,
    });
    expect(claim?.adjustments[0]).toMatchObject({
      code: 'CO-50',
      description: expect.stringMatching(/medical necessity/),
    });
    expect(claim?.remarks[0]?.description).toMatch(/Local Coverage Determination/);
  });

  it('says when an account does not exist', () => {
    expect(() => call(ctx, 'getAccount', { accountId: 123_456 })).toThrow(/account was not found/);
  });
});

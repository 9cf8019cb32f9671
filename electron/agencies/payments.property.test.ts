import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import { formatPlainCents } from '../../shared/money/format';
import { dispatch } from '../api/dispatch';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { addAgency, overdueAccount } from '../testing/agencies';
import { addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { balanceDrift, createTestCtx, tableCounts } from '../testing/test-db';
import { commissionOf } from './payments';

type Op =
  | { op: 'payments'; rows: { account: number; amount: number; day: number }[] }
  | { op: 'recall'; account: number }
  | { op: 'again' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('payments' as const),
      rows: fc.array(
        fc.record({
          account: fc.integer({ min: 0, max: 2 }),
          amount: fc.integer({ min: 1, max: 60_000 }),
          day: fc.integer({ min: 2, max: 16 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('recall' as const), account: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.constant({ op: 'again' as const }), weight: 1 },
);

describe('agency payments keep the money right', () => {
  it('for any payment files, gross or net, files posted twice and recalls', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gross' as const, 'net' as const),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(op, { minLength: 1, maxLength: 8 }),
        (remittance, commissionBps, ops) => {
          const ctx = createTestCtx();
          try {
            makeSupervisor(ctx);
            // a facility not bound by 501(r): its gate on referrals is tested with placements in
            // electron/fap/clock.test.ts
            call(ctx, 'saveBillingRules', { bound501r: 0 });
            const payerId = addPayer(ctx);
            const accounts: AccountId[] = [0, 1, 2].map((i) =>
              overdueAccount(ctx, payerId, {
                number: `P-${i}`,
                last: `Person${i}`,
                charges: [20_000 + i * 7_531],
              }),
            );
            const agencyId = addAgency(ctx, { remittance, commissionBps });
            const then = { ...ctx, clock: fixedClock(isoDate('2026-03-01')) };
            call(then, 'placeAccounts', { agencyId, accountIds: accounts });
            const start = accounts.map((id) => balanceOf(id));
            const credited = [0, 0, 0];
            let reference = 0;
            let lastFile: string | null = null;
            for (const o of ops) {
              if (o.op === 'payments') {
                const lines = o.rows.map((r) => {
                  reference += 1;
                  const sent = r.amount - commissionOf(cents(r.amount), commissionBps);
                  credited[r.account] =
                    (credited[r.account] ?? 0) + (remittance === 'gross' ? r.amount : sent);
                  const day = String(r.day).padStart(2, '0');
                  return `P-${r.account},2026-03-${day},${formatPlainCents(cents(r.amount))},R${reference}`;
                });
                lastFile = ['Account,Date,Amount,Reference', ...lines].join('\n');
                call(ctx, 'importAgencyPayments', { agencyId, fileName: 'p.csv', text: lastFile });
              } else if (o.op === 'again' && lastFile !== null) {
                const before = tableCounts(ctx);
                const again = call(ctx, 'importAgencyPayments', {
                  agencyId,
                  fileName: 'p.csv',
                  text: lastFile,
                });
                expect(again.posted).toBe(0);
                expect(tableCounts(ctx)).toEqual(before);
              } else if (o.op === 'recall') {
                const id = accounts[o.account];
                if (id === undefined) continue;
                // refused (already recalled) writes nothing; either way the books balance
                dispatch(ctx, 'recallAccounts', { accountIds: [id], reason: 'Test' });
              }
              expect(balanceDrift(ctx)).toBe(0);
            }
            accounts.forEach((id, i) => {
              expect(balanceOf(id)).toBe((start[i] ?? 0) - (credited[i] ?? 0));
            });
            // the cash is what the agency sent; gross accounts get the rest as commission
            const money = oneOrThrow<{ receipts: number; sent: number; commission: number }>(
              ctx.db,
              `SELECT (SELECT ifnull(sum(amount), 0) FROM receipts) AS receipts,
                  (SELECT ifnull(sum(gross - commission), 0) FROM agency_payments) AS sent,
                  (SELECT ifnull(-sum(amount), 0) FROM ledger_entries
                    WHERE reason_code = 'AGENCY_COMMISSION') AS commission`,
            );
            expect(money.receipts).toBe(money.sent);
            const expectedCommission =
              remittance === 'gross'
                ? oneOrThrow<{ c: number }>(
                    ctx.db,
                    `SELECT ifnull(sum(commission), 0) AS c FROM agency_payments`,
                  ).c
                : 0;
            expect(money.commission).toBe(expectedCommission);

            function balanceOf(id: AccountId): number {
              return oneOrThrow<{ b: number }>(
                ctx.db,
                `SELECT patient_balance AS b FROM accounts WHERE id = ?`,
                id,
              ).b;
            }
          } finally {
            ctx.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

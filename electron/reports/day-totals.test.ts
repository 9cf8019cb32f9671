import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import type { Report } from '../../shared/reports/model';
import { dispatch } from '../api/dispatch';
import { all, run } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

/** Something that moves money, or moves an account to another financial class. */
type Op =
  | { op: 'pay'; account: number; amount: number; method: 'cash' | 'card'; daysAgo: number }
  | { op: 'eob'; account: number; paid: number; contractual: number; daysAgo: number }
  | { op: 'reverse'; pick: number }
  | { op: 'reclass'; account: number; to: 'commercial' | 'medicare' | 'self_pay' }
  | { op: 'move'; account: number; to: 1 | 2 };

const account = fc.integer({ min: 0, max: 2 });
const daysAgo = fc.integer({ min: 0, max: 400 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('pay' as const),
    account,
    amount: fc.integer({ min: 1, max: 40_000 }),
    method: fc.constantFrom('cash' as const, 'card' as const),
    daysAgo,
  }),
  fc.record({
    op: fc.constant('eob' as const),
    account,
    paid: fc.integer({ min: 0, max: 30_000 }),
    contractual: fc.integer({ min: 0, max: 20_000 }),
    daysAgo,
  }),
  fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('reclass' as const),
    account,
    to: fc.constantFrom('commercial' as const, 'medicare' as const, 'self_pay' as const),
  }),
  fc.record({
    op: fc.constant('move' as const),
    account,
    to: fc.constantFrom(1 as const, 2 as const),
  }),
);

const DAY_TOTALS_FROM_LEDGER = `
  SELECT l.posting_date AS day, a.facility_id AS facility, a.financial_class AS klass, l.kind, l.side,
    CASE WHEN l.kind IN ('payment', 'refund') THEN ifnull(l.payer_id, 0) ELSE 0 END AS payer,
    CASE WHEN l.kind IN ('payment', 'refund') THEN ifnull(r.method, '') ELSE '' END AS method,
    CASE WHEN l.kind IN ('payment', 'refund') THEN l.created_by ELSE 0 END AS user,
    sum(l.amount) AS amount, count(*) AS entries
    FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
    LEFT JOIN receipts r ON r.id = l.receipt_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
const DAY_TOTALS_KEPT = `
  SELECT posting_date AS day, facility_id AS facility, financial_class AS klass, kind, side,
    payer_id AS payer, method, created_by AS user, amount, entries
    FROM ledger_day_totals WHERE entries <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;

const figure = (r: Report, label: string) => r.figures.find((f) => f.label === label)?.value;

describe('the ledger day totals the reports read', () => {
  it('equal the ledger summed by day, facility, class, payer, method and user, through moves', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(1, 2),
        (ops, facilityId) => {
          const ctx = createTestCtx();
          try {
            const today = ctx.clock.today();
            const payerId = addPayer(ctx);
            run(ctx.db, `INSERT INTO facilities (id, name) VALUES (2, 'North Clinic')`);
            const accounts = [0, 1, 2].map(() => {
              const { accountId } = addAccount(ctx, { payerId });
              const claim = addBilledClaim(ctx, accountId, payerId, [60_000, 20_000]);
              return { accountId, claimId: claim.claimId };
            });
            for (const o of ops) {
              const a = 'account' in o ? accounts[o.account] : undefined;
              if (o.op === 'pay' && a)
                dispatch(ctx, 'postPatientPayment', {
                  accountId: a.accountId,
                  amount: o.amount,
                  method: o.method,
                  receivedDate: addDays(today, -o.daysAgo),
                });
              if (o.op === 'eob' && a)
                dispatch(ctx, 'postInsurancePayment', {
                  accountId: a.accountId,
                  claimId: a.claimId,
                  method: 'eft',
                  checkNumber: 'T1',
                  eobDate: addDays(today, -o.daysAgo),
                  patientShareTo: 'patient',
                  lines: [
                    { claimLineId: null, paid: o.paid, contractual: o.contractual, deductible: 0 },
                  ],
                });
              if (o.op === 'reverse') {
                const ids = all<{ id: number }>(
                  ctx.db,
                  `SELECT id FROM receipts WHERE reverses_id IS NULL ORDER BY id`,
                );
                const pick = ids[o.pick % Math.max(ids.length, 1)];
                if (pick) dispatch(ctx, 'reversePayment', { receiptId: pick.id, reason: 'test' });
              }
              if (o.op === 'reclass' && a)
                run(
                  ctx.db,
                  `UPDATE accounts SET financial_class = ? WHERE id = ?`,
                  o.to,
                  a.accountId,
                );
              if (o.op === 'move' && a)
                run(ctx.db, `UPDATE accounts SET facility_id = ? WHERE id = ?`, o.to, a.accountId);
            }
            expect(all(ctx.db, DAY_TOTALS_KEPT)).toEqual(all(ctx.db, DAY_TOTALS_FROM_LEDGER));

            // the filtered reports, which read the totals, against the raw rows to the cent
            const from = addDays(today, -500);
            const raw = (sql: string, ...params: unknown[]) =>
              all<{ amount: number }>(
                ctx.db,
                `SELECT ifnull(sum(l.amount), 0) AS amount FROM ledger_entries l
                 JOIN accounts a ON a.id = l.account_id WHERE a.financial_class = 'commercial'
                 AND a.facility_id = ? AND ${sql}`,
                facilityId,
                ...params,
              )[0]?.amount;
            const filters = { from, financialClass: 'commercial' as const, facilityId };
            const aging = call(ctx, 'getReport', { report: 'aging', filters });
            const trend = aging.tables.find((t) => t.id === 'trend')?.rows ?? [];
            expect(trend.length).toBeGreaterThan(0);
            for (const row of trend)
              expect(row[3]).toBe(raw(`substr(l.posting_date, 1, 7) <= ?`, String(row[0])));
            const cash = call(ctx, 'getReport', { report: 'cash', filters });
            expect(figure(cash, 'Collections')).toBe(
              0 - Number(raw(`l.kind = 'payment' AND l.posting_date >= ?`, from)),
            );
          } finally {
            ctx.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS } from '../../shared/aging/buckets';
import { dispatch } from '../api/dispatch';
import { accountAging } from '../ledger/ledger';
import { addAccount, addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { createTestCtx, tableCounts } from '../testing/test-db';

/** One thing a representative might do; many are refused, which must write nothing. */
type Op =
  | { op: 'patientPayment'; amount: number; toAccount: boolean; inBatch: boolean }
  | {
      op: 'eob';
      claim: number;
      paid: number;
      contractual: number;
      deductible: number;
      secondary: boolean;
    }
  | { op: 'adjustment'; side: 'insurance' | 'patient'; amount: number }
  | { op: 'refund'; amount: number }
  | { op: 'reversePayment'; pick: number }
  | { op: 'reverseEntry'; pick: number };

const amount = fc.integer({ min: 1, max: 60_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('patientPayment' as const),
    amount,
    toAccount: fc.boolean(),
    inBatch: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('eob' as const),
    claim: fc.integer({ min: 0, max: 1 }),
    paid: fc.integer({ min: 0, max: 40_000 }),
    contractual: fc.integer({ min: 0, max: 20_000 }),
    deductible: fc.integer({ min: 0, max: 10_000 }),
    secondary: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('adjustment' as const),
    side: fc.constantFrom('insurance' as const, 'patient' as const),
    amount,
  }),
  fc.record({ op: fc.constant('refund' as const), amount }),
  fc.record({ op: fc.constant('reversePayment' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('reverseEntry' as const), pick: fc.nat() }),
);

describe('posting keeps the money right', () => {
  it('for any sequence of postings, EOBs, write-offs, refunds and reversals', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const ctx = createTestCtx();
        try {
          const payerId = addPayer(ctx);
          const { accountId } = addAccount(ctx, { payerId });
          addCoverage(ctx, accountId, addPayer(ctx), 2);
          const claims = [
            addBilledClaim(ctx, accountId, payerId, [50_000, 25_000]),
            addBilledClaim(ctx, accountId, payerId, [40_000], 'patient'),
          ];
          const today = ctx.clock.today();
          const batch = dispatch(ctx, 'openBatch', {
            depositDate: today,
            source: 'mail',
            expectedTotal: 100_000_000,
          });
          if (!batch.ok) throw new Error(batch.error.message);
          const batchId = (batch.value as { id: number }).id;
          for (const o of ops) {
            const before = tableCounts(ctx);
            const result = run(o);
            if (!result.ok) {
              expect(result.error.message.length).toBeGreaterThan(10);
              expect(tableCounts(ctx)).toEqual(before);
            }
          }
          function run(o: Op) {
            switch (o.op) {
              case 'patientPayment':
                return dispatch(ctx, 'postPatientPayment', {
                  accountId,
                  amount: o.amount,
                  method: 'cash',
                  receivedDate: today,
                  ...(o.inBatch ? { batchId } : {}),
                  ...(o.toAccount ? { allocations: [{ claimId: null, amount: o.amount }] } : {}),
                });
              case 'eob': {
                const c = claims[o.claim] ?? claims[0];
                return dispatch(ctx, 'postInsurancePayment', {
                  accountId,
                  claimId: c?.claimId,
                  method: 'eft',
                  checkNumber: 'T1',
                  eobDate: today,
                  patientShareTo: o.secondary ? 'secondary' : 'patient',
                  lines: [
                    {
                      claimLineId: null,
                      paid: o.paid,
                      contractual: o.contractual,
                      deductible: o.deductible,
                    },
                  ],
                });
              }
              case 'adjustment':
                return dispatch(ctx, 'postAdjustment', {
                  accountId,
                  side: o.side,
                  amount: o.amount,
                  reasonCode: 'ADMIN',
                  memo: 'property test',
                });
              case 'refund':
                return dispatch(ctx, 'postRefund', {
                  accountId,
                  side: 'patient',
                  amount: o.amount,
                  method: 'check',
                  reference: 'R1',
                  memo: 'property test',
                });
              case 'reversePayment': {
                const ids = ctx.db.prepare(`SELECT id FROM receipts ORDER BY id`).all() as {
                  id: number;
                }[];
                const pick = ids[o.pick % Math.max(ids.length, 1)];
                return dispatch(ctx, 'reversePayment', {
                  receiptId: pick?.id ?? 1,
                  reason: 'test',
                });
              }
              case 'reverseEntry': {
                const ids = ctx.db.prepare(`SELECT id FROM ledger_entries ORDER BY id`).all() as {
                  id: number;
                }[];
                const pick = ids[o.pick % Math.max(ids.length, 1)];
                return dispatch(ctx, 'reverseEntry', { entryId: pick?.id ?? 1, reason: 'test' });
              }
            }
          }

          // cached balances equal the ledger, per side
          const sums = ctx.db
            .prepare(`SELECT side, sum(amount) AS total FROM ledger_entries GROUP BY side`)
            .all() as { side: string; total: number }[];
          const side = (s: string) => sums.find((r) => r.side === s)?.total ?? 0;
          const view = dispatch(ctx, 'getAccount', { accountId });
          if (!view.ok) throw new Error(view.error.message);
          const account = view.value as {
            balance: { total: number; insurance: number; patient: number };
          };
          expect(account.balance.insurance).toBe(side('insurance'));
          expect(account.balance.patient).toBe(side('patient'));
          expect(account.balance.total).toBe(side('insurance') + side('patient'));
          const cached = ctx.db
            .prepare(
              `SELECT insurance_balance AS i, patient_balance AS p FROM accounts WHERE id = ?`,
            )
            .get(accountId) as { i: number; p: number };
          expect([cached.i, cached.p]).toEqual([side('insurance'), side('patient')]);

          // aging buckets add up to the balance on each side
          const aging = accountAging(ctx.db, accountId, today);
          const bucketSum = (b: Record<string, number>) =>
            AGING_BUCKET_KEYS.reduce((t, k) => t + (b[k] ?? 0), 0);
          expect(bucketSum(aging.insurance)).toBe(side('insurance'));
          expect(bucketSum(aging.patient)).toBe(side('patient'));

          // every receipt equals the money its ledger rows moved: no cent made or lost
          const mismatched = ctx.db
            .prepare(
              `SELECT r.id FROM receipts r
               WHERE r.amount <> (SELECT ifnull(sum(CASE kind WHEN 'payment' THEN -amount
                   WHEN 'refund' THEN amount ELSE 0 END), 0)
                 FROM ledger_entries l WHERE l.receipt_id = r.id)`,
            )
            .all();
          expect(mismatched).toEqual([]);
          // transfers only move money between sides and claims
          const transfers = ctx.db
            .prepare(
              `SELECT ifnull(sum(amount), 0) AS n FROM ledger_entries WHERE kind = 'transfer'`,
            )
            .get() as { n: number };
          expect(transfers.n).toBe(0);
          // the batch's running total and count are what its receipts add up to
          expect(
            ctx.db
              .prepare(
                `SELECT posted_total AS total, receipt_count AS count FROM deposit_batches
                 WHERE id = ?`,
              )
              .get(batchId),
          ).toEqual(
            ctx.db
              .prepare(
                `SELECT ifnull(sum(amount), 0) AS total,
                   ifnull(sum(reverses_id IS NULL) - sum(reverses_id IS NOT NULL), 0) AS count
                 FROM receipts WHERE batch_id = ?`,
              )
              .get(batchId),
          );
        } finally {
          ctx.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});

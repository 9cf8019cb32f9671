import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { Report } from '../../shared/reports/model';
import { dispatch } from '../api/dispatch';
import { all, run } from '../db/query';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';

/** Something that moves money on one of the accounts; refused ones simply change nothing. */
type Op =
  | {
      op: 'pay';
      account: number;
      amount: number;
      method: 'cash' | 'check' | 'card';
      daysAgo: number;
    }
  | { op: 'eob'; account: number; paid: number; contractual: number; daysAgo: number }
  | { op: 'refund'; account: number; amount: number }
  | { op: 'adjust'; account: number; side: 'insurance' | 'patient'; amount: number }
  | { op: 'reverse'; pick: number }
  | { op: 'plan'; account: number; months: number; down: number };

const account = fc.integer({ min: 0, max: 2 });
const amount = fc.integer({ min: 1, max: 40_000 });
const daysAgo = fc.integer({ min: 0, max: 400 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('pay' as const),
    account,
    amount,
    method: fc.constantFrom('cash' as const, 'check' as const, 'card' as const),
    daysAgo,
  }),
  fc.record({
    op: fc.constant('eob' as const),
    account,
    paid: fc.integer({ min: 0, max: 30_000 }),
    contractual: fc.integer({ min: 0, max: 20_000 }),
    daysAgo,
  }),
  fc.record({ op: fc.constant('refund' as const), account, amount }),
  fc.record({
    op: fc.constant('adjust' as const),
    account,
    side: fc.constantFrom('insurance' as const, 'patient' as const),
    amount,
  }),
  fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('plan' as const),
    account,
    months: fc.integer({ min: 1, max: 12 }),
    down: fc.integer({ min: 0, max: 5_000 }),
  }),
);

/** Which facility each of the three accounts is billed under, and the filter to read by. */
const placing = fc.record({
  facilities: fc.tuple(fc.constantFrom(1, 2), fc.constantFrom(1, 2), fc.constantFrom(1, 2)),
  filter: fc.constantFrom(null, 1, 2),
});

const figure = (r: Report, label: string) => r.figures.find((f) => f.label === label)?.value;
const tableSum = (r: Report, id: string, col: number) =>
  (r.tables.find((t) => t.id === id)?.rows ?? []).reduce((s, row) => s + Number(row[col]), 0);

describe('reports tie to the ledger on random data', () => {
  it('for any mix of payments, EOBs, refunds, write-offs, reversals and plans', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 20 }), placing, (ops, place) => {
        const ctx = createTestCtx();
        try {
          const today = ctx.clock.today();
          const payerId = addPayer(ctx);
          run(ctx.db, `INSERT INTO facilities (id, name) VALUES (2, 'North Clinic')`);
          const accounts = place.facilities.map((facilityId) => {
            const { accountId } = addAccount(ctx, { payerId, facilityId });
            const claim = addBilledClaim(ctx, accountId, payerId, [60_000, 20_000]);
            addBilledClaim(ctx, accountId, payerId, [30_000], 'patient');
            return { accountId, claimId: claim.claimId };
          });
          for (const o of ops) apply(o);
          function apply(o: Op) {
            const a = 'account' in o ? accounts[o.account] : undefined;
            if (!a && o.op !== 'reverse') return;
            const date = (d: number): IsoDate => addDays(today, -d);
            switch (o.op) {
              case 'pay':
                return dispatch(ctx, 'postPatientPayment', {
                  accountId: a!.accountId,
                  amount: o.amount,
                  method: o.method,
                  receivedDate: date(o.daysAgo),
                });
              case 'eob':
                return dispatch(ctx, 'postInsurancePayment', {
                  accountId: a!.accountId,
                  claimId: a!.claimId,
                  method: 'eft',
                  checkNumber: 'T1',
                  eobDate: date(o.daysAgo),
                  patientShareTo: 'patient',
                  lines: [
                    { claimLineId: null, paid: o.paid, contractual: o.contractual, deductible: 0 },
                  ],
                });
              case 'refund':
                return dispatch(ctx, 'postRefund', {
                  accountId: a!.accountId,
                  side: 'patient',
                  amount: o.amount,
                  method: 'check',
                  reference: 'R1',
                  memo: 'test',
                });
              case 'adjust':
                return dispatch(ctx, 'postAdjustment', {
                  accountId: a!.accountId,
                  side: o.side,
                  amount: o.amount,
                  reasonCode: 'ADMIN',
                  memo: 'test',
                });
              case 'reverse': {
                const ids = all<{ id: number }>(
                  ctx.db,
                  `SELECT id FROM receipts WHERE reverses_id IS NULL ORDER BY id`,
                );
                const pick = ids[o.pick % Math.max(ids.length, 1)];
                return pick
                  ? dispatch(ctx, 'reversePayment', { receiptId: pick.id, reason: 'test' })
                  : undefined;
              }
              case 'plan':
                return dispatch(ctx, 'createPlan', {
                  accountId: a!.accountId,
                  downPayment: o.down,
                  length: { mode: 'months', months: o.months },
                  firstDueDate: addDays(today, 20),
                  includeNewCharges: false,
                });
            }
          }

          // the reports read for one facility, or for all: the raw rows are cut the same way
          const facilityId = place.filter;
          const ledger = all<{ side: string; kind: string; amount: number; day: string }>(
            ctx.db,
            `SELECT l.side, l.kind, l.amount, l.posting_date AS day
               FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
              WHERE ? IS NULL OR a.facility_id = ?`,
            facilityId,
            facilityId,
          );
          const from = addDays(today, -500);
          const sum = (f: (l: (typeof ledger)[number]) => boolean) =>
            ledger.filter(f).reduce((s, l) => s + l.amount, 0);

          const aging = call(ctx, 'getReport', { report: 'aging', filters: { from, facilityId } });
          expect(figure(aging, 'Insurance')).toBe(sum((l) => l.side === 'insurance'));
          expect(figure(aging, 'Patient')).toBe(sum((l) => l.side === 'patient'));
          expect(tableSum(aging, 'buckets', 3)).toBe(sum(() => true));
          for (const row of aging.tables.find((t) => t.id === 'trend')?.rows ?? [])
            expect(row[3]).toBe(sum((l) => l.day.slice(0, 7) <= String(row[0])));

          const cash = call(ctx, 'getReport', { report: 'cash', filters: { from, facilityId } });
          const paid = (side: string) =>
            0 - sum((l) => l.kind === 'payment' && l.side === side && l.day >= from);
          expect(figure(cash, 'Patient payments')).toBe(paid('patient'));
          expect(figure(cash, 'Insurance payments')).toBe(paid('insurance'));
          expect(figure(cash, 'Refunds paid out')).toBe(
            sum((l) => l.kind === 'refund' && l.day >= from),
          );
          expect(tableSum(cash, 'methods', 1)).toBe(paid('patient') + paid('insurance'));
          expect(tableSum(cash, 'days', 4)).toBe(
            paid('patient') + paid('insurance') - Number(figure(cash, 'Refunds paid out')),
          );
          expect(tableSum(cash, 'months', 1)).toBe(paid('patient'));
          expect(tableSum(cash, 'months', 2)).toBe(paid('insurance'));
          expect(tableSum(cash, 'payers', 1)).toBe(paid('patient') + paid('insurance'));

          const plans = call(ctx, 'getReport', { report: 'plans', filters: { from, facilityId } });
          const rawPlans = all<{ id: number; accountId: number; paidBefore: number }>(
            ctx.db,
            `SELECT p.id, p.account_id AS accountId, p.paid_before AS paidBefore
               FROM payment_plans p JOIN accounts a ON a.id = p.account_id
              WHERE ? IS NULL OR a.facility_id = ?`,
            facilityId,
            facilityId,
          );
          let expected = 0;
          let received = 0;
          for (const p of rawPlans) {
            expected += all<{ amount: number }>(
              ctx.db,
              `SELECT amount FROM plan_installments WHERE plan_id = ? AND due_date <= ?`,
              p.id,
              today,
            ).reduce((s, i) => s + i.amount, 0);
            const patientPaid =
              0 -
              all<{ amount: number }>(
                ctx.db,
                `SELECT amount FROM ledger_entries WHERE account_id = ? AND side = 'patient' AND kind = 'payment'`,
                p.accountId,
              ).reduce((s, l) => s + l.amount, 0);
            received += Math.max(0, patientPaid - p.paidBefore);
          }
          expect(figure(plans, 'Plans begun')).toBe(rawPlans.length);
          expect(figure(plans, 'Expected')).toBe(expected);
          expect(figure(plans, 'Received')).toBe(received);
        } finally {
          ctx.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});

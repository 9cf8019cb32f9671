import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BadDebtView } from '../../shared/api/bad-debt';
import type { ReceiptId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { balanceDrift, createTestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

type Op = { op: 'pay'; amount: number } | { op: 'reverse'; pick: number } | { op: 'toggle' };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 25_000 }) }),
    fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('toggle' as const) }),
  ),
  { minLength: 1, maxLength: 10 },
);

const CHARGES = 30_000;

describe('bad debt keeps the money right', () => {
  it('for any sequence of moves, recoveries, returned payments and undoing', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const ctx = createTestCtx();
        try {
          const sup = { ...ctx, userId: ensureUser(ctx.db, 'sup', 'Sam', ctx.clock.now()) };
          const sup2 = { ...ctx, userId: ensureUser(ctx.db, 'sup2', 'Sue', ctx.clock.now()) };
          makeSupervisor(ctx, sup.userId);
          makeSupervisor(ctx, sup2.userId);
          // returned payments here are the supervisor's own, never waiting on the day's limit
          call(sup, 'saveBillingRules', { reversalApprovalLimit: 10_000_000 });
          const payerId = addPayer(ctx);
          const { accountId } = addAccount(ctx);
          addBilledClaim(ctx, accountId, payerId, [10_000], 'patient');
          addBilledClaim(ctx, accountId, payerId, [20_000], 'patient');
          const payments: { id: ReceiptId; amount: number; standing: boolean }[] = [];
          for (const o of sequence) {
            const view = call(ctx, 'getBadDebt', { accountId });
            if (o.op === 'pay') {
              const r = call(ctx, 'postPatientPayment', {
                accountId,
                amount: o.amount,
                method: 'cash',
                receivedDate: ctx.clock.today(),
              });
              payments.push({ id: r.receiptId as ReceiptId, amount: o.amount, standing: true });
            } else if (o.op === 'reverse') {
              const standing = payments.filter((p) => p.standing);
              const p = standing[o.pick % Math.max(1, standing.length)];
              if (!p) continue;
              call(sup, 'reversePayment', { receiptId: p.id, reason: 'Returned' });
              p.standing = false;
            } else if (view.status === 'bad_debt') {
              call(sup, 'undoBadDebt', { accountId, reason: 'Undo' });
            } else if (view.patientBalance > 0) {
              const asked = dispatch(ctx, 'requestBadDebt', { accountId, memo: 'Uncollectible' });
              if (!asked.ok) {
                // one claim paid over while another owes: the credit is settled first
                expect(asked.error.message).toMatch(/patient credit; settle the credit first/);
                continue;
              }
              call(sup2, 'decideAdjustment', {
                requestId: (asked.value as BadDebtView).pendingRequest?.id ?? 0,
                decision: 'approve',
                note: 'ok',
              });
            }
            const paid = payments.filter((p) => p.standing).reduce((s, p) => s + p.amount, 0);
            const after = call(ctx, 'getBadDebt', { accountId });
            // the cached balance is the ledger's sum
            expect(balanceDrift(ctx)).toBe(0);
            if (after.standing) {
              // what was written off, less what came back, is all that differs from what is owed
              expect(after.standing.recovered).toBeGreaterThanOrEqual(0);
              expect(after.standing.recovered).toBeLessThanOrEqual(after.standing.amount);
              expect(after.patientBalance).toBe(
                CHARGES - paid - after.standing.amount + after.standing.recovered,
              );
            } else {
              // never moved, or undone: every bad-debt effect is gone
              expect(after.patientBalance).toBe(CHARGES - paid);
            }
          }
          const end = call(ctx, 'getBadDebt', { accountId });
          const report = call(ctx, 'getReport', {
            report: 'collections',
            filters: { from: ctx.clock.today(), to: ctx.clock.today() },
          });
          const figure = (label: string) => report.figures.find((f) => f.label === label)?.value;
          // reports count what stands: written off less recovered
          expect(figure('Bad debt net of recoveries')).toBe(
            end.standing ? end.standing.amount - end.standing.recovered : 0,
          );
        } finally {
          ctx.close();
        }
      }),
      { numRuns: 30 },
    );
  });
});

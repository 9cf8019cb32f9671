import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, LedgerEntryId } from '../../shared/ids';
import { dispatch } from '../api/dispatch';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';

let ctx: TestCtx;
let sup: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  const userId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
  makeSupervisor(ctx, userId);
  sup = { ...ctx, userId };
});
afterAll(() => ctx.close());

/** What posted today as write-offs on the account with no approval behind it. */
function unapprovedWriteOffs(accountId: AccountId): number {
  const row = ctx.db
    .prepare(
      `SELECT ifnull(-sum(amount), 0) AS total FROM ledger_entries l
         WHERE account_id = ? AND kind = 'adjustment' AND amount < 0
           AND NOT EXISTS (SELECT 1 FROM adjustment_requests r WHERE r.ledger_entry_id = l.id)`,
    )
    .get(accountId) as { total: number };
  return row.total;
}

const step = fc.oneof(
  fc.record({
    op: fc.constant('writeOff' as const),
    amount: fc.integer({ min: 1, max: 80_000 }),
    onClaim: fc.boolean(),
  }),
  // taking a write-off back must not make room for another
  fc.record({ op: fc.constant('reverseLast' as const) }),
  // a supervisor deciding waiting requests must not make room either
  fc.record({ op: fc.constant('approve' as const) }),
);

describe("a representative's write-offs in one day", () => {
  it('never post more than the limit on an account without approval, however they are split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60_000 }),
        fc.array(step, { minLength: 1, maxLength: 25 }),
        (limit, steps) => {
          call(sup, 'saveBillingRules', { writeOffApprovalLimit: limit });
          const { accountId } = addAccount(ctx);
          const { claimId } = addBilledClaim(ctx, accountId, addPayer(ctx), [5_000_000], 'patient');
          const posted: LedgerEntryId[] = [];
          for (const s of steps) {
            if (s.op === 'writeOff') {
              const r = dispatch(ctx, 'postAdjustment', {
                accountId,
                claimId: s.onClaim ? claimId : null,
                side: 'patient',
                amount: s.amount,
                reasonCode: 'ADMIN',
                memo: 'split',
              });
              if (r.ok) {
                const v = r.value as { status: string; entryId: LedgerEntryId | null };
                if (v.status === 'posted' && v.entryId !== null) posted.push(v.entryId);
              } else expect(r.error.message).toMatch(/already has a write-off waiting/);
            } else if (s.op === 'reverseLast') {
              const last = posted.pop();
              if (last !== undefined)
                dispatch(ctx, 'reverseEntry', { entryId: last, reason: 'taken back' });
            } else {
              for (const r of call(sup, 'listAdjustmentRequests', {}))
                call(sup, 'decideAdjustment', { requestId: r.id, decision: 'approve', note: 'ok' });
            }
            expect(unapprovedWriteOffs(accountId)).toBeLessThanOrEqual(limit);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

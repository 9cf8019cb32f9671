import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatementRunResult } from '../../shared/api/statements';
import { addDays, isoDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, PayerId } from '../../shared/ids';
import { dispatchAsync } from '../api/dispatch';
import { fixedClock, type Ctx } from '../core/context';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  allowStatementRuns,
} from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { paidOffSince } from './dunning';

/** What happens to one account in one month of its history. */
const monthOf = fc.record({
  charge: fc.option(fc.integer({ min: 100, max: 60_000 }), { freq: 2 }),
  // now and then a share of what is owed, sometimes all of it or more (a credit)
  paidPercent: fc.oneof(
    { arbitrary: fc.constant(null), weight: 4 },
    { arbitrary: fc.integer({ min: 10, max: 130 }), weight: 1 },
  ),
  dispute: fc.oneof(
    { arbitrary: fc.constant('keep' as const), weight: 8 },
    { arbitrary: fc.constant('open' as const), weight: 1 },
    { arbitrary: fc.constant('close' as const), weight: 2 },
  ),
});
const historyOf = fc.record({
  // accounts per guarantor
  guarantors: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 3 }),
  months: fc.array(fc.array(monthOf, { minLength: 4, maxLength: 4 }), {
    minLength: 3,
    maxLength: 8,
  }),
  // the month a guarantor dies, if ever
  deceasedIn: fc.option(fc.integer({ min: 0, max: 7 }), { freq: 2 }),
});

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  // statement runs are work a supervisor hands to a representative
  allowStatementRuns(ctx);
});
afterEach(() => ctx.close());

const on = (date: IsoDate): Ctx => ({ ...ctx, clock: fixedClock(date) });

const STAGE_RANK = ['statement', 'second_statement', 'past_due', 'final_notice', 'pre_collection'];

interface Printed {
  date: IsoDate;
  stage: number;
}

function patientRows(accountId: number): { postingDate: IsoDate; amount: number }[] {
  return ctx.db
    .prepare(
      `SELECT posting_date AS postingDate, amount FROM ledger_entries
         WHERE account_id = ? AND side = 'patient'`,
    )
    .all(accountId) as { postingDate: IsoDate; amount: number }[];
}

/** Holds the database records plainly, checked here without the code under test. */
function plainlyHeld(accountId: number): boolean {
  const row = ctx.db
    .prepare(
      `SELECT a.patient_balance AS balance, g.deceased_date AS deceased,
         EXISTS (SELECT 1 FROM collection_holds h WHERE h.account_id = a.id
           AND h.closed_at IS NULL) AS disputed
       FROM accounts a JOIN people g ON g.id = a.guarantor_id WHERE a.id = ?`,
    )
    .get(accountId) as { balance: number; deceased: string | null; disputed: number };
  return row.balance <= 0 || row.deceased !== null || row.disputed === 1;
}

describe('the dunning cycle over random account histories', () => {
  it('never sends a gentler stage while a balance stays unpaid, and never prints a held account', async () => {
    let round = 0;
    // the histories must reach past the first stage, or the property proves little
    const reached = new Set<number>();
    let heldSeen = 0;
    await fc.assert(
      fc.asyncProperty(historyOf, async (history) => {
        round++;
        const payerId: PayerId = addPayer(ctx);
        const accounts: { accountId: AccountId; guarantorId: number }[] = [];
        history.guarantors.forEach((count, g) => {
          const guarantorId = addPerson(ctx, { first: `G${g}`, last: `Round${round}` });
          addAddress(ctx, guarantorId);
          for (let i = 0; i < count; i++) {
            const { accountId } = addAccount(ctx, {
              patientId: guarantorId,
              number: `P${round}-${g}-${i}`,
            });
            accounts.push({ accountId, guarantorId });
          }
        });
        const printed = new Map<number, Printed[]>();
        // each round starts a year later, so its statements are its own
        const start = addDays(isoDate('2026-01-05'), round * 400);
        for (const [m, month] of history.months.entries()) {
          const date = addDays(start, m * 30);
          const today = on(date);
          for (const [i, { accountId }] of accounts.entries()) {
            const e = month[i % month.length];
            if (!e) continue;
            if (e.charge) addBilledClaim(today, accountId, payerId, [e.charge], 'patient');
            const balance = (
              ctx.db
                .prepare(`SELECT patient_balance AS b FROM accounts WHERE id = ?`)
                .get(accountId) as { b: number }
            ).b;
            const paid = Math.round((Math.max(balance, 0) * (e.paidPercent ?? 0)) / 100);
            if (paid > 0) {
              call(today, 'postPatientPayment', {
                accountId,
                amount: paid,
                method: 'cash',
                receivedDate: date,
              });
            }
            const open = ctx.db
              .prepare(`SELECT 1 FROM collection_holds WHERE account_id = ? AND closed_at IS NULL`)
              .get(accountId);
            if (e.dispute === 'open' && !open) {
              call(today, 'setCollectionHold', { accountId, kind: 'dispute', open: true });
            } else if (e.dispute === 'close' && open) {
              call(today, 'setCollectionHold', { accountId, kind: 'dispute', open: false });
            }
          }
          if (history.deceasedIn === m) {
            ctx.db
              .prepare(`UPDATE people SET deceased_date = ? WHERE id = ?`)
              .run(date, accounts[0]?.guarantorId);
          }
          const held = new Set(
            accounts.filter((a) => plainlyHeld(a.accountId)).map((a) => a.accountId),
          );
          const result = await dispatchAsync(today, 'startStatementRun', {
            accountIds: accounts.map((a) => a.accountId),
          });
          if (!result.ok) {
            expect(result.error.code).toBe('conflict');
            continue;
          }
          const stated = ctx.db
            .prepare(
              `SELECT d.account_id AS accountId, s.stage FROM documents d
                 JOIN dunning_stages s ON s.account_id = d.account_id
               WHERE d.run_document_id = ?`,
            )

            .all((result.value as StatementRunResult).documentId) as {
            accountId: number;
            stage: number;
          }[];
          heldSeen += held.size;
          for (const { accountId, stage } of stated) {
            reached.add(stage);
            expect(held.has(accountId as AccountId), `account ${accountId} was held`).toBe(false);
            const before = printed.get(accountId) ?? [];
            const last = before[before.length - 1];
            if (last && !paidOffSince(patientRows(accountId), last.date)) {
              expect(stage, STAGE_RANK[stage]).toBeGreaterThanOrEqual(last.stage);
            }
            printed.set(accountId, [...before, { date, stage }]);
          }
        }
      }),
      {
        numRuns: 8,
        // one history that must climb every stage and one that must be held, so the coverage
        // asked below does not depend on what eight random histories happen to hold
        examples: [
          [
            {
              guarantors: [1],
              months: Array.from({ length: 8 }, (_, m) =>
                Array.from({ length: 4 }, () => ({
                  charge: m === 0 ? 40_000 : null,
                  paidPercent: null,
                  dispute: 'keep' as const,
                })),
              ),
              deceasedIn: null,
            },
          ],
          // and one whose first account is held, disputed in the second month, while the
          // guarantor's other account is still stated
          [
            {
              guarantors: [2],
              months: Array.from({ length: 3 }, (_, m) =>
                Array.from({ length: 4 }, (_, i) => ({
                  charge: m === 0 ? 25_000 : null,
                  paidPercent: null,
                  dispute: m === 1 && i === 0 ? ('open' as const) : ('keep' as const),
                })),
              ),
              deceasedIn: null,
            },
          ],
        ],
      },
    );
    expect([...reached].sort()).toEqual(expect.arrayContaining([0, 1, 2, 3]));
    expect(heldSeen).toBeGreaterThan(0);
  }, 240_000);
});

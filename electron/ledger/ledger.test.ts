import type { LedgerEntryId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { queueRank, type RankInput } from '../queue/priority';
import { addAccount, addPayer } from '../testing/builders';
import { createTestCtx } from '../testing/test-db';
import { refreshQueueColumns } from '../upkeep/queue-columns';
import { inWriteTransaction } from '../upkeep/upkeep';
import { accountAging, appendLedgerEntries, type NewLedgerEntry } from './ledger';

/** An id no ledger row has; a test-made id, so it carries its brand by assertion. */
const NO_SUCH_ENTRY = 987_654 as LedgerEntryId;

let ctx: ReturnType<typeof createTestCtx>;
beforeAll(() => {
  ctx = createTestCtx();
});
afterAll(() => ctx.close());

type Step =
  | {
      op: 'charge' | 'payment' | 'adjustment';
      side: 'insurance' | 'patient';
      amount: number;
      daysAgo: number;
    }
  | { op: 'transfer'; amount: number; daysAgo: number }
  | { op: 'reverse'; pick: number; daysAgo: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constantFrom('charge' as const, 'payment' as const, 'adjustment' as const),
    side: fc.constantFrom('insurance' as const, 'patient' as const),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
    daysAgo: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({
    op: fc.constant('transfer' as const),
    amount: fc.integer({ min: 1, max: 500_000 }),
    daysAgo: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({
    op: fc.constant('reverse' as const),
    pick: fc.nat(),
    daysAgo: fc.integer({ min: 0, max: 300 }),
  }),
);

interface Cached {
  insurance_balance: number;
  patient_balance: number;
  oldest_open_date: IsoDate | null;
}

describe('appendLedgerEntries', () => {
  it('keeps the cached balances equal to the ledger for any sequence of postings, transfers and reversals', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const payerId = addPayer(ctx);
        const { accountId } = addAccount(ctx, { payerId });
        const today = ctx.clock.today();
        const by = { userId: ctx.userId, now: ctx.clock.now(), today };
        ctx.db
          .prepare(
            `INSERT INTO follow_ups (account_id, kind, due_date, created_at, created_by)
             VALUES (?, 'account', ?, ?, ?)`,
          )
          .run(accountId, today, by.now, by.userId);
        refreshQueueColumns(ctx.db, accountId, today);
        const posted: { id: LedgerEntryId; entry: NewLedgerEntry }[] = [];
        const reversed = new Set<number>();
        // the request's transaction: the upkeep at its commit brings the queue copy along
        inWriteTransaction(ctx, () => {
          for (const s of steps) {
            const postingDate = addDays(today, -s.daysAgo);
            let entries: NewLedgerEntry[];
            if (s.op === 'transfer') {
              entries = [
                {
                  accountId,
                  kind: 'transfer',
                  side: 'insurance',
                  amount: cents(-s.amount),
                  postingDate,
                },
                {
                  accountId,
                  kind: 'transfer',
                  side: 'patient',
                  amount: cents(s.amount),
                  postingDate,
                },
              ];
            } else if (s.op === 'reverse') {
              const open = posted.filter((p) => !reversed.has(p.id) && p.entry.reversesId == null);
              const target = open[s.pick % Math.max(open.length, 1)];
              if (!target) continue;
              reversed.add(target.id);
              entries = [
                {
                  ...target.entry,
                  amount: cents(-target.entry.amount),
                  postingDate,
                  reversesId: target.id,
                },
              ];
            } else {
              const sign = s.op === 'charge' ? 1 : -1;
              entries = [
                {
                  accountId,
                  kind: s.op,
                  side: s.side,
                  amount: cents(sign * s.amount),
                  postingDate,
                },
              ];
            }
            const ids = appendLedgerEntries(ctx.db, entries, by);
            ids.forEach((id, i) => posted.push({ id, entry: entries[i] as NewLedgerEntry }));
          }
        });

        const sums = ctx.db
          .prepare(
            `SELECT side, sum(amount) AS total FROM ledger_entries WHERE account_id = ? GROUP BY side`,
          )
          .all(accountId) as { side: string; total: number }[];
        const ledgerSide = (side: string) => sums.find((r) => r.side === side)?.total ?? 0;
        const cached = ctx.db
          .prepare(
            `SELECT insurance_balance, patient_balance, oldest_open_date FROM accounts WHERE id = ?`,
          )
          .get(accountId) as Cached;
        expect(cached.insurance_balance).toBe(ledgerSide('insurance'));
        expect(cached.patient_balance).toBe(ledgerSide('patient'));

        const aging = accountAging(ctx.db, accountId, today);
        expect(cached.oldest_open_date).toBe(aging.oldestOpenDate);
        const bucketTotal = AGING_BUCKET_KEYS.reduce((t, k) => t + aging.total[k], 0);
        expect(bucketTotal).toBe(ledgerSide('insurance') + ledgerSide('patient'));

        // the work queue's copy of the account agrees too
        const queued = ctx.db
          .prepare(
            `SELECT payer_id AS payerId, balance, oldest_open_date AS oldestOpenDate, rank,
               due_date AS dueDate, deadline_date AS deadlineDate
             FROM follow_ups WHERE account_id = ?`,
          )
          .get(accountId) as RankInput & { payerId: number; rank: number };
        expect(queued.payerId).toBe(payerId);
        expect(queued.balance).toBe(bucketTotal);
        expect(queued.oldestOpenDate).toBe(cached.oldest_open_date);
        expect(queued.rank).toBe(queueRank(queued, today));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to run outside a transaction', () => {
    const { accountId } = addAccount(ctx);
    expect(() =>
      appendLedgerEntries(
        ctx.db,
        [
          {
            accountId,
            kind: 'charge',
            side: 'patient',
            amount: cents(100),
            postingDate: ctx.clock.today(),
          },
        ],
        { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
      ),
    ).toThrow(/inside a transaction/);
  });

  it('leaves no row behind when a transaction fails partway', () => {
    const { accountId } = addAccount(ctx);
    const count = () =>
      (
        ctx.db
          .prepare(`SELECT count(*) AS n FROM ledger_entries WHERE account_id = ?`)
          .get(accountId) as { n: number }
      ).n;
    expect(() =>
      ctx.db.transaction(() => {
        appendLedgerEntries(
          ctx.db,
          [
            {
              accountId,
              kind: 'charge',
              side: 'patient',
              amount: cents(100),
              postingDate: ctx.clock.today(),
            },
          ],
          { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
        );
        throw new Error('crash midway');
      })(),
    ).toThrow('crash midway');
    expect(count()).toBe(0);
  });
});

describe('reversals', () => {
  const by = () => ({ userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() });
  const post = (entries: NewLedgerEntry[]) =>
    ctx.db.transaction(() => appendLedgerEntries(ctx.db, entries, by()))();

  it('cancel their entry in the aging instead of ageing as new money', () => {
    const { accountId } = addAccount(ctx);
    const today = ctx.clock.today();
    post([
      {
        accountId,
        kind: 'charge',
        side: 'patient',
        amount: cents(5_000),
        postingDate: addDays(today, -50),
      },
    ]);
    const [paymentId] = post([
      {
        accountId,
        kind: 'payment',
        side: 'patient',
        amount: cents(-1_000),
        postingDate: addDays(today, -3),
      },
    ]);
    post([
      {
        accountId,
        kind: 'payment',
        side: 'patient',
        amount: cents(1_000),
        postingDate: today,
        reversesId: paymentId ?? null,
      },
    ]);
    const aging = accountAging(ctx.db, accountId, today);
    expect(aging.patient).toMatchObject({ d31_60: 5_000, current: 0 });
  });

  it('must mirror the original exactly, once, and cannot be reversed themselves', () => {
    const { accountId } = addAccount(ctx);
    const postingDate = ctx.clock.today();
    const [chargeId] = post([
      { accountId, kind: 'charge', side: 'patient', amount: cents(700), postingDate },
    ]);
    const reversal = {
      accountId,
      kind: 'charge' as const,
      side: 'patient' as const,
      postingDate,
      reversesId: chargeId ?? null,
    };
    expect(() => post([{ ...reversal, amount: cents(-600) }])).toThrow(/exact opposite/);
    expect(() => post([{ ...reversal, amount: cents(-700), side: 'insurance' }])).toThrow(
      /exact opposite/,
    );
    const [reversalId] = post([{ ...reversal, amount: cents(-700) }]);
    expect(() => post([{ ...reversal, amount: cents(-700) }])).toThrow(/already been reversed/);
    expect(() =>
      post([{ ...reversal, amount: cents(700), reversesId: reversalId ?? null }]),
    ).toThrow(/cannot itself be reversed/);
    expect(() => post([{ ...reversal, amount: cents(-700), reversesId: NO_SUCH_ENTRY }])).toThrow(
      /does not exist/,
    );
  });
});

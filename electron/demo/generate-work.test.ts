import type { AccountId } from '../../shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import { queueRank } from '../queue/priority';
import { call } from '../testing/call';
import type { TestCtx } from '../testing/test-db';
import { all, buildDemoHospital, n, TODAY } from '../testing/demo-hospital';

/** The demo hospital as work to do: dated up to today, with deadlines, queues, notes and calls. */

let ctx: TestCtx;

beforeAll(() => ({ ctx } = buildDemoHospital()), 60_000);
afterAll(() => ctx.close());

describe('the demo hospital', () => {
  it('dates nothing after today', () => {
    const now = ctx.clock.now();
    const checks: [string, string][] = [
      ['ledger_entries', `posting_date > @today`],
      [
        'accounts',
        `service_date > @today OR discharge_date > @today OR discharge_date < service_date`,
      ],
      ['claim_lines', `service_date > @today`],
      ['claims', `billed_date > @today OR remit_date > @today OR remit_date < billed_date`],
      ['claim_adjustments', `remit_date > @today`],
      ['addresses', `effective_date > @today OR recorded_at > @now`],
      ['people', `deceased_date > @today OR date_of_birth > @today OR created_at > @now`],
      ['activities', `occurred_at > @now`],
      ['follow_ups', `created_at > @now OR completed_at > @now`],
    ];
    for (const [table, where] of checks) {
      expect(
        n(ctx.db, `SELECT count(*) AS n FROM ${table} WHERE ${where}`, { today: TODAY, now }),
        table,
      ).toBe(0);
    }
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts a JOIN people p ON p.id = a.patient_id WHERE a.service_date < p.date_of_birth`,
      ),
    ).toBe(0);
  });

  it("sets each denial follow-up's deadline to the remit date plus the payer's appeal window", () => {
    const rows = all<{ deadline: IsoDate; remit: IsoDate; days: number }>(
      ctx.db,
      `SELECT f.deadline_date AS deadline, c.remit_date AS remit, p.appeal_window_days AS days
       FROM follow_ups f JOIN claims c ON c.id = f.claim_id JOIN payers p ON p.id = c.payer_id
       WHERE f.kind = 'denial' AND f.status = 'open'`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) expect(r.deadline).toBe(addDays(r.remit, r.days));
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE kind = 'denial' AND claim_id IS NULL`),
    ).toBe(0);
  });

  it('fills a work queue: every open balance has a follow-up, many due by today, ranked', () => {
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM accounts a WHERE status = 'open' AND (insurance_balance <> 0 OR patient_balance <> 0)
        AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.account_id = a.id AND f.status = 'open')`,
      ),
    ).toBe(0);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM follow_ups f JOIN accounts a ON a.id = f.account_id WHERE a.status <> 'open' AND f.status = 'open'`,
      ),
    ).toBe(0);
    const open = n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'open'`);
    const due = n(
      ctx.db,
      `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND due_date <= ?`,
      TODAY,
    );
    expect(due / open).toBeGreaterThan(0.35);
    expect(due / open).toBeLessThan(0.85);
    expect(
      n(
        ctx.db,
        `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND (due_date < ? OR due_date > ?)`,
        addDays(TODAY, -60),
        addDays(TODAY, 60),
      ),
    ).toBe(0);
    expect(
      n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND owner_id IS NULL`),
    ).toBeGreaterThan(0);
    expect(n(ctx.db, `SELECT count(*) AS n FROM follow_ups WHERE status = 'done'`)).toBeGreaterThan(
      0,
    );
    const kinds = all<{ kind: string }>(
      ctx.db,
      `SELECT DISTINCT kind FROM follow_ups WHERE status = 'open'`,
    ).map((r) => r.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'account',
        'callback',
        'promise',
        'denial',
        'claim_status',
        'statement',
      ]),
    );

    const rows = all<{
      rank: number;
      balance: number;
      oldestOpenDate: IsoDate | null;
      dueDate: IsoDate;
      deadlineDate: IsoDate | null;
    }>(
      ctx.db,
      `SELECT f.rank, a.insurance_balance + a.patient_balance AS balance, a.oldest_open_date AS oldestOpenDate,
         f.due_date AS dueDate, f.deadline_date AS deadlineDate
       FROM follow_ups f JOIN accounts a ON a.id = f.account_id WHERE f.status = 'open'`,
    );
    for (const r of rows) expect(r.rank).toBe(queueRank(r, TODAY));
  });

  it('records notes and calls with outcomes', () => {
    const calls = all<{ outcome: string | null; party: string | null; direction: string | null }>(
      ctx.db,
      `SELECT DISTINCT outcome, party, direction FROM activities WHERE kind = 'call'`,
    );
    expect(calls.length).toBeGreaterThan(5);
    for (const c of calls) {
      expect(c.outcome).not.toBeNull();
      expect(c.party).not.toBeNull();
      expect(c.direction).not.toBeNull();
    }
    expect(n(ctx.db, `SELECT count(*) AS n FROM activities WHERE kind = 'note'`)).toBeGreaterThan(
      1_000,
    );
    expect(n(ctx.db, `SELECT count(DISTINCT user_id) AS n FROM activities`)).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('starts converted accounts at the stage their history shows, not at a first statement', () => {
    // accounts still owing whose history says a final notice was mailed
    const finals = all<{ id: AccountId; last: string }>(
      ctx.db,
      `SELECT a.id, max(substr(act.occurred_at, 1, 10)) AS last FROM accounts a
         JOIN activities act ON act.account_id = a.id AND act.body LIKE 'Final notice mailed%'
        WHERE a.status = 'open' AND a.patient_balance > 0 GROUP BY a.id`,
    );
    expect(finals.length).toBeGreaterThan(20);
    for (const { id, last } of finals) {
      const dunning = call(ctx, 'getAccountDunning', { accountId: id });
      expect(dunning, `account ${id}`).toMatchObject({
        stage: expect.stringMatching(/^(final_notice|pre_collection)$/),
        statementsSent: 4,
        lastStatementDate: last,
      });
    }
    const stages = all<{ stage: number; sent: number }>(
      ctx.db,
      `SELECT DISTINCT stage, statements_sent AS sent FROM dunning_stages ORDER BY sent, stage`,
    );
    // the count mailed before gives the stage: one step per statement, at most a final notice
    for (const { stage, sent } of stages) expect(stage).toBeLessThanOrEqual(Math.min(sent - 1, 3));
    expect(stages.map((r) => r.sent)).toContain(1);
  });

  it('works through the app: the first queue page and an account open', () => {
    const queue = call(ctx, 'listQueue', {});
    expect(queue.rows).toHaveLength(100);
    expect(queue.total).toBeGreaterThan(500);
    for (const r of queue.rows) expect(r.dueDate <= TODAY).toBe(true);
    const first = queue.rows[0];
    if (!first) throw new Error('empty queue');
    const account = call(ctx, 'getAccount', { accountId: first.accountId });
    expect(account.ledger.length).toBeGreaterThan(0);
    expect(account.balance.total).toBe(first.balance);
  });
});

import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { expectLedgersAgree, owingPatient } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import {
  deductibleJoiningPlan,
  end,
  makePlan,
  owingWithClaimUnpaid,
  pay,
  planAtBothDesks,
  planIdAt,
  plansOf,
  promisesOf,
  serverPlans,
  statementOf,
} from '../testing/office/plans';
import { runDailyWork } from '../upkeep/daily';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf, requireOfficeLink, versionOf } from './gids';
import { notSyncedActions } from './not-synced';
import { firstOutboxEntry, outboxSize } from './outbox';
import { applyEntry } from './server/apply';
import { openPool, type ServerConfig } from './server/connection';

/** One session of a desk's login straight to the server, as a program holding it could open. */
async function sessionOf(config: ServerConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  await client.connect();
  onTestFinished(() => client.end());
  return client;
}

describeWithPg('payment plans and promises to pay across the office', () => {
  it('a plan made at A is on B’s account, paid at B on both, and ended at B ends it at A', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // not on a plan: B would send a dunning statement
    expect(statementOf(b)).toEqual({ plan: false, held: [] });

    makePlan(a, account);
    await syncAll(a, b);
    const [atB] = plansOf(b, account);
    expect(atB).toMatchObject({ status: 'active', monthlyAmount: 5_000, total: 20_000 });
    expect(atB?.installments.map((i) => [i.number, i.dueDate, i.amount])).toEqual([
      [1, '2026-04-01', 5_000],
      [2, '2026-05-01', 5_000],
      [3, '2026-06-01', 5_000],
      [4, '2026-07-01', 5_000],
    ]);
    // B's patient is now on a plan: a plan statement, not a dunning one
    expect(statementOf(b)).toEqual({ plan: true, held: [] });

    // a payment at B counts toward the plan's first installment, on both desks
    pay(b, account, 5_000);
    await syncAll(b, a);
    for (const d of [a, b]) {
      const [plan] = plansOf(d, account);
      expect(plan).toMatchObject({ status: 'active', paid: 5_000, remaining: 15_000 });
      expect(plan?.installments.map((i) => i.status)).toEqual([
        'paid',
        'upcoming',
        'upcoming',
        'upcoming',
      ]);
    }

    // ended at B, which holds the plan only as taken from A: ended at A, back to dunning there
    end(b, account, 'cancelled', 'Patient asked to stop');
    await syncAll(b, a);
    for (const d of [a, b]) {
      expect(plansOf(d, account)[0]).toMatchObject({
        status: 'cancelled',
        endReason: 'Patient asked to stop',
      });
    }
    expect(statementOf(a)).toEqual({ plan: false, held: [] });
    expect(await serverPlans(server)).toEqual([
      { gid: expect.stringMatching(/^[0-9a-f-]{36}:\d+$/), status: 'cancelled', version: 2, n: 4 },
    ]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it('a promise made at A is kept by a payment at B, on both desks', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    call(a.ctx, 'recordPromise', {
      accountId: account,
      kind: 'promise',
      amount: 7_500,
      dueDate: '2026-03-30',
      note: 'Will pay from next paycheck',
    });
    await syncAll(a, b);
    expect(promisesOf(b, account)).toMatchObject([
      { kind: 'promise', amount: 7_500, status: 'open', note: 'Will pay from next paycheck' },
    ]);
    // B holds its statement while the promise is open, as A does
    expect(statementOf(b).held).toEqual(['promise']);

    pay(b, account, 7_500);
    await syncAll(b, a);
    for (const d of [a, b]) {
      expect(promisesOf(d, account)).toMatchObject([{ status: 'kept', paidSince: 7_500 }]);
      expect(statementOf(d).held).toEqual([]);
    }
    // kept is each desk's reading of its ledger: the office keeps the promise as made
    expect(
      await serverRows(server, `SELECT amount::int AS amount, due_date AS "dueDate" FROM promises`),
    ).toEqual([{ amount: 7_500, dueDate: '2026-03-30' }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it('of two desks ending one plan at once, the second is refused and takes the office’s', async () => {
    const { server, a, b, account } = await planAtBothDesks(owingPatient);
    end(a, account, 'broken', 'Stopped paying');
    end(b, account, 'cancelled', 'Moved away');
    await a.sync.sync();
    // the ending went with its note: refused, neither stands at the office
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(plansOf(d, account)[0]).toMatchObject({
        status: 'broken',
        endReason: 'Stopped paying',
      });
    }
    expect(await serverPlans(server)).toMatchObject([{ status: 'broken', version: 2 }]);
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([
      "Someone changed this account's payment plan first at another desktop; this desktop took the office's record of it.",
    ]);
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines).toEqual([
      'Payment plan marked cancelled: Moved away',
      'Change to the payment plan of $50.00 a month; this desktop had it cancelled (Moved away).',
    ]);
    // B's note of its ending was withdrawn with it, and never reached A
    for (const d of [a, b]) {
      expect(
        all(d.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Payment plan marked%'`),
      ).toEqual([{ body: 'Payment plan marked broken: Stopped paying' }]);
    }
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it('of two desks setting up a plan for one account at once, the second is refused', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    makePlan(a, account);
    call(b.ctx, 'createPlan', {
      accountId: account,
      downPayment: 0,
      length: { mode: 'months', months: 2 },
      firstDueDate: '2026-04-15',
      includeNewCharges: false,
    });
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(plansOf(d, account).map((p) => [p.status, p.monthlyAmount])).toEqual([
        ['active', 5_000],
      ]);
      expect(statementOf(d).plan).toBe(true);
    }
    expect(await serverPlans(server)).toMatchObject([{ status: 'active', version: 1 }]);
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      'This account’s payment plan was already set up at another desktop; this plan was withdrawn here and is listed; the office’s comes with the next sync.',
    ]);
  });

  it('a plan paid off by A’s upkeep and ended at once by a person at B ends as the person decided', async () => {
    const { server, a, b, account } = await planAtBothDesks(owingPatient);
    const planAtA = planIdAt(a, account);

    // the whole balance paid at A: its upkeep marks the plan paid off, sending nothing of it
    pay(a, account, 20_000);
    expect(plansOf(a, account)[0]).toMatchObject({ status: 'paid_off', endReason: 'Paid in full' });
    expect(versionOf(a.ctx.db, 'payment_plans', planAtA)).toBe(1);
    const sent = all<{ changes: string }>(a.ctx.db, `SELECT changes FROM outbox`);
    expect(sent.some((e) => e.changes.includes('"payment_plans"'))).toBe(false);
    // B, not knowing, cancels it
    end(b, account, 'cancelled', 'Patient asked to stop');
    await syncAll(a, b);

    // the office has one decision a person made, and both desks show it; the ledger, on
    // both, says nothing is owed, so neither dunns the patient
    for (const d of [a, b]) {
      expect(plansOf(d, account)[0]).toMatchObject({
        status: 'cancelled',
        endReason: 'Patient asked to stop',
        remaining: 0,
      });
      expect(call(d.ctx, 'listStatementCandidates', {}).accounts).toEqual([]);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    expect(await serverPlans(server)).toMatchObject([{ status: 'cancelled', version: 2 }]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([0]);
  });

  it('an entry applied twice changes nothing, and a desk login may not delete or rename', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    makePlan(a, account);
    const entry = firstOutboxEntry(a.ctx.db);
    if (!entry) expect.fail('no entry');
    const pool = openPool(a.config);
    try {
      const { desktopId } = requireOfficeLink(a.ctx.db);
      const sent = { seq: entry.seq, changes: entry.changes };
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
      const logged = await serverRows(server, `SELECT count(*)::int AS n FROM change_log`);
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
      expect(await serverRows(server, `SELECT count(*)::int AS n FROM change_log`)).toEqual(logged);
    } finally {
      await pool.end();
    }
    // the desktop, which never heard the answer, sends it again
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect(outboxSize(a.ctx.db)).toBe(0);
    call(a.ctx, 'recordPromise', { accountId: account, kind: 'extension', dueDate: '2026-04-30' });
    await syncAll(a, b);
    expect(plansOf(b, account)).toHaveLength(1);
    expect(await serverPlans(server)).toMatchObject([{ version: 1, n: 4 }]);

    const asB = await sessionOf(b.config);
    const planGid = gidOf(a.ctx.db, 'payment_plans', planIdAt(a, account));
    for (const t of ['payment_plans', 'promises']) {
      await expect(asB.query(`DELETE FROM ${t}`), t).rejects.toThrow();
      await expect(asB.query(`TRUNCATE ${t}`), t).rejects.toThrow();
    }
    // what names a plan, or what a promise was, is the office's for good
    for (const set of [
      `account_gid = 'base:999'`,
      'plan_number = 2',
      'monthly_amount = 1',
      'paid_before = 0',
    ]) {
      await expect(
        asB.query(`UPDATE payment_plans SET ${set}, version = version + 1 WHERE gid = $1`, [
          planGid,
        ]),
        set,
      ).rejects.toThrow(/permission denied/);
    }
    await expect(asB.query(`UPDATE promises SET amount = 1`)).rejects.toThrow(/permission denied/);
    expect(await serverPlans(server)).toMatchObject([{ status: 'active', version: 1 }]);
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM promises`)).toEqual([{ n: 1 }]);
  });
  it('new charges joining a plan at B reach A with the schedule, whole', async () => {
    // and a $300.00 claim the insurer has yet to pay
    const { server, a, b, account } = await planAtBothDesks(owingWithClaimUnpaid);
    // the insurer pays at B and leaves $50.00 of deductible to the patient: it joins the plan
    deductibleJoiningPlan(b, account);
    await syncAll(b, a);
    for (const d of [a, b]) {
      const [plan] = plansOf(d, account);
      expect(plan).toMatchObject({ status: 'active', total: 25_000, remaining: 25_000 });
      expect(plan?.installments.map((i) => [i.number, i.dueDate, i.amount])).toEqual([
        [1, '2026-04-01', 5_000],
        [2, '2026-05-01', 5_000],
        [3, '2026-06-01', 5_000],
        [4, '2026-07-01', 5_000],
        [5, '2026-08-01', 5_000],
      ]);
    }
    expect(await serverPlans(server)).toMatchObject([{ status: 'active', version: 2, n: 5 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it('a plan late by B’s own reading and ended at A closes B’s late-plan follow-up', async () => {
    const { a, b, account } = await planAtBothDesks(owingPatient);
    // May 1st at B: April's installment is past its grace, by B's own ledger (the day's
    // first request settles every plan, so B is read on that day too)
    const mayAtB = { ...b, ctx: { ...b.ctx, clock: fixedClock(isoDate('2026-05-01')) } };
    runDailyWork(mayAtB.ctx);
    const latePlan = `SELECT count(*) AS n FROM follow_ups WHERE kind = 'plan' AND status = 'open'`;
    expect(all(b.ctx.db, latePlan)).toEqual([{ n: 1 }]);
    expect(plansOf(mayAtB, account)[0]).toMatchObject({ delinquent: true });
    // its own: nothing of it is sent, and the plan's version stays
    expect(outboxSize(b.ctx.db)).toBe(0);
    expect(versionOf(b.ctx.db, 'payment_plans', planIdAt(b, account))).toBe(1);

    end(a, account, 'broken', 'Stopped paying');
    await syncAll(a, b);
    expect(plansOf(mayAtB, account)[0]).toMatchObject({ status: 'broken', delinquent: false });
    expect(all(b.ctx.db, latePlan)).toEqual([{ n: 0 }]);
    expect(all(a.ctx.db, latePlan)).toEqual([{ n: 0 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
  it('a plan of the first copy, ended at B, reaches the office at its ending and ends at A', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, account) => {
      owingPatient(ctx, account);
      makePlan({ ctx }, account);
    });
    const [account] = accountIds as [AccountId];
    expect(statementOf(a)).toEqual({ plan: true, held: [] });
    end(b, account, 'broken', 'Stopped paying');
    await syncAll(b, a);
    expect(plansOf(a, account)[0]).toMatchObject({ status: 'broken', endReason: 'Stopped paying' });
    expect(statementOf(a)).toEqual({ plan: false, held: [] });
    expect(await serverPlans(server)).toEqual([
      { gid: `base:${planIdAt(a, account)}`, status: 'broken', version: 2, n: 4 },
    ]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration069 } from '../db/migrations/069-office-plans-of-older-versions';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { unsentByAnOlderVersion } from '../testing/office/older-version';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

/** A plan set up at the desk. */
const planned = (ctx: Ctx, account: AccountId) =>
  call(ctx, 'createPlan', {
    accountId: account,
    downPayment: 0,
    length: { mode: 'months', months: 4 },
    firstDueDate: '2026-04-01',
    includeNewCharges: false,
  }).id;

/** Work an older version did at a linked desk: the plans and promises it made captured by nothing. */
function asAnOlderVersion<T>(d: Desktop, work: () => T): T {
  const done = work();
  unsentByAnOlderVersion(d.ctx.db, ['payment_plans', 'promises'], 'dropped');
  return done;
}

/** A plan and a promise made by an older version at a linked desk. */
function byAnOlderVersion(
  d: Desktop,
  account: AccountId,
  ctx: Ctx = d.ctx,
): { plan: number; promise: number } {
  return asAnOlderVersion(d, () => ({
    plan: planned(ctx, account),
    promise: call(ctx, 'recordPromise', {
      accountId: account,
      kind: 'extension',
      dueDate: '2026-04-30',
    }).id,
  }));
}

/** The upgrade (migration 69), then the desk's next request, which the outbox seals with. */
function upgrade(d: Desktop, accountId: AccountId): void {
  d.ctx.db.exec(migration069);
  call(d.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
}

const deskOf = (d: Desktop) =>
  oneOrThrow<{ id: string }>(d.ctx.db, `SELECT desktop_id AS id FROM office_link`).id;

const plansOf = (d: Desktop) =>
  all(d.ctx.db, `SELECT id, account_id AS account, status FROM payment_plans ORDER BY id`);

describeWithPg('plans and promises an older version made at a linked desk', () => {
  it("reach the other desk at the upgrade, once, and never land on another desk's plan of that id", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    }
    // both desks, still on the older version, set up a plan each: one local id at both
    const ofA = byAnOlderVersion(a, first);
    const ofB = byAnOlderVersion(b, second);
    expect(ofA).toEqual(ofB);
    await syncAll(a, b);
    expect(plansOf(b)).toEqual([{ id: ofB.plan, account: second, status: 'active' }]);

    // A upgrades and ends its plan: it goes as it now stands, under A's name
    upgrade(a, first);
    expect(gidOf(a.ctx.db, 'payment_plans', ofA.plan)).toBe(`${deskOf(a)}:${ofA.plan}`);
    expect(gidOf(a.ctx.db, 'promises', ofA.promise)).toBe(`${deskOf(a)}:${ofA.promise}`);
    call(a.ctx, 'endPlan', { planId: ofA.plan, status: 'cancelled', reason: 'Moved away' });
    await syncAll(a, b);
    const atB = all(
      b.ctx.db,
      `SELECT account_id AS account, status FROM payment_plans ORDER BY account_id`,
    );
    expect(atB).toEqual([
      { account: first, status: 'cancelled' },
      { account: second, status: 'active' },
    ]);
    expect(all(b.ctx.db, `SELECT account_id AS account FROM promises ORDER BY id`)).toEqual([
      { account: second },
      { account: first },
    ]);

    // B upgrades too, and A applies its upgrade again: each plan and promise once, at both
    upgrade(b, second);
    upgrade(a, first);
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(
        all(
          d.ctx.db,
          `SELECT account_id AS account, status FROM payment_plans ORDER BY account_id`,
        ),
      ).toEqual(atB);
      expect(all(d.ctx.db, `SELECT count(*) AS n FROM promises`)).toEqual([{ n: 2 }]);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM payment_plans`)).toEqual([
      { n: 2 },
    ]);
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM promises`)).toEqual([{ n: 2 }]);
  });

  it("a plan of a number the office has is refused and listed, the office's taken", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // the older version at A and B's new one each set up the account's first plan
    byAnOlderVersion(a, first);
    planned(b.ctx, first);
    await syncAll(b, a);

    upgrade(a, second);
    await syncAll(a, b);
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(/^This account’s payment plan was already set up at another desktop/),
    ]);
    const [office] = await serverRows<{ gid: string }>(server, `SELECT gid FROM payment_plans`);
    for (const d of [a, b]) {
      const plans = all<{ id: number }>(d.ctx.db, `SELECT id FROM payment_plans`);
      expect(plans.map((p) => gidOf(d.ctx.db, 'payment_plans', p.id))).toEqual([office?.gid]);
    }
    // the promise, refused by nothing, went
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM promises`)).toEqual([{ n: 1 }]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
  });

  it("an account's plans go together: refused with the first, none stands beside the office's", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // the older version at A set up the account's plan, ended it and set up a second; B's
    // new one set up the account's first
    asAnOlderVersion(a, () => {
      const one = planned(a.ctx, first);
      call(a.ctx, 'endPlan', { planId: one, status: 'cancelled', reason: 'Redone' });
      planned(a.ctx, first);
    });
    planned(b.ctx, first);
    await syncAll(b, a);

    upgrade(a, second);
    await syncAll(a, b);
    await syncAll(a, b);
    // the office holds one plan of the account, B's, and both desks hold it alone
    expect(await serverRows(server, `SELECT plan_number AS n, status FROM payment_plans`)).toEqual([
      { n: 1, status: 'active' },
    ]);
    const [office] = await serverRows<{ gid: string }>(server, `SELECT gid FROM payment_plans`);
    for (const d of [a, b]) {
      const plans = all<{ id: number; status: string }>(
        d.ctx.db,
        `SELECT id, status FROM payment_plans WHERE account_id = ?`,
        first,
      );
      expect(plans.map((p) => [gidOf(d.ctx.db, 'payment_plans', p.id), p.status])).toEqual([
        [office?.gid, 'active'],
      ]);
    }
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(/^This account’s payment plan was already set up at another desktop/),
    ]);
  });

  it('a plan the first copy made before the link stays as it was, a later one sent', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, (ctx, account) => {
      owing(ctx, account);
      if (account === 1) planned(ctx, account);
    });
    const [first, second] = accountIds as [AccountId, AccountId];
    // linked after the first copy's plan (made at 15:00), before the older version's
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T15:30:00.000Z`);
    const later = { ...a.ctx, clock: fixedClock(TEST_TODAY, '16:00:00.000Z') };
    const ofA = byAnOlderVersion(a, second, later);
    await syncAll(a, b);

    upgrade(a, second);
    await syncAll(a, b);
    const [firstCopy] = all<{ id: number }>(
      a.ctx.db,
      `SELECT id FROM payment_plans WHERE account_id = ?`,
      first,
    );
    expect(gidOf(a.ctx.db, 'payment_plans', firstCopy?.id ?? 0)).toBe(`base:${firstCopy?.id}`);
    expect(await serverRows(server, `SELECT gid FROM payment_plans`)).toEqual([
      { gid: `${deskOf(a)}:${ofA.plan}` },
    ]);
    expect(
      all(b.ctx.db, `SELECT account_id AS account FROM payment_plans ORDER BY account_id`),
    ).toEqual([{ account: first }, { account: second }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});

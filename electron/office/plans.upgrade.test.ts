import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, run } from '../db/query';
import { migration063Own } from '../db/migrations/063-plans-from-the-office';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

/** A plan and a promise made by an older version at a linked desk: captured by nothing. */
function byAnOlderVersion(d: Desktop, account: AccountId): { plan: number; promise: number } {
  const plan = call(d.ctx, 'createPlan', {
    accountId: account,
    downPayment: 0,
    length: { mode: 'months', months: 4 },
    firstDueDate: '2026-04-01',
    includeNewCharges: false,
  }).id;
  const promise = call(d.ctx, 'recordPromise', {
    accountId: account,
    kind: 'extension',
    dueDate: '2026-04-30',
  }).id;
  run(d.ctx.db, `DELETE FROM sync_rows WHERE tbl IN ('payment_plans', 'promises')`);
  for (const e of all<{ seq: number; changes: string }>(
    d.ctx.db,
    `SELECT seq, changes FROM outbox`,
  )) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => c.tbl !== 'payment_plans' && c.tbl !== 'promises');
    run(d.ctx.db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
  return { plan, promise };
}

const plansOf = (d: Desktop) =>
  all(d.ctx.db, `SELECT id, account_id AS account, status FROM payment_plans ORDER BY id`);

describeWithPg('plans and promises an older version made at a linked desk', () => {
  it("stay the desk's own at the upgrade, and never land on another desk's plan of that id", async () => {
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

    // A upgrades, and ends its plan
    a.ctx.db.exec(migration063Own());
    expect(gidOf(a.ctx.db, 'payment_plans', ofA.plan)).toBe(`own:${ofA.plan}`);
    expect(gidOf(a.ctx.db, 'promises', ofA.promise)).toBe(`own:${ofA.promise}`);
    call(a.ctx, 'endPlan', { planId: ofA.plan, status: 'cancelled', reason: 'Moved away' });
    await syncAll(a, b);

    // the ending stayed at A, with its plan; B's plan of that id stands as B made it
    expect(await serverRows(server, `SELECT gid FROM payment_plans`)).toEqual([]);
    expect(await serverRows(server, `SELECT gid FROM promises`)).toEqual([]);
    expect(plansOf(a)).toEqual([{ id: ofA.plan, account: first, status: 'cancelled' }]);
    expect(plansOf(b)).toEqual([{ id: ofB.plan, account: second, status: 'active' }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { all, oneOrThrow, run } from '../db/query';
import { migration060 } from '../db/migrations/060-bad-debt-moves-from-the-office';
import { migration067 } from '../db/migrations/067-office-collections-of-older-versions';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { unsentByAnOlderVersion } from '../testing/office/older-version';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

/** A move made by an older version at a linked desk: captured by nothing, sent with nothing. */
function movedByAnOlderVersion(d: Desktop, account: AccountId, approver: UserId): number {
  const asked = call(d.ctx, 'requestBadDebt', { accountId: account, memo: 'No contact' });
  call({ ...d.ctx, userId: approver }, 'decideAdjustment', {
    requestId: asked.pendingRequest?.id ?? 0,
    decision: 'approve',
    note: 'Uncollectible',
  });
  const [move] = all<{ id: number }>(d.ctx.db, `SELECT id FROM bad_debt_moves`);
  if (!move) throw new Error('no move');
  unsentByAnOlderVersion(d.ctx.db, ['bad_debt_moves'], 'kept');
  return move.id;
}

describeWithPg('moves to bad debt an older version made at a linked desk', () => {
  it("are named by the desk at the upgrade, and never land on another desk's move of that id", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, supervisorsOwing);
    const [first, second] = accountIds as [AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    }
    // both desks, still on the older version, move an account each: one local id at both
    const ofA = movedByAnOlderVersion(a, first, b.ctx.userId);
    const ofB = movedByAnOlderVersion(b, second, a.ctx.userId);
    expect(ofA).toBe(ofB);
    await syncAll(a, b);

    // A upgrades (migration 60 makes the table again, so its capture triggers come back at
    // the open after the migrations), and undoes its move
    a.ctx.db.exec(migration060);
    a.ctx.db.exec(migration067);
    keepCaptureWithLink(a.ctx.db);
    const desk = oneOrThrow<{ id: string }>(a.ctx.db, `SELECT desktop_id AS id FROM office_link`);
    expect(gidOf(a.ctx.db, 'bad_debt_moves', ofA)).toBe(`${desk.id}:${ofA}`);
    call(a.ctx, 'undoBadDebt', { accountId: first, reason: 'Estate paid' });
    await syncAll(a, b);

    // A's move went as it now stands, undone, under its own name: B's of that id stands
    expect(
      await serverRows(server, `SELECT gid, undone_at IS NOT NULL AS undone FROM bad_debt_moves`),
    ).toEqual([{ gid: `${desk.id}:${ofA}`, undone: true }]);
    const atB = all(
      b.ctx.db,
      `SELECT account_id AS account, undone_at IS NOT NULL AS undone FROM bad_debt_moves ORDER BY account_id`,
    );
    expect(atB).toEqual([
      { account: first, undone: 1 },
      { account: second, undone: 0 },
    ]);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT id, status FROM accounts ORDER BY id`)).toEqual([
        { id: first, status: 'open' },
        { id: second, status: 'bad_debt' },
      ]);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    await expectLedgersAgree(server, a, b);
  });
});

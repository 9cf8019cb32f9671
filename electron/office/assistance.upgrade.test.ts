import { expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { all, one, oneOrThrow, run } from '../db/query';
import { migration064 } from '../db/migrations/064-office-assistance';
import { call, callAsync } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, supervisorsOwingWithLetterhead } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { unsentByAnOlderVersion } from '../testing/office/older-version';
import { createTestCtx, TEST_TODAY } from '../testing/test-db';
import { withCaptureOff } from './capture';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

/** What an older version left of a table's rows: captured by nothing, sent with nothing. */
const asAnOlderVersion = (d: Desktop, tbl: 'assistance_applications' | 'eca_notices') =>
  unsentByAnOlderVersion(d.ctx.db, [tbl], 'kept');

const applicationsOf = (d: Desktop) =>
  all<{ id: number; account: number; status: string }>(
    d.ctx.db,
    `SELECT id, account_id AS account, status FROM assistance_applications ORDER BY id`,
  );

/** The upgrade (migration 64), then the desk's next request, which the outbox seals with. */
function upgrade(d: Desktop, accountId: AccountId): void {
  d.ctx.db.exec(migration064);
  keepCaptureWithLink(d.ctx.db);
  call(d.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
}

describeWithPg('financial assistance an older version recorded at a linked desk', () => {
  it('a waiting application travels at the upgrade, two of one local id both stand; a notice stays', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, supervisorsOwingWithLetterhead);
    const [first, second] = accountIds as [AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    }
    // both desks, still on the older version, receive an application each: one local id at both
    call(a.ctx, 'receiveAssistanceApplication', {
      accountId: first,
      receivedOn: isoDate('2026-03-10'),
    });
    call(b.ctx, 'receiveAssistanceApplication', {
      accountId: second,
      receivedOn: isoDate('2026-03-11'),
    });
    // and A sends a notice on its other account
    await callAsync(a.ctx, 'generateStatement', { accountId: second });
    await callAsync(a.ctx, 'sendEcaNotice', { accountId: second });
    for (const d of [a, b]) asAnOlderVersion(d, 'assistance_applications');
    asAnOlderVersion(a, 'eca_notices');
    const [ofA] = applicationsOf(a);
    const [ofB] = applicationsOf(b);
    const id = ofA?.id ?? 0;
    expect(ofB?.id).toBe(id);
    await syncAll(a, b);
    expect(applicationsOf(b)).toEqual([{ id, account: second, status: 'pending' }]);

    // A upgrades and syncs: B sees the patient at A has applied
    upgrade(a, second);
    await syncAll(a, b);
    expect(applicationsOf(b)).toEqual([
      { id, account: second, status: 'pending' },
      { id: expect.any(Number), account: first, status: 'pending' },
    ]);
    const notice = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM eca_notices`).id;
    expect(gidOf(a.ctx.db, 'eca_notices', notice)).toBe(`own:${notice}`);

    // B upgrades; A decides its application, which now lands on that one at B
    upgrade(b, first);
    call(a.ctx, 'decideAssistanceApplication', {
      applicationId: id,
      decision: 'eligible',
      discountedAmount: 5_000,
      note: 'Household of four',
    });
    await syncAll(a, b);
    const statuses = (d: Desktop) =>
      applicationsOf(d)
        .map((x) => [x.account, x.status])
        .sort();
    for (const d of [a, b]) {
      expect(statuses(d)).toEqual([
        [first, 'eligible'],
        [second, 'pending'],
      ]);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    expect(await serverRows(server, `SELECT gid FROM assistance_applications`)).toHaveLength(2);
    expect(await serverRows(server, `SELECT gid FROM eca_notices`)).toEqual([]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance).sort((x, y) => x - y)).toEqual([5_000, 20_000]);

    // the sync worker (the capture off) may withdraw a notice; nobody else, linked or not
    expect(() => run(a.ctx.db, `DELETE FROM eca_notices`)).toThrow(/kept as sent/);
    withCaptureOff(a.ctx.db, () => run(a.ctx.db, `DELETE FROM eca_notices`));
    expect(one(a.ctx.db, `SELECT id FROM eca_notices`)).toBeUndefined();
    const standalone = createTestCtx();
    try {
      standalone.db.exec(`PRAGMA foreign_keys = OFF`);
      run(
        standalone.db,
        `INSERT INTO eca_notices (account_id, document_id, sent_on, deadline, created_at, created_by)
           VALUES (1, 1, '2026-03-16', '2026-07-14', 'now', 1)`,
      );
      expect(() => run(standalone.db, `DELETE FROM eca_notices`)).toThrow(/kept as sent/);
    } finally {
      standalone.close();
    }
  });
});

import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { migration076 } from '../db/migrations/076-adjustment-requests-from-the-office';
import { addAccount } from '../testing/builders';
import { call } from '../testing/call';
import {
  as,
  askWriteOff,
  asAnOlderVersion,
  linkedAfterAWaitingWriteOff,
  officeWithAWaitingWriteOff,
  upgrade,
  writeOffs,
} from '../testing/office/approvals';
import { syncAll, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx } from '../testing/test-db';
import { gidOf } from './gids';

/** The desk's requests by office-wide id: what they ask, their state, what they posted. */
const requests = (d: Desktop) =>
  all<{ id: number; amount: number; status: string; posted: number | null }>(
    d.ctx.db,
    `SELECT id, amount, status, ledger_entry_id AS posted FROM adjustment_requests ORDER BY id`,
  ).map((r) => ({
    gid: gidOf(d.ctx.db, 'adjustment_requests', r.id),
    amount: r.amount,
    status: r.status,
    posted: r.posted === null ? null : gidOf(d.ctx.db, 'ledger_entries', r.posted),
  }));

describeWithPg('requests waiting for approval an older version filed at a linked desk', () => {
  it('a waiting one and a first-copy decision travel at the upgrade; one decided here stays', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await linkedAfterAWaitingWriteOff(server, 2);
    const [first, second] = accountIds as [AccountId, AccountId];
    const [base] = requests(a);
    // A, still on the older version: Dana approves the first copy's request; a representative
    // asks for another write-off, and for a third that Dana approves there and then
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: 1,
      decision: 'approve',
      note: 'Agreed.',
    });
    askWriteOff(a.ctx, second, 6_000);
    const decidedHere = askWriteOff(a.ctx, first, 5_500);
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: decidedHere,
      decision: 'approve',
      note: 'Agreed.',
    });
    asAnOlderVersion(a);
    upgrade(a);
    await syncAll(a, b);

    // B sees the waiting one to decide, and the first copy's as decided at A, posted once
    const atA = requests(a);
    expect(atA).toHaveLength(3);
    expect(atA[2]?.gid).toMatch(/^own:/);
    expect(requests(b)).toEqual([
      { ...base, status: 'approved', posted: atA[0]?.posted },
      { gid: atA[1]?.gid, amount: 6_000, status: 'pending', posted: null },
    ]);
    expect(atA[1]?.gid).toMatch(/^[0-9a-f-]{36}:\d+$/);
    expect(call(as(b, 'lee.park'), 'listAdjustmentRequests', {})).toMatchObject([
      { accountId: second, amount: 6_000 },
    ]);
    // every posting reached B when it was made, and none twice
    expect(writeOffs(b)).toEqual(writeOffs(a));
    expect(writeOffs(b)).toHaveLength(2);

    // decided at B, it is approved at A, its write-off posted once
    const waiting = oneOrThrow<{ id: number }>(
      b.ctx.db,
      `SELECT id FROM adjustment_requests WHERE status = 'pending'`,
    ).id;
    call(as(b, 'lee.park'), 'decideAdjustment', { requestId: waiting, decision: 'approve' });
    await syncAll(b, a);
    expect(requests(a)[1]).toMatchObject({ status: 'approved', posted: requests(b)[1]?.posted });
    expect(writeOffs(a)).toHaveLength(3);
    await expectLedgersAgree(server, a, b);
    // applied again, the upgrade sends nothing more
    upgrade(a);
    expect(all(a.ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
  });

  it('a first-copy request decided under the older version at two desks: the second listed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await linkedAfterAWaitingWriteOff(server);
    call(as(a, 'dana.reyes'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
    call(as(b, 'lee.park'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
    for (const d of [a, b]) asAnOlderVersion(d);
    upgrade(a);
    await syncAll(a);
    upgrade(b);
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    // both postings stand (they went when they were made); B says so, and holds Dana's decision
    expect(writeOffs(a)).toHaveLength(2);
    const decided = (d: Desktop) =>
      all(
        d.ctx.db,
        `SELECT u.username AS who FROM adjustment_requests r JOIN users u ON u.id = r.decided_by`,
      );
    for (const d of [a, b]) expect(decided(d)).toEqual([{ who: 'dana.reyes' }]);
    expect(all(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This write-off of $60.00 was already approved by Dana Reyes at another desktop; this desktop’s approval, made before it was updated, is listed; what it posted reached the office then and stands, so check the account’s ledger and reverse what was posted twice. The office’s decision comes with the next sync.',
      },
    ]);
    await expectLedgersAgree(server, a, b);
  });

  it('changes nothing on a standalone desk', () => {
    const ctx = createTestCtx();
    officeWithAWaitingWriteOff(ctx, addAccount(ctx).accountId);
    expect(all(ctx.db, `SELECT status FROM adjustment_requests`)).toEqual([{ status: 'pending' }]);
    ctx.db.exec(migration076);
    expect(all(ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(all(ctx.db, `SELECT * FROM sync_rows`)).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration076 } from '../db/migrations/076-adjustment-requests-from-the-office';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx, TEST_TODAY } from '../testing/test-db';
import { writeBillingRules } from '../rules/billing-rules';
import { ensureUser } from '../users/users';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { changes as changesSchema } from './wire';

/** A representative's write-off over the $50.00 limit, which waits; its request id. */
function askWriteOff(ctx: Ctx, account: AccountId, amount: number): number {
  const asked = call(ctx, 'postAdjustment', {
    accountId: account,
    side: 'patient',
    amount,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Small balance',
  });
  if (asked.status !== 'pending_approval' || asked.requestId === null) {
    expect.fail('the write-off did not wait for approval');
  }
  return asked.requestId;
}

/**
 * Dana Reyes and Lee Park the supervisors, the patient owing $200.00, the limit $50.00; the
 * first account holds a write-off of $60.00 waiting in the first copy, asked before the link.
 */
function office(ctx: Ctx, account: AccountId): void {
  owing(ctx, account);
  for (const [name, shown] of [
    ['dana.reyes', 'Dana Reyes'],
    ['lee.park', 'Lee Park'],
  ] as const) {
    makeSupervisor(ctx, ensureUser(ctx.db, name, shown, ctx.clock.now()));
  }
  writeBillingRules(
    ctx.db,
    { writeOffApprovalLimit: cents(5_000) },
    { userId: ctx.userId, now: ctx.clock.now() },
  );
  if (oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM accounts`).n > 1) return;
  const id = askWriteOff(ctx, account, 6_000);
  run(
    ctx.db,
    `UPDATE adjustment_requests SET requested_at = ? WHERE id = ?`,
    `${TEST_TODAY}T08:00:00.000Z`,
    id,
  );
}

const as = (d: Desktop, username: string): Ctx => ({
  ...d.ctx,
  userId: oneOrThrow<{ id: UserId }>(d.ctx.db, `SELECT id FROM users WHERE username = ?`, username)
    .id,
});

/** What an older version left of requests: captured by nothing, sent with nothing. */
function asAnOlderVersion(d: Desktop): void {
  run(d.ctx.db, `DELETE FROM sync_rows WHERE tbl = 'adjustment_requests'`);
  for (const e of all<{ seq: number; changes: string }>(
    d.ctx.db,
    `SELECT seq, changes FROM outbox`,
  )) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => c.tbl !== 'adjustment_requests');
    run(d.ctx.db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
}

/** The upgrade (migration 76), its triggers put right at the next open. */
function upgrade(d: Desktop): void {
  d.ctx.db.exec(migration076);
  keepCaptureWithLink(d.ctx.db);
}

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

const writeOffs = (d: Desktop) =>
  all<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE' ORDER BY id`,
  ).map((r) => gidOf(d.ctx.db, 'ledger_entries', r.id));

describeWithPg('requests waiting for approval an older version filed at a linked desk', () => {
  it('a waiting one and a first-copy decision travel at the upgrade; one decided here stays', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, office);
    const [first, second] = accountIds as [AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T09:00:00.000Z`);
    }
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
    const { a, b } = await twoDesktops(server, 1, office);
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T09:00:00.000Z`);
    }
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
    office(ctx, addAccount(ctx).accountId);
    expect(all(ctx.db, `SELECT status FROM adjustment_requests`)).toEqual([{ status: 'pending' }]);
    ctx.db.exec(migration076);
    expect(all(ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(all(ctx.db, `SELECT * FROM sync_rows`)).toEqual([]);
  });
});

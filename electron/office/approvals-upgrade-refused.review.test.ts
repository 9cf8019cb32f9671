import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration076 } from '../db/migrations/076-adjustment-requests-from-the-office';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { writeBillingRules } from '../rules/billing-rules';
import { ensureUser } from '../users/users';
import { keepCaptureWithLink } from './capture-triggers';
import { changes as changesSchema } from './wire';

/*
 * Found in review: a first-copy request approved at a desk under the older version: its
 * write-off went to the office then, its decision did not (requests did not travel). Another desk, on this version,
 * still sees the request waiting and a supervisor there refuses it (the write-off it asked for
 * is on the ledger already, or they simply disagree). At the older desk's upgrade its approval
 * is refused as decided already, and `decidedAlready` words it for an approval decided twice,
 * whatever the office decided: "what it posted reached the office then and stands, so check
 * the account's ledger and reverse what was posted twice". Nothing was posted twice: the one
 * write-off stands while the office holds the request refused. A person told to reverse "what
 * was posted twice" finds one write-off, and nobody is told that a write-off the office's
 * supervisor refused stands on the account. Now it says that write-off stands against the
 * office's refusal, to be reversed if the refusal holds.
 */

/** Dana Reyes and Lee Park the supervisors; a $60.00 write-off over the $50.00 limit waits. */
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
  const asked = call(ctx, 'postAdjustment', {
    accountId: account,
    side: 'patient',
    amount: 6_000,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Small balance',
  });
  if (asked.requestId === null) expect.fail('the write-off did not wait');
  run(
    ctx.db,
    `UPDATE adjustment_requests SET requested_at = ? WHERE id = ?`,
    `${TEST_TODAY}T08:00:00.000Z`,
    asked.requestId,
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

const writeOffs = (d: Desktop) =>
  all(d.ctx.db, `SELECT amount FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE'`);

describeWithPg('a first-copy request approved under the older version, refused since', () => {
  it('is listed at its desk as what it is: posted once, and refused by the office', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T09:00:00.000Z`);
    }
    // B, on the older version: Lee approves; the write-off reaches the office, the decision not
    call(as(b, 'lee.park'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
    asAnOlderVersion(b);
    expect(await b.sync.push()).toEqual({ accepted: 1, refused: 0 });
    await syncAll(a);
    expect(writeOffs(a)).toEqual([{ amount: -6_000 }]);
    // A, on this version, still holds it waiting: Dana refuses it
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: 1,
      decision: 'reject',
      note: 'Call the patient first.',
    });
    await syncAll(a);
    // B upgrades: its approval is sent, and refused as decided already
    b.ctx.db.exec(migration076);
    keepCaptureWithLink(b.ctx.db);
    // noted at the upgrade, sealed at the next take (nothing else was left to send)
    await b.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    // the office: the request refused, one write-off standing
    expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([
      { status: 'rejected' },
    ]);
    for (const d of [a, b]) expect(writeOffs(d)).toEqual([{ amount: -6_000 }]);
    await expectLedgersAgree(server, a, b);
    const [listed] = all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`);
    // one write-off stands against the office's refusal: not "posted twice", but the truth
    expect(listed?.reason).not.toMatch(/posted twice/);
    expect(listed?.reason).toMatch(
      /already refused by .* the \$60\.00 it posted reached the office then and stands although the office refused the request: reverse it if the refusal holds/,
    );
  });
});

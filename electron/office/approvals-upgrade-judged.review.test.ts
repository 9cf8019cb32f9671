import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration076 } from '../db/migrations/076-adjustment-requests-from-the-office';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { writeBillingRules } from '../rules/billing-rules';
import { ensureUser } from '../users/users';
import { keepCaptureWithLink } from './capture-triggers';
import { changes as changesSchema } from './wire';

/*
 * Found in review: a first-copy request approved at a desk under the older version posted its
 * write-off then (the write-off reached the office; the decision did not, requests did not
 * travel). At the upgrade the decision is sent from version 1, and the office refuses it when
 * it no longer knows the approver as an active supervisor (the supervisor left and was
 * deactivated at another desk meanwhile). The office holds no row of the request, and the
 * refused entry inserted nothing, so `withdrawInserted` answers true and
 * `settleRefusedRequests` puts the request back to waiting, its write-off unlinked, although
 * that write-off stands on the ledger (it went out long before this entry). A supervisor at
 * that desk then approves it again and $60.00 is written off twice. The request should keep
 * its decision beside the posting that stands, listed, as requests.ts itself says of a kept
 * posting.
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

const userOf = (d: Desktop, username: string) =>
  oneOrThrow<{ id: UserId }>(d.ctx.db, `SELECT id FROM users WHERE username = ?`, username).id;

const as = (d: Desktop, username: string): Ctx => ({ ...d.ctx, userId: userOf(d, username) });

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

describeWithPg(
  'a first-copy request approved under the older version by a supervisor since deactivated',
  () => {
    it('keeps its decision beside the write-off that stands, and is not approved again', async () => {
      const server = await createServerDatabase();
      const { a, b } = await twoDesktops(server, 1, office);
      for (const d of [a, b]) {
        run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T09:00:00.000Z`);
      }
      // B, on the older version: Lee approves; the write-off reaches the office, the decision not
      call(as(b, 'lee.park'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
      asAnOlderVersion(b);
      expect(await b.sync.push()).toEqual({ accepted: 1, refused: 0 });
      // Lee leaves the office: Dana deactivates him at A
      call(as(a, 'dana.reyes'), 'saveUser', {
        userId: userOf(a, 'lee.park'),
        displayName: 'Lee Park',
        role: 'supervisor',
        active: false,
      });
      await syncAll(a);
      expect(writeOffs(a)).toEqual([{ amount: -6_000 }]);
      // B upgrades: its approval is sent, and refused (Lee is not an active supervisor now)
      b.ctx.db.exec(migration076);
      keepCaptureWithLink(b.ctx.db);
      await b.sync.sync();
      await syncAll(b, a);
      expect(all(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
        { reason: expect.stringMatching(/^Only a supervisor can/) },
      ]);
      expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([]);
      expect(writeOffs(b)).toEqual([{ amount: -6_000 }]);

      // Dana, at B, sees it waiting and approves it: a second $60.00 write-off
      try {
        call(as(b, 'dana.reyes'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
      } catch {
        // refused as decided already: what should happen
      }
      expect(writeOffs(b)).toEqual([{ amount: -6_000 }]);
    });
  },
);

import { expect, it } from 'vitest';
import { all } from '../db/query';
import { call } from '../testing/call';
import {
  approvedByLeeUnderTheOlderVersion,
  as,
  linkedAfterAWaitingWriteOff,
  upgrade,
  writeOffAmounts,
  userOf,
} from '../testing/office/approvals';
import { syncAll } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

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

describeWithPg(
  'a first-copy request approved under the older version by a supervisor since deactivated',
  () => {
    it('keeps its decision beside the write-off that stands, and is not approved again', async () => {
      const server = await createServerDatabase();
      const { a, b } = await linkedAfterAWaitingWriteOff(server);
      await approvedByLeeUnderTheOlderVersion(b);
      // Lee leaves the office: Dana deactivates him at A
      call(as(a, 'dana.reyes'), 'saveUser', {
        userId: userOf(a, 'lee.park'),
        displayName: 'Lee Park',
        role: 'supervisor',
        active: false,
      });
      await syncAll(a);
      expect(writeOffAmounts(a)).toEqual([{ amount: -6_000 }]);
      // B upgrades: its approval is sent, and refused (Lee is not an active supervisor now)
      upgrade(b);
      await b.sync.sync();
      await syncAll(b, a);
      expect(all(b.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
        { reason: expect.stringMatching(/^Only a supervisor can/) },
      ]);
      expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([]);
      expect(writeOffAmounts(b)).toEqual([{ amount: -6_000 }]);

      // Dana, at B, sees it waiting and approves it: a second $60.00 write-off
      try {
        call(as(b, 'dana.reyes'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
      } catch {
        // refused as decided already: what should happen
      }
      expect(writeOffAmounts(b)).toEqual([{ amount: -6_000 }]);
    });
  },
);

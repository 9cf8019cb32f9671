import { expect, it } from 'vitest';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import {
  claimStatus,
  import277,
  serverClaim,
  withBilledClaim,
} from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

/*
 * Found in review: one 277 imported at two desks before either synced: the second desk's
 * claim change is refused on its version and kept dismissed, "Nothing to redo"
 * (take-refused.ts, heardAtTheOffice). But every later entry of that desk that changes the same claim is refused
 * with it as a follower ("Not sent: it builds on an earlier action of yours that was not
 * synced."), though what it built on is at the office: the same file's status, from the other
 * desk. So the payer's next word on the claim, imported at the second desk before it synced (a
 * rejection the next morning), never reaches the office: every desk shows the claim
 * acknowledged while its fix-and-resubmit follow-up and history say it was rejected, and the
 * one listed line points at an earlier action the list does not show. The later entry now
 * goes out from the office's state of the claim.
 */
describeWithPg('one 277 imported at two desks, and the payer’s next 277 at the second', () => {
  it('the next 277’s rejection reaches the office, nothing listed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // the clearinghouse's acknowledgment, fetched at both desks while neither had synced
    import277(a, 'K-100', 'A2:20:PR', '000000091');
    import277(b, 'K-100', 'A2:20:PR', '000000091');
    // and its rejection of the claim, the next file, fetched at B before B synced
    import277(b, 'K-100', 'A7:21:85', '000000092');
    expect(claimStatus(b.ctx)).toBe('rejected');
    await syncAll(a, b);
    await syncAll(a, b);

    // the rejection's follow-up landed at the office: a person will fix and resubmit K-100
    expect(await serverRows(server, `SELECT kind, status FROM follow_ups`)).toContainEqual({
      kind: 'claim_status',
      status: 'open',
    });
    // and the office, and so A and B, hold the claim rejected
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ status: 'rejected' }]);
    for (const d of [a, b]) expect(claimStatus(d.ctx)).toBe('rejected');
    expect(
      await serverRows(server, `SELECT category FROM claim_status_events ORDER BY category`),
    ).toEqual([{ category: 'A2' }, { category: 'A7' }]);
    // and B's list shows nothing: the first refusal was kept dismissed, nothing to redo
    expect(call(b.ctx, 'listNotSynced', {}).actions).toEqual([]);
  });
});

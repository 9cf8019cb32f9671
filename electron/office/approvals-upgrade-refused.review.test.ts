import { expect, it } from 'vitest';
import { all } from '../db/query';
import { call } from '../testing/call';
import {
  approvedByLeeUnderTheOlderVersion,
  as,
  linkedAfterAWaitingWriteOff,
  upgrade,
  writeOffAmounts,
} from '../testing/office/approvals';
import { syncAll } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

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

describeWithPg('a first-copy request approved under the older version, refused since', () => {
  it('is listed at its desk as what it is: posted once, and refused by the office', async () => {
    const server = await createServerDatabase();
    const { a, b } = await linkedAfterAWaitingWriteOff(server);
    await approvedByLeeUnderTheOlderVersion(b);
    await syncAll(a);
    expect(writeOffAmounts(a)).toEqual([{ amount: -6_000 }]);
    // A, on this version, still holds it waiting: Dana refuses it
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: 1,
      decision: 'reject',
      note: 'Call the patient first.',
    });
    await syncAll(a);
    // B upgrades: its approval is sent, and refused as decided already
    upgrade(b);
    // noted at the upgrade, sealed at the next take (nothing else was left to send)
    await b.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    // the office: the request refused, one write-off standing
    expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([
      { status: 'rejected' },
    ]);
    for (const d of [a, b]) expect(writeOffAmounts(d)).toEqual([{ amount: -6_000 }]);
    await expectLedgersAgree(server, a, b);
    const [listed] = all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced`);
    // one write-off stands against the office's refusal: not "posted twice", but the truth
    expect(listed?.reason).not.toMatch(/posted twice/);
    expect(listed?.reason).toMatch(
      /already refused by .* the \$60\.00 it posted reached the office then and stands although the office refused the request: reverse it if the refusal holds/,
    );
  });
});

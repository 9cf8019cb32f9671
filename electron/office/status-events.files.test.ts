import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import {
  askForDocuments,
  claimStatus,
  import277,
  import277OfBoth,
  serverClaim,
  withBilledClaim,
  withTwoBilledClaims,
} from '../testing/office/claim-changes';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

/** A claim's status history as a desk shows it: each code once per 277 that said it. */
const history = (ctx: Ctx, claim = 'K-100') =>
  all<{ status: string }>(
    ctx.db,
    `SELECT e.category || ':' || ifnull(e.status_code, '') AS status
       FROM claim_status_events e JOIN claims c ON c.id = e.claim_id
      WHERE c.claim_number = ? ORDER BY e.recorded_at, e.id`,
    claim,
  ).map((e) => e.status);

describeWithPg("a 277's status events: one 277 file at two desks, and a file of two claims", () => {
  it('the same 277 imported at a second desk after the first synced keeps the history once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // the clearinghouse's file, fetched at A and synced
    import277(a, 'K-100', 'A2:20:PR', '000000031');
    await syncAll(a, b);
    expect(history(b.ctx)).toEqual(['A2:20']);
    // B imports the very same file: new to B, and the claim is acknowledged there already, so
    // no claim change carries the events: they go with the note and the office takes them a
    // second time
    import277(b, 'K-100', 'A2:20:PR', '000000031');
    await syncAll(b, a);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
    expect(history(a.ctx)).toEqual(['A2:20']);
    expect(history(b.ctx)).toEqual(['A2:20']);
  });

  it('the same 277 imported twice at one desk adds its events to the office once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000035');
    // the same file imported again, same name and bytes: taken in again, not seen as imported
    import277(a, 'K-100', 'A2:20:PR', '000000035');
    await syncAll(a, b);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
    expect(history(b.ctx)).toEqual(['A2:20']);
  });

  it("one claim of a 277 changed first at another desk leaves the file's other claims' status and history standing", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withTwoBilledClaims);
    // A hears about K-100 alone, and sends it
    import277(a, 'K-100', 'A2:20:PR', '000000041');
    await a.sync.sync();
    // B's clearinghouse file acknowledges both claims; nobody else touched K-200
    import277OfBoth(b, 'A2:20:PR', '000000042');
    expect(history(b.ctx, 'K-200')).toEqual(['A2:20']);
    await syncAll(b, a);
    await syncAll(a, b);
    // B's change of K-100 is refused and listed
    expect(notSyncedActions(b.ctx.db)).toHaveLength(1);
    // B keeps K-200 acknowledged (the office has no row of it to take), so the 277 that
    // acknowledged it must stay in its history there
    expect(claimStatus(b.ctx, 'K-200')).toBe('acknowledged');
    expect(history(b.ctx, 'K-200')).toEqual(['A2:20']);
    // and the office hears of K-200's acknowledgment, which nobody else changed
    expect(await serverClaim(server, 'K-200')).toMatchObject([{ status: 'acknowledged' }]);
    expect(claimStatus(a.ctx, 'K-200')).toBe('acknowledged');
    expect(history(a.ctx, 'K-200')).toEqual(['A2:20']);
  });

  it("a rejection whose follow-up another desk opened first keeps its 277's events where the claim stays rejected", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // A's 277 asks for documents: a claim status follow-up opened, the claim left as it is
    askForDocuments(a, '000000061');
    // B's 277 rejects the claim: its status, a fix-and-resubmit follow-up and its event
    import277(b, 'K-100', 'A7:21:85', '000000062');
    await a.sync.sync();
    await b.sync.sync();
    await syncAll(a, b);
    // B's follow-up is refused (A's is open), its claim change with it; the office has no
    // row of the first copy's K-100, so B keeps the claim rejected, as listed
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)[0]).toMatch(
      /opened this follow-up first/,
    );
    expect(claimStatus(b.ctx)).toBe('rejected');
    // then the 277 that rejected it is still in its history there
    expect(history(b.ctx)).toContain('A7:21');
  });
});

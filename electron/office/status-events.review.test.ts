import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { import277, withBilledClaim } from '../testing/office/claim-changes';
import { serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

/** K-100's status history as a desk shows it: each code once per 277 that said it. */
const history = (ctx: Ctx) =>
  all<{ status: string }>(
    ctx.db,
    `SELECT e.category || ':' || ifnull(e.status_code, '') AS status
       FROM claim_status_events e JOIN claims c ON c.id = e.claim_id
      WHERE c.claim_number = 'K-100' ORDER BY e.recorded_at, e.id`,
  ).map((e) => e.status);

describeWithPg("a 277's status events: one 277 file at two desks", () => {
  it('the same 277 imported at a second desk after the first synced keeps the history once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // the clearinghouse's file, fetched at A and synced
    import277(a, 'K-100', 'A2:20:PR', '000000031');
    await syncAll(a, b);
    expect(history(b.ctx)).toEqual(['A2:20']);
    // B imports the very same file: new to B (imports are idempotent per desk), and the
    // claim is acknowledged there already, so no claim change carries the events: they go
    // with the note and the office takes them a second time
    import277(b, 'K-100', 'A2:20:PR', '000000031');
    await syncAll(b, a);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(1);
    expect(history(a.ctx)).toEqual(['A2:20']);
    expect(history(b.ctx)).toEqual(['A2:20']);
  });
});

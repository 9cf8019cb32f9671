import { expect, it } from 'vitest';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { import277, withBilledClaim } from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

/*
 * Found in review: one rejected 277 imported at desks A and B; A sends first. B's
 * representative, before B syncs, works the follow-up the file opened at B, typing what she
 * did. B's import is refused as heard at the office first and kept dismissed, "Nothing to
 * redo"; it withdraws B's follow-up, so her work of it is refused too and listed as "The
 * office has no such follow-up." Her note leaves B's history, the claim's follow-up (A's, the
 * office's, from the very file) shows open at both desks as if nobody had worked it, and the
 * list tells her the office has no follow-up, though it holds the claim's, the one to work.
 */

const WORKED = 'Called Acme: resubmitting with the corrected code.';

/** The id of K-100's follow-up at a desk. */
const followUpOf = (d: Desktop) =>
  oneOrThrow<{ id: number }>(
    d.ctx.db,
    `SELECT f.id FROM follow_ups f JOIN claims c ON c.id = f.claim_id
      WHERE c.claim_number = 'K-100'`,
  ).id;

describeWithPg('a rejected 277 imported at two desks, its follow-up worked at the second', () => {
  it('keeps what the second desk’s representative typed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A7:21:85', '000000091');
    import277(b, 'K-100', 'A7:21:85', '000000091');
    await a.sync.sync();
    // B, not yet synced, works the follow-up the file opened there
    call(b.ctx, 'completeFollowUp', { followUpId: followUpOf(b), note: WORKED });
    await syncAll(a, b);
    await syncAll(a, b);
    const office = await serverRows<{ body: string }>(
      server,
      `SELECT body FROM activities WHERE body LIKE '%corrected code%'`,
    );
    const atB = all<{ body: string }>(
      b.ctx.db,
      `SELECT body FROM activities WHERE body LIKE '%corrected code%'`,
    );
    // her note stands where the office holds the claim's follow-up, or her list says which
    // follow-up of the office's to work: not that the office has none
    const open = (d: Desktop) =>
      all(d.ctx.db, `SELECT 1 FROM follow_ups WHERE claim_id IS NOT NULL AND status = 'open'`);
    if (office.length === 0 && atB.length === 0) {
      expect(notSyncedActions(b.ctx.db).map((l) => l.reason)).not.toContain(
        'The office has no such follow-up.',
      );
    } else {
      for (const d of [a, b]) expect(open(d)).toEqual([]);
    }
  });
});

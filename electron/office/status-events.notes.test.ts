import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { askForDocuments, import277, withBilledClaim } from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { withAcknowledgedClaim } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';
import { HEARD_AT_THE_OFFICE } from './status-events';

/*
 * One 277 imported at two desks before either synced: the office holds its events once, the
 * first desk's (server migration 34), and now its note and follow-up of the claim once too,
 * the first desk's; the second desk takes them in place of its own and lists nothing.
 */

/** K-100's history lines and follow-ups as a representative sees them at a desk. */
const said = (d: Desktop) => ({
  notes: all<{ who: string; body: string }>(
    d.ctx.db,
    `SELECT u.username AS who, a.body FROM activities a JOIN users u ON u.id = a.user_id
       JOIN claims c ON c.id = a.claim_id WHERE c.claim_number = 'K-100' ORDER BY a.id`,
  ).map((n) => `${n.who}: ${n.body.slice(0, n.body.indexOf(' ('))}`),
  followUps: all<{ n: number }>(
    d.ctx.db,
    `SELECT count(*) AS n FROM follow_ups f JOIN claims c ON c.id = f.claim_id
      WHERE c.claim_number = 'K-100'`,
  )[0]?.n,
});

/** The office's notes of a claim (K-100, the office's only claim), by who wrote them. */
const officeNotes = async (server: Parameters<typeof serverRows>[0]) =>
  (
    await serverRows<{ who: string }>(
      server,
      `SELECT user_gid AS who FROM activities WHERE claim_gid IS NOT NULL`,
    )
  ).map((r) => r.who);

/**
 * Both desks import `importAt`'s file, A sending first (or both at once, the second waiting on
 * the first's claim of the file); both then synced twice over.
 */
async function importedAtBoth(
  office: (ctx: Ctx, account: AccountId) => void,
  importAt: (d: Desktop) => void,
  atOnce = false,
) {
  const server = await createServerDatabase();
  const { a, b } = await twoDesktops(server, 1, office);
  importAt(a);
  importAt(b);
  if (atOnce) await Promise.all([a.sync.push(), b.sync.push()]);
  await syncAll(a, b);
  await syncAll(a, b);
  return { server, a, b };
}

/** Every desk shows rep.one's note once, as the office holds it, and nobody has anything listed. */
async function heldOnce(
  { server, a, b }: Awaited<ReturnType<typeof importedAtBoth>>,
  note: string,
  followUps: number,
) {
  expect(await officeNotes(server)).toEqual(['user:rep.one']);
  for (const d of [a, b]) {
    expect(said(d)).toEqual({ notes: [`rep.one: ${note}`], followUps });
    expect(notSyncedActions(d.ctx.db)).toEqual([]);
  }
  // B's import is kept as done at B, saying why, in nobody's list
  expect(
    all(b.ctx.db, `SELECT reason, dismissed_at IS NOT NULL AS dismissed FROM not_synced`),
  ).toEqual([{ reason: HEARD_AT_THE_OFFICE, dismissed: 1 }]);
}

describeWithPg('the note of one 277 imported at two desks before either synced', () => {
  it('lands once when the 277 changed the claim', async () => {
    const office = await importedAtBoth(withBilledClaim, (d) =>
      import277(d, 'K-100', 'A2:20:PR', '000000081'),
    );
    await heldOnce(office, 'Claim status from payer: A2:20:PR', 0);
  });

  it('lands once when the 277 repeated the claim’s status', async () => {
    const office = await importedAtBoth(withAcknowledgedClaim, (d) =>
      import277(d, 'K-100', 'A2:20:PR', '000000082'),
    );
    await heldOnce(office, 'Claim status from payer: A2:20:PR', 0);
  });

  it('lands once with its follow-up, nothing listed, when the payer rejected the claim', async () => {
    const office = await importedAtBoth(withBilledClaim, (d) =>
      import277(d, 'K-100', 'A7:21:85', '000000083'),
    );
    await heldOnce(office, 'Claim rejected by FIRST CLEARINGHOUSE: A7:21:85', 1);
  });

  it('lands once with its follow-up when the payer asked for documents', async () => {
    const office = await importedAtBoth(withAcknowledgedClaim, (d) =>
      askForDocuments(d, '000000084'),
    );
    await heldOnce(office, 'Claim status from payer: R4:35:PR', 1);
  });

  it('lands once when both desks send it at once, whichever the office took first', async () => {
    const { server, a, b } = await importedAtBoth(
      withAcknowledgedClaim,
      (d) => import277(d, 'K-100', 'A2:20:PR', '000000085'),
      true,
    );
    const [first, ...more] = await officeNotes(server);
    expect(more).toEqual([]);
    const who = first?.replace(/^user:/, '');
    for (const d of [a, b]) {
      expect(said(d)).toEqual({
        notes: [`${who ?? ''}: Claim status from payer: A2:20:PR`],
        followUps: 0,
      });
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
  });
});

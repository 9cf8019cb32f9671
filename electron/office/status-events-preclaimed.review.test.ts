import { expect, it } from 'vitest';
import { all, oneOrThrow } from '../db/query';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { import277, withBilledClaim } from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import { officeId } from '../testing/office/records';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';

/*
 * Found in review: server migration 34 let a desk's login insert `claim_status_files (claim, file, desk)` rows
 * in its own desk's name with no event naming them. heardAlready then takes such a row as
 * "another desk's events of this 277 are the office's": every other desk's events of that file
 * for that claim are dropped silently (neither inserted nor logged) while its entry is
 * accepted. A desk's login holding the clearinghouse's file (every desk fetches the same ones)
 * can so keep a payer's rejection or request for documents out of the office's claim history
 * for good: the importing desk keeps its events under its own ids, no other desk ever gets
 * them, and nothing is listed anywhere. Such a claim is now refused at its commit.
 */
describeWithPg('a 277 file claimed at the office with no events', () => {
  it("another desk's events of that file still reach the office and every desk", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000091');
    const { sha } = oneOrThrow<{ sha: string }>(
      a.ctx.db,
      `SELECT file_sha256 AS sha FROM claim_status_events`,
    );
    // B's login, with the same file from the clearinghouse, claims it for K-100 first
    const asB = await loginSession(b.config);
    const claimed = await asB
      .query(
        `INSERT INTO claim_status_files (claim_gid, file_sha256, desktop_id) VALUES ('base:1', $1, $2)`,
        [sha, officeId(b)],
      )
      .then(
        () => 'accepted',
        (e: unknown) => `refused: ${String(e)}`,
      );
    expect(claimed).toMatch(/^refused: .*only with its events/);
    await syncAll(a, b);

    expect(
      await serverRows(server, `SELECT category, status_code AS code FROM claim_status_events`),
    ).toEqual([{ category: 'A2', code: '20' }]);
    expect(all(b.ctx.db, `SELECT category FROM claim_status_events`)).toEqual([{ category: 'A2' }]);
  });
});

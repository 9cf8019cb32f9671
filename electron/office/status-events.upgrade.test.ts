import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { oneOrThrow } from '../db/query';
import { twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { officeId, serverCount, withAcknowledgedClaim } from '../testing/office/records';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { gidOf } from './gids';
import { serverMigration034 } from './server/migrations/034-claim-status-files';

const SHA = 'a'.repeat(64);

describeWithPg('server migration 34 over the events an office held twice', () => {
  it("names each file's first desk for its claim, keeps every event, and takes no second desk's from then on", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcknowledgedClaim);
    const owner = new pg.Pool({ ...server, max: 1 });
    onTestFinished(() => owner.end());
    // the office as server migration 33 left it (the later migrations touch none of this)
    await owner.query(`ALTER TABLE claim_status_events DROP CONSTRAINT claim_status_events_of_its_file;
      DROP TABLE claim_status_files;
      DROP FUNCTION claim_status_file_heard()`);
    const claim = gidOf(
      a.ctx.db,
      'claims',
      oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM claims WHERE claim_number = 'K-100'`).id,
    );
    const [aId, bId] = [officeId(a), officeId(b)];
    // one file's event sent by both desks then, B's first, and an older version's with no file
    await owner.query(
      `INSERT INTO claim_status_events (gid, claim_gid, category, status_code, meaning,
           recorded_at, file_sha256, desktop_id)
         VALUES ($1, $3, 'A2', '20', 'Accepted', '2026-03-16T11:00:00.000Z', $4, $5),
                ($2, $3, 'A2', '20', 'Accepted', '2026-03-16T10:00:00.000Z', $4, $6),
                ($7, $3, 'A1', '19', 'Received', '2026-03-15T10:00:00.000Z', NULL, $5)`,
      [`${aId}:1`, `${bId}:1`, claim, SHA, aId, bId, `${aId}:2`],
    );

    // migration 34 as an office at 33 takes it, the runner's newer ones being applied already
    await owner.query(`BEGIN; ${serverMigration034} COMMIT`);
    expect(
      await serverRows(
        server,
        `SELECT claim_gid AS claim, file_sha256 AS sha, desktop_id AS desk FROM claim_status_files`,
      ),
    ).toEqual([{ claim, sha: SHA, desk: bId }]);
    // history is never changed: both desks' events stay
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_status_events`)).toBe(3);
    // and A's login adds no more of that file
    const desk = await loginSession(a.config);
    await expect(
      desk.query(
        `INSERT INTO claim_status_events (gid, claim_gid, category, meaning, recorded_at,
             file_sha256, desktop_id) VALUES ($1, $2, 'A2', 'Accepted', 't', $3, $4)`,
        [`${aId}:3`, claim, SHA, aId],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

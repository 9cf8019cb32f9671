import { expect, it } from 'vitest';
import { oneOrThrow } from '../db/query';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { NPI, withNorthClinic } from '../testing/office/facilities';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { requireOfficeLink } from './gids';

const mainFacility = (d: Desktop) =>
  oneOrThrow<{ name: string; npi: string | null }>(
    d.ctx.db,
    `SELECT name, npi FROM facilities WHERE id = 1`,
  );

describeWithPg('a desk login and the main facility', () => {
  it('a facility row of the main facility logged by a desk’s login is not taken over another desk’s main facility', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    const before = mainFacility(b);

    // the server refuses base:1 in its facilities table, but A's login may log rows under
    // its own desk, which the other desks take (before facilities changed by version, a
    // logged facility row of an id a desk had was passed over)
    const asA = await loginSession(a.config);
    await asA.query(
      `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
         VALUES ('facilities', 'base:1', 2, $1, $2, 0)`,
      [
        JSON.stringify({ name: 'Elsewhere Billing LLC', npi: NPI.west }),
        requireOfficeLink(a.ctx.db).desktopId,
      ],
    );
    await syncAll(b);

    // B's main facility follows B's letterhead only
    expect(mainFacility(b)).toEqual(before);
  });
});

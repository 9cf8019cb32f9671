import { expect, it, onTestFinished } from 'vitest';
import { all } from '../db/query';
import { import277, serverClaim, withBilledClaim } from '../testing/office/claim-changes';
import { twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { requireOfficeLink } from './gids';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';
import { serverRecord } from './server/record-changes';

describeWithPg('a change to a record that would rename it', () => {
  it('a change that renames a record is refused, the office keeping its row', async () => {
    const server = await createServerDatabase();
    const { a } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000007');
    await a.sync.sync();
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ version: 2 }]);
    const sealed = all<{ changes: string }>(a.ctx.db, `SELECT changes FROM outbox`);
    expect(sealed).toEqual([]);
    const pool = openPool(server, 1);
    onTestFinished(() => pool.end());
    const [gid] = await serverRows<{ gid: string }>(
      server,
      `SELECT gid FROM claims WHERE claim_number = 'K-100'`,
    );
    const claim = await serverRecord(pool, 'claims', gid?.gid ?? '');
    if (claim?.tbl !== 'claims') throw new Error('no claim on the server');
    const renamed = {
      seq: 1000,
      changes: [
        {
          tbl: 'claims' as const,
          op: 'update' as const,
          gid: claim.gid,
          baseVersion: 2,
          version: 3,
          row: { ...claim.row, claimNumber: 'K-999', status: 'paid' },
        },
      ],
    };
    const answer = await applyEntry(pool, requireOfficeLink(a.ctx.db).desktopId, renamed);
    expect(answer).toMatchObject({ outcome: 'refused' });
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ version: 2 }]);
    expect(await serverClaim(server, 'K-999')).toEqual([]);
  });
});

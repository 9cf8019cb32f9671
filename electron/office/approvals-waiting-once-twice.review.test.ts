import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { call } from '../testing/call';
import { approvalsOffice, as, askWriteOff } from '../testing/office/approvals';
import { desktopsOf, syncAll, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { requireLocalId } from './gids';
import { serverMigration041 } from './server/migrations/041-request-waiting-once';

/*
 * Found in review: server migration 41 leaves out of its index, by name, the requests already
 * waiting twice when it runs, so that a supervisor decides both. Once the one it kept is
 * decided, the account has no write-off waiting as far as the index knows, though the other
 * still waits: a third desk, offline since before the migration (it never heard of either),
 * sends its write-off of the account and the office takes it. Two write-offs of one balance
 * wait again, office-wide, each approvable: what migration 41 exists to prevent.
 */

describeWithPg('a pair waiting twice at the migration, the first of them decided', () => {
  it('still refuses a third desk’s request while the other of the pair waits', async () => {
    const server = await createServerDatabase();
    const { desktops, accountIds } = await desktopsOf(server, 3, 1, approvalsOffice);
    const [a, b, c] = desktops as [Desktop, Desktop, Desktop];
    const [account] = accountIds as [AccountId];
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      // before the migration, A and B ask at once and both wait at the office
      await owner.query(
        'DROP TRIGGER adjustment_requests_waiting_once ON adjustment_requests; DROP FUNCTION request_waiting_once()',
      );
      askWriteOff(a.ctx, account, 15_000);
      askWriteOff(b.ctx, account, 12_000);
      // C, offline from here on, asks too: it has heard of neither
      askWriteOff(c.ctx, account, 9_000);
      await syncAll(a, b);
      await owner.query(`BEGIN; ${serverMigration041} COMMIT`);
    } finally {
      await owner.end();
    }
    // the supervisor decides the one the index kept (the first filed), refusing it
    const [kept] = await serverRows<{ gid: string }>(
      server,
      `SELECT gid FROM adjustment_requests WHERE status = 'pending'
        ORDER BY requested_at, gid LIMIT 1`,
    );
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: requireLocalId(a.ctx.db, 'adjustment_requests', kept?.gid ?? ''),
      decision: 'reject',
      note: 'Call the patient first.',
    });
    await syncAll(a, b);
    // C comes back: one of the pair still waits, so C's is refused and listed
    await syncAll(c, a, b);
    const waiting = await serverRows<{ amount: number }>(
      server,
      `SELECT amount::int AS amount FROM adjustment_requests WHERE status = 'pending'`,
    );
    expect(waiting).toHaveLength(1);
    expect(call(as(c, 'dana.reyes'), 'listNotSynced', {}).actions).toHaveLength(1);
  });
});

import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all } from '../db/query';
import { call } from '../testing/call';
import { approvalsOffice, as, askWriteOff } from '../testing/office/approvals';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf } from './gids';
import { serverMigration041 } from './server/migrations/041-request-waiting-once';

/** The desk's requests by office-wide id, with what each asks and its state. */
const requests = (d: Desktop) =>
  all<{ id: number; amount: number; status: string }>(
    d.ctx.db,
    `SELECT id, amount, status FROM adjustment_requests ORDER BY id`,
  ).map((r) => ({
    gid: gidOf(d.ctx.db, 'adjustment_requests', r.id),
    amount: r.amount,
    status: r.status,
  }));

const writeOffs = (d: Desktop) =>
  all<{ amount: number }>(
    d.ctx.db,
    `SELECT -amount AS amount FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE'`,
  ).map((r) => r.amount);

describeWithPg('one request of a kind waiting on an account, office-wide', () => {
  it('two desks asking at once: the second is withdrawn and listed, and one write-off is posted', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 9_000);
    askWriteOff(b.ctx, account, 12_000);
    await syncAll(a, b);

    // A's reached the office first: both desks hold it alone, waiting
    const [first] = requests(a);
    expect(first).toMatchObject({ amount: 9_000, status: 'pending' });
    for (const d of [a, b]) expect(requests(d)).toEqual([first]);
    const listed = call(as(b, 'dana.reyes'), 'listNotSynced', {}).actions;
    expect(listed).toHaveLength(1);
    expect(listed[0]?.reason).toBe(
      'A write-off of this account was already asked for at another desktop and waits for a supervisor there; this request was withdrawn here and is listed; the office’s comes with the next sync, to be decided first.',
    );
    expect(call(as(a, 'dana.reyes'), 'listNotSynced', {}).actions).toEqual([]);
    // B's own history line of its request went with it; A's came in its place
    const lines = (d: Desktop) =>
      all<{ body: string }>(
        d.ctx.db,
        `SELECT body FROM activities WHERE body LIKE '%daily approval limit%' ORDER BY body`,
      ).map((r) => r.body);
    expect(lines(b)).toEqual(lines(a));
    expect(lines(b)).toEqual([expect.stringContaining('write-off of $90.00 is above')]);
    // B's representative, asking again now, is told of the one waiting
    expect(() => askWriteOff(b.ctx, account, 12_000)).toThrow(/already has a write-off waiting/);

    // the supervisor approves the one request: one write-off, everywhere
    const waiting = call(as(b, 'dana.reyes'), 'listAdjustmentRequests', {});
    expect(waiting).toHaveLength(1);
    call(as(b, 'dana.reyes'), 'decideAdjustment', {
      requestId: waiting[0]?.id ?? 0,
      decision: 'approve',
      note: 'Agreed.',
    });
    await syncAll(b, a);
    for (const d of [a, b]) expect(writeOffs(d)).toEqual([9_000]);
    await expectLedgersAgree(server, a, b);

    // decided, it no longer holds the account: the next request is taken
    askWriteOff(b.ctx, account, 6_000);
    await syncAll(b, a);
    for (const d of [a, b]) {
      expect(requests(d).map((r) => r.status)).toEqual(['approved', 'pending']);
    }
    expect(call(as(b, 'dana.reyes'), 'listNotSynced', {}).actions).toHaveLength(1);
  });

  it('requests already waiting twice when the migration runs both stay, for a supervisor to decide', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    // an office whose desks asked twice before the server held one a kind
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      await owner.query(
        'DROP TRIGGER adjustment_requests_waiting_once ON adjustment_requests; DROP FUNCTION request_waiting_once()',
      );
      askWriteOff(a.ctx, account, 15_000);
      askWriteOff(b.ctx, account, 12_000);
      await syncAll(a, b);
      await owner.query(`BEGIN; ${serverMigration041} COMMIT`);
      const { rows } = await owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM adjustment_requests WHERE status = 'pending'`,
      );
      expect(rows[0]?.n).toBe(2);
    } finally {
      await owner.end();
    }
    const byAmount = (d: Desktop) =>
      requests(d)
        .map((r) => [r.amount, r.status])
        .sort(([x], [y]) => Number(x) - Number(y));
    for (const d of [a, b])
      expect(byAmount(d)).toEqual([
        [12_000, 'pending'],
        [15_000, 'pending'],
      ]);

    // each is the supervisor's to decide: refusing one leaves the other waiting everywhere
    const larger = call(as(a, 'dana.reyes'), 'listAdjustmentRequests', {}).find(
      (r) => r.amount === 15_000,
    );
    call(as(a, 'dana.reyes'), 'decideAdjustment', {
      requestId: larger?.id ?? 0,
      decision: 'reject',
      note: 'Too much.',
    });
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(call(as(d, 'dana.reyes'), 'listNotSynced', {}).actions).toEqual([]);
      expect(byAmount(d)).toEqual([
        [12_000, 'pending'],
        [15_000, 'rejected'],
      ]);
    }
  });
});

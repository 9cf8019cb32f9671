import { expect, it } from 'vitest';
import type { AccountId, BatchId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration059 } from '../db/migrations/059-office-batches-of-older-versions';
import { call } from '../testing/call';
import { twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { batchPayment as pay, owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf, requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

const openBatch = (ctx: Ctx, expectedTotal: number) =>
  call(ctx, 'openBatch', { depositDate: TEST_TODAY, source: 'mail', expectedTotal }).id;

const batchOf = (ctx: Ctx, batchId: number) =>
  call(ctx, 'getBatch', { batchId: batchId as BatchId }).batch;

/**
 * What an older version left of a batch opened at a linked desk: no office-wide id, nothing
 * of it in the outbox, and its receipts going out naming no batch.
 */
function asAnOlderVersionLeftIt(ctx: Ctx, batchId: number): void {
  run(ctx.db, `DELETE FROM sync_rows WHERE tbl = 'deposit_batches' AND local_id = ?`, batchId);
  for (const e of all<{ seq: number; changes: string }>(
    ctx.db,
    `SELECT seq, changes FROM outbox`,
  )) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => c.tbl !== 'deposit_batches')
      .map((c) => (c.tbl === 'receipts' ? { ...c, row: { ...c.row, batchGid: undefined } } : c));
    if (changes.length === 0) run(ctx.db, `DELETE FROM outbox WHERE seq = ?`, e.seq);
    else run(ctx.db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
}

describeWithPg('deposit batches an older version opened at a linked desk', () => {
  it('travel under the desk’s own id at the upgrade, leave another desk’s batch of the same id alone, and close', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owing);
    const [first, second] = accountIds as [AccountId, AccountId];
    // B's batch, sent as this version sends it
    const ofB = openBatch(b.ctx, 1_500);
    call(b.ctx, 'postPatientPayment', pay(second, ofB, 1_500, '3001'));
    await b.sync.sync();

    // A, linked earlier, opened a batch of the same local id under an older version
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T08:00:00.000Z`);
    const ofA = openBatch(a.ctx, 7_000);
    expect(ofA).toBe(ofB);
    call(a.ctx, 'postPatientPayment', pay(first, ofA, 3_000, '3002'));
    asAnOlderVersionLeftIt(a.ctx, ofA);
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });

    // the upgrade: migration 59 on a copy of schema 58
    run(a.ctx.db, `ALTER TABLE office_link DROP COLUMN receipts_batched_from`);
    a.ctx.db.exec(migration059);
    const gid = `${requireOfficeLink(a.ctx.db).desktopId}:${ofA}`;
    call(a.ctx, 'postPatientPayment', pay(first, ofA, 4_000, '3003'));
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });

    expect(
      await serverRows(
        server,
        `SELECT b.gid, (SELECT count(*)::int FROM receipts r WHERE r.batch_gid = b.gid) AS n
           FROM deposit_batches b ORDER BY b.gid`,
      ),
    ).toEqual(
      [
        { gid, n: 1 },
        { gid: `${requireOfficeLink(b.ctx.db).desktopId}:${ofB}`, n: 1 },
      ].sort((x, y) => x.gid.localeCompare(y.gid)),
    );

    // balanced at A with both payments; the office holds the second in the batch, and closes
    expect(call(a.ctx, 'closeBatch', { batchId: ofA as BatchId }).status).toBe('closed');
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
    await b.sync.pull();

    const onB = oneOrThrow<{ id: number }>(
      b.ctx.db,
      `SELECT local_id AS id FROM sync_rows WHERE tbl = 'deposit_batches' AND gid = ?`,
      gid,
    ).id;
    expect(onB).not.toBe(ofB);
    expect(batchOf(b.ctx, onB)).toMatchObject({
      status: 'closed',
      postedTotal: 4_000,
      receiptCount: 1,
    });
    // B's own batch of that local id: its one receipt, still open
    expect(batchOf(b.ctx, ofB)).toMatchObject({
      status: 'open',
      postedTotal: 1_500,
      receiptCount: 1,
    });
  });
  it("leave the first copy's batches as the first copy's", async () => {
    const server = await createServerDatabase();
    const { a } = await twoDesktops(server, 1, (ctx, id) => {
      owing(ctx, id);
      openBatch(ctx, 1_000);
    });
    const [batch] = all<{ id: number }>(a.ctx.db, `SELECT id FROM deposit_batches`);
    if (!batch) throw new Error('the first copy has no batch');
    // joined after the batch was opened, as every desk joins after the first copy was made
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T16:00:00.000Z`);
    run(a.ctx.db, `ALTER TABLE office_link DROP COLUMN receipts_batched_from`);
    a.ctx.db.exec(migration059);
    expect(all(a.ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(gidOf(a.ctx.db, 'deposit_batches', batch.id)).toBe(`base:${batch.id}`);
  });
});

import { expect, it } from 'vitest';
import type { AccountId, PersonId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration062 } from '../db/migrations/062-office-contact-rules';
import { addAddress } from '../testing/builders';
import { call } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

/** Every desktop's user a supervisor, and the account's patient owing $200.00 at an address. */
function owingPatient(ctx: Ctx, account: AccountId): void {
  everyoneSupervisor(ctx);
  owing(ctx, account);
  const patient = oneOrThrow<{ id: PersonId }>(
    ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    account,
  ).id;
  addAddress(ctx, patient);
}

const TABLES = ['contact_restrictions', 'collection_holds'];

/**
 * A restriction and a hold recorded by an older version at a linked desk: captured by
 * nothing, sent with nothing (their history lines travelled, as notes always did).
 */
function recordedByAnOlderVersion(d: Desktop, account: AccountId): void {
  call(d.ctx, 'recordContactRestriction', {
    accountId: account,
    kind: 'written_dispute',
    effectiveDate: '2026-03-12',
    note: null,
  });
  call(d.ctx, 'setCollectionHold', { accountId: account, kind: 'dispute', open: true });
  for (const t of TABLES) run(d.ctx.db, `DELETE FROM sync_rows WHERE tbl = ?`, t);
  for (const e of all<{ seq: number; changes: string }>(
    d.ctx.db,
    `SELECT seq, changes FROM outbox`,
  )) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => !TABLES.includes(c.tbl));
    run(d.ctx.db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
}

const inForce = (d: Desktop) =>
  all(
    d.ctx.db,
    `SELECT account_id AS account, lifted_at IS NULL AS standing FROM contact_restrictions
      ORDER BY id`,
  );

describeWithPg('contact rules and holds an older version recorded at a linked desk', () => {
  it("stay the desk's own at the upgrade, and never lift another desk's of that id", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owingPatient);
    const [first, second] = accountIds as [AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    }
    // both desks, still on the older version, record a dispute each: one local id at both
    recordedByAnOlderVersion(a, first);
    recordedByAnOlderVersion(b, second);
    await syncAll(a, b);
    expect(all(a.ctx.db, `SELECT id FROM contact_restrictions`)).toEqual(
      all(b.ctx.db, `SELECT id FROM contact_restrictions`),
    );

    // A upgrades, then lifts its dispute and closes its hold
    a.ctx.db.exec(migration062);
    keepCaptureWithLink(a.ctx.db);
    const [mine] = all<{ id: number }>(a.ctx.db, `SELECT id FROM contact_restrictions`);
    expect(gidOf(a.ctx.db, 'contact_restrictions', mine?.id ?? 0)).toBe(`own:${mine?.id}`);
    call(a.ctx, 'liftContactRestriction', {
      restrictionId: mine?.id ?? 0,
      reason: 'Dispute answered',
    });
    call(a.ctx, 'setCollectionHold', { accountId: first, kind: 'dispute', open: false });
    await syncAll(a, b);

    // the lifting and the closing stayed at A; B's own dispute and hold stand as they were
    expect(await serverRows(server, `SELECT gid FROM contact_restrictions`)).toEqual([]);
    expect(await serverRows(server, `SELECT gid FROM collection_holds`)).toEqual([]);
    expect(inForce(a)).toEqual([{ account: first, standing: 0 }]);
    expect(inForce(b)).toEqual([{ account: second, standing: 1 }]);
    expect(
      all(b.ctx.db, `SELECT account_id AS account FROM collection_holds WHERE closed_at IS NULL`),
    ).toEqual([{ account: second }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});

import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow, run } from '../db/query';
import { migration062 } from '../db/migrations/062-office-contact-rules';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { unsentByAnOlderVersion } from '../testing/office/older-version';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

const TABLES = ['contact_restrictions', 'collection_holds', 'statement_hold_releases'] as const;

/**
 * What an older version left of the contact rules and holds it recorded at a linked desk:
 * captured by nothing, sent with nothing (their history lines travelled, as notes always did).
 */
function asAnOlderVersion(d: Desktop): void {
  // a request that wrote nothing else (a lifting alone) sealed no entry at all
  unsentByAnOlderVersion(d.ctx.db, TABLES, 'dropped');
}

function ceaseContact(d: Desktop, accountId: AccountId): void {
  call(d.ctx, 'recordContactRestriction', {
    accountId,
    kind: 'cease_contact',
    effectiveDate: '2026-03-12',
    note: 'Letter asking us to stop calling',
  });
}

/** The upgrade (migration 62), then the desk's next request, which the outbox seals with. */
function upgrade(d: Desktop, accountId: AccountId): void {
  d.ctx.db.exec(migration062);
  keepCaptureWithLink(d.ctx.db);
  call(d.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
}

const candidates = (d: Desktop) =>
  call(d.ctx, 'listStatementCandidates', {}).accounts.flatMap((x) => x.accountIds);

const inForce = (d: Desktop) =>
  all(
    d.ctx.db,
    `SELECT account_id AS account, kind, lifted_at IS NULL AS standing FROM contact_restrictions
      ORDER BY account_id`,
  );

const openHolds = (d: Desktop) =>
  all(
    d.ctx.db,
    `SELECT account_id AS account, kind FROM collection_holds WHERE closed_at IS NULL
      ORDER BY account_id`,
  );

describeWithPg('contact rules and holds an older version recorded at a linked desk', () => {
  it('travel at the upgrade: the other desk stops billing, and two of one local id both stand', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 3, supervisorsOwing);
    const [first, second, third] = accountIds as [AccountId, AccountId, AccountId];
    for (const d of [a, b]) {
      run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    }
    // still on the older version: A records a cease-contact and a dispute hold, B a
    // cease-contact of the same local id as A's on another account
    ceaseContact(a, first);
    call(a.ctx, 'setCollectionHold', { accountId: second, kind: 'dispute', open: true });
    ceaseContact(b, third);
    for (const d of [a, b]) asAnOlderVersion(d);
    await syncAll(a, b);
    expect(all(a.ctx.db, `SELECT id FROM contact_restrictions`)).toEqual(
      all(b.ctx.db, `SELECT id FROM contact_restrictions`),
    );
    expect(candidates(b).sort()).toEqual([first, second]);

    // A upgrades and syncs: B no longer bills the accounts A was told about
    upgrade(a, third);
    await syncAll(a, b);
    expect(candidates(b)).toEqual([]);
    expect(openHolds(b)).toEqual([{ account: second, kind: 'dispute' }]);
    const [mine] = all<{ id: number }>(a.ctx.db, `SELECT id FROM contact_restrictions`);
    const desk = oneOrThrow<{ id: string }>(a.ctx.db, `SELECT desktop_id AS id FROM office_link`);
    expect(gidOf(a.ctx.db, 'contact_restrictions', mine?.id ?? 0)).toBe(`${desk.id}:${mine?.id}`);

    // B upgrades too: both restrictions of that local id stand at both desks
    upgrade(b, first);
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(inForce(d)).toEqual([
        { account: first, kind: 'cease_contact', standing: 1 },
        { account: third, kind: 'cease_contact', standing: 1 },
      ]);
      expect(candidates(d)).toEqual([]);
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    expect(await serverRows(server, `SELECT gid FROM contact_restrictions`)).toHaveLength(2);
    expect(await serverRows(server, `SELECT gid FROM collection_holds`)).toHaveLength(1);
  });

  it('go as they now stand, each alone: a hold the office refuses takes nothing else down', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, supervisorsOwing);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // still on the older version, A opens a dispute hold, and records a dispute a supervisor lifts
    call(a.ctx, 'setCollectionHold', { accountId: first, kind: 'dispute', open: true });
    call(a.ctx, 'recordContactRestriction', {
      accountId: second,
      kind: 'written_dispute',
      effectiveDate: '2026-03-12',
      note: null,
    });
    const [lifted] = all<{ id: number }>(a.ctx.db, `SELECT id FROM contact_restrictions`);
    call(a.ctx, 'liftContactRestriction', {
      restrictionId: lifted?.id ?? 0,
      reason: 'Dispute answered',
    });
    asAnOlderVersion(a);
    await a.sync.sync();
    // meanwhile B, already upgraded, opens its own dispute hold on the account first
    call(b.ctx, 'setCollectionHold', { accountId: first, kind: 'dispute', open: true });
    await b.sync.sync();

    upgrade(a, second);
    await syncAll(a, b);

    // A's hold was refused (the office holds the account open already) and withdrawn there;
    // the lifted dispute and A's next request stood on their own
    expect(notSyncedActions(a.ctx.db)).toHaveLength(1);
    for (const d of [a, b]) {
      expect(openHolds(d)).toEqual([{ account: first, kind: 'dispute' }]);
      expect(inForce(d)).toEqual([{ account: second, kind: 'written_dispute', standing: 0 }]);
    }
    expect(await serverRows(server, `SELECT gid FROM collection_holds`)).toHaveLength(1);
    expect(
      await serverRows(server, `SELECT lifted_by IS NOT NULL AS lifted FROM contact_restrictions`),
    ).toEqual([{ lifted: true }]);
    expect(all(b.ctx.db, `SELECT body FROM activities WHERE body = 'Upgraded.'`)).toHaveLength(1);
  });

  it('a release travels with its hold; a rule on an account the office lacks stays the desk’s own', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, supervisorsOwing);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // the office refused A's copy of the second account: A holds it as its own
    run(
      a.ctx.db,
      `INSERT OR REPLACE INTO sync_rows (tbl, local_id, gid, version) VALUES ('accounts', ?, ?, 1)`,
      second,
      `own:${second}`,
    );
    // still on the older version, A holds the first account's statements for a dispute, a
    // supervisor lets the next one go, and a cease-contact comes in on the second
    call(a.ctx, 'setCollectionHold', { accountId: first, kind: 'dispute', open: true });
    call(a.ctx, 'releaseStatementHold', {
      accountId: first,
      hold: 'dispute',
      reason: 'EOB reviewed with the patient; the share stands',
    });
    ceaseContact(a, second);
    asAnOlderVersion(a);

    upgrade(a, first);
    await syncAll(a, b);

    expect(openHolds(b)).toEqual([{ account: first, kind: 'dispute' }]);
    expect(call(b.ctx, 'getAccountDunning', { accountId: first }).releases).toMatchObject([
      { hold: 'dispute', reason: 'EOB reviewed with the patient; the share stands' },
    ]);
    expect(candidates(b).sort()).toEqual([first, second]);
    const [mine] = all<{ id: number }>(a.ctx.db, `SELECT id FROM contact_restrictions`);
    expect(gidOf(a.ctx.db, 'contact_restrictions', mine?.id ?? 0)).toBe(`own:${mine?.id}`);
    expect(await serverRows(server, `SELECT gid FROM contact_restrictions`)).toEqual([]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });
});

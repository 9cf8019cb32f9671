import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all, one, oneOrThrow, run } from '../db/query';
import { migration060 } from '../db/migrations/060-bad-debt-moves-from-the-office';
import { migration067 } from '../db/migrations/067-office-collections-of-older-versions';
import { addAgency, atFinalNotice } from '../testing/agencies';
import { call } from '../testing/call';
import { moveToBadDebt } from '../testing/office/bad-debt';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { keepCaptureWithLink } from './capture-triggers';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

const TABLES = [
  'bad_debt_moves',
  'agencies',
  'agency_placement_batches',
  'agency_placements',
  'extraordinary_actions',
];

/** Every desk's user a supervisor, the patient owing $200.00, no 501(r) wait on a referral. */
function owingWithNoWait(ctx: Ctx, account: AccountId): void {
  supervisorsOwing(ctx, account);
  call(ctx, 'saveBillingRules', { bound501r: 0 });
}

/**
 * What a version before migration 60 left of the collection records it made at a linked desk:
 * captured by nothing, sent with nothing, nor the account's status (only their write-offs and
 * history lines travelled, as the ledger and notes did).
 */
function asAnOlderVersion(d: Desktop): void {
  for (const t of TABLES) run(d.ctx.db, `DELETE FROM sync_rows WHERE tbl = ?`, t);
  run(d.ctx.db, `DELETE FROM sync_rows WHERE tbl = 'accounts' AND gid LIKE 'base:%'`);
  for (const e of all<{ seq: number; changes: string }>(
    d.ctx.db,
    `SELECT seq, changes FROM outbox`,
  )) {
    const changes = changesSchema
      .parse(JSON.parse(e.changes))
      .filter((c) => !TABLES.includes(c.tbl) && c.tbl !== 'accounts');
    run(d.ctx.db, `UPDATE outbox SET changes = ? WHERE seq = ?`, JSON.stringify(changes), e.seq);
  }
  run(d.ctx.db, `DELETE FROM outbox WHERE changes = '[]'`);
}

/** The upgrade (migrations 60 and 67), then the desk's next request, which the outbox seals. */
function upgrade(d: Desktop, accountId: AccountId): void {
  d.ctx.db.exec(migration060);
  d.ctx.db.exec(migration067);
  keepCaptureWithLink(d.ctx.db);
  call(d.ctx, 'addActivity', { accountId, kind: 'note', text: 'Upgraded.' });
}

/** An agency added at the desk, and the account placed with it there. */
function placed(ctx: Ctx, account: AccountId, name: string): void {
  const agencyId = addAgency(ctx, { name });
  atFinalNotice(ctx, account, 45);
  call(ctx, 'placeAccounts', { agencyId, accountIds: [account] });
}

const statusOf = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ status: string }>(d.ctx.db, `SELECT status FROM accounts WHERE id = ?`, account)
    .status;

const placementsAt = (d: Desktop) =>
  all(
    d.ctx.db,
    `SELECT p.account_id AS account, g.name AS agency, p.recalled_on AS recalled
       FROM agency_placements p JOIN agencies g ON g.id = p.agency_id ORDER BY p.id`,
  );

const counts = async (server: Parameters<typeof serverRows>[0]) =>
  serverRows(
    server,
    `SELECT (SELECT count(*)::int FROM bad_debt_moves) AS moves,
            (SELECT count(*)::int FROM agencies) AS agencies,
            (SELECT count(*)::int FROM agency_placement_batches) AS sendings,
            (SELECT count(*)::int FROM agency_placements) AS placements,
            (SELECT count(*)::int FROM extraordinary_actions) AS actions`,
  );

describeWithPg('collection records an older version made at a linked desk', () => {
  it('reach the other desk at the upgrade: the move shown, the placement recallable there, and once', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owingWithNoWait);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // still on the older version, A moves one account to bad debt and places the other
    moveToBadDebt(a, first, { approver: b.ctx.userId });
    placed(a.ctx, second, 'Harbor Collections');
    asAnOlderVersion(a);
    await syncAll(a, b);
    expect([statusOf(b, first), statusOf(b, second)]).toEqual(['open', 'open']);
    await expectLedgersAgree(server, a, b);

    upgrade(a, first);
    await syncAll(a, b);
    expect([statusOf(b, first), statusOf(b, second)]).toEqual(['bad_debt', 'agency']);
    expect(call(b.ctx, 'getBadDebt', { accountId: first }).standing).toMatchObject({
      amount: 20_000,
    });
    expect(placementsAt(b)).toEqual([
      { account: second, agency: 'Harbor Collections', recalled: null },
    ]);
    const desk = oneOrThrow<{ id: string }>(a.ctx.db, `SELECT desktop_id AS id FROM office_link`);
    const [move] = all<{ id: number }>(a.ctx.db, `SELECT id FROM bad_debt_moves`);
    expect(gidOf(a.ctx.db, 'bad_debt_moves', move?.id ?? 0)).toBe(`${desk.id}:${move?.id}`);

    // recalled at B, which holds the placement only as taken from A
    call(b.ctx, 'recallAccounts', { accountIds: [second], reason: 'Patient set up a plan' });
    await syncAll(b, a);
    expect(statusOf(a, second)).toBe('open');
    expect(
      one(
        a.ctx.db,
        `SELECT recall_reason AS r FROM agency_placements WHERE account_id = ?`,
        second,
      ),
    ).toEqual({ r: 'Patient set up a plan' });

    // the upgrade applied again sends nothing again
    upgrade(a, second);
    await syncAll(a, b);
    expect(await counts(server)).toEqual([
      { moves: 1, agencies: 1, sendings: 1, placements: 1, actions: 1 },
    ]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it('an agency of a name the office has is refused and listed with its placement, the account open', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owingWithNoWait);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // the older version at A and B's new one each add an agency of one name; A places with its
    placed(a.ctx, first, 'Harbor Collections');
    asAnOlderVersion(a);
    addAgency(b.ctx, { name: 'Harbor Collections' });
    await syncAll(b, a);
    // A cannot take B's agency beside its own of that name: it waits
    expect(all(a.ctx.db, `SELECT tbl FROM sync_held`)).toEqual([{ tbl: 'agencies' }]);

    upgrade(a, second);
    await syncAll(a, b);
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(/^Agency Harbor Collections was already added at another desktop/),
      expect.stringMatching(/^Not sent: it is about/),
      expect.stringMatching(/^Not sent: it is about/),
    ]);
    // A took the office's agency, its placement withdrawn and listed, the account open again
    const office = oneOrThrow<{ gid: string }>(
      b.ctx.db,
      `SELECT s.gid FROM agencies g JOIN sync_rows s ON s.tbl = 'agencies' AND s.local_id = g.id`,
    );
    const [agency] = all<{ id: number }>(a.ctx.db, `SELECT id FROM agencies`);
    expect(all(a.ctx.db, `SELECT name FROM agencies`)).toEqual([{ name: 'Harbor Collections' }]);
    expect(gidOf(a.ctx.db, 'agencies', agency?.id ?? 0)).toBe(office.gid);
    expect(all(a.ctx.db, `SELECT tbl FROM sync_held`)).toEqual([]);
    for (const d of [a, b]) {
      expect(placementsAt(d)).toEqual([]);
      expect(statusOf(d, first)).toBe('open');
    }
    expect(await counts(server)).toEqual([
      { moves: 0, agencies: 1, sendings: 0, placements: 0, actions: 0 },
    ]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it("a move of an account another desk moved first is refused and listed, the office's taken", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, owingWithNoWait);
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    // the older version at A and B's new one move one account before either syncs
    moveToBadDebt(a, first, { approver: b.ctx.userId });
    asAnOlderVersion(a);
    moveToBadDebt(b, first, { approver: a.ctx.userId });
    await syncAll(b, a);

    upgrade(a, second);
    await syncAll(a, b);
    // its write-off went to the office when it was posted: the words say it stands
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(
        /^This account was already moved to bad debt at another desktop; this move, recorded before this desktop was updated, .* Its write-off reached the office when it was posted and stands/,
      ),
    ]);
    const officeMove = await serverRows<{ gid: string }>(server, `SELECT gid FROM bad_debt_moves`);
    expect(officeMove).toHaveLength(1);
    for (const d of [a, b]) {
      expect(statusOf(d, first)).toBe('bad_debt');
      const [move] = all<{ id: number }>(
        d.ctx.db,
        `SELECT id FROM bad_debt_moves WHERE undone_at IS NULL`,
      );
      expect(gidOf(d.ctx.db, 'bad_debt_moves', move?.id ?? 0)).toBe(officeMove[0]?.gid);
    }
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it("a placement of an account another desk placed first is refused with its referral, the office's taken", async () => {
    const server = await createServerDatabase();
    // an agency of the first copy, at every desk
    const { a, b, accountIds } = await twoDesktops(server, 2, (ctx, account) => {
      owingWithNoWait(ctx, account);
      if (!one(ctx.db, `SELECT 1 AS n FROM agencies`)) addAgency(ctx, { name: 'Coastal Recovery' });
    });
    const [first, second] = accountIds as [AccountId, AccountId];
    // A linked after the first copy's agency was added (at 15:00), and placed later
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T15:30:00.000Z`);
    const later = { ...a.ctx, clock: fixedClock(TEST_TODAY, '16:00:00.000Z') };
    const agency = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM agencies`).id;
    // the older version at A and B's new one place one account before either syncs
    for (const ctx of [later, b.ctx]) {
      atFinalNotice(ctx, first, 45);
      call(ctx, 'placeAccounts', { agencyId: agency, accountIds: [first] });
    }
    asAnOlderVersion(a);
    await syncAll(b, a);

    upgrade(a, second);
    await syncAll(a, b);
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toEqual([
      expect.stringMatching(/^This account was already placed with an agency at another desktop/),
    ]);
    const [office] = await serverRows<{ gid: string }>(server, `SELECT gid FROM agency_placements`);
    for (const d of [a, b]) {
      expect(statusOf(d, first)).toBe('agency');
      const placements = all<{ id: number }>(d.ctx.db, `SELECT id FROM agency_placements`);
      expect(placements.map((p) => gidOf(d.ctx.db, 'agency_placements', p.id))).toEqual([
        office?.gid,
      ]);
      // one agency referral, the office's: A's went with its placement
      expect(all(d.ctx.db, `SELECT action FROM extraordinary_actions`)).toEqual([
        { action: 'agency_referral' },
      ]);
    }
    // A's sending went alone and stands: the file did go to the agency
    expect(await counts(server)).toEqual([
      { moves: 0, agencies: 0, sendings: 2, placements: 1, actions: 1 },
    ]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it("a move the first copy made stays this desk's own, an older version's later one sent", async () => {
    const server = await createServerDatabase();
    // the first copy's move, made before the office by a clock the link's disagrees with
    const { a, b, accountIds } = await twoDesktops(server, 2, (ctx, account) => {
      owingWithNoWait(ctx, account);
      if (account !== 1) return;
      const [approver] = all<{ id: number }>(
        ctx.db,
        `SELECT id FROM users WHERE id <> ?`,
        ctx.userId,
      );
      moveToBadDebt({ ctx } as Desktop, account, { approver: approver?.id as Ctx['userId'] });
    });
    const [first, second] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T00:00:00.000Z`);
    const later = { ...a, ctx: { ...a.ctx, clock: fixedClock(TEST_TODAY, '16:00:00.000Z') } };
    moveToBadDebt(later, second, { approver: b.ctx.userId });
    asAnOlderVersion(a);
    await syncAll(a, b);

    upgrade(a, second);
    await syncAll(a, b);
    const moves = all<{ id: number; account: number }>(
      a.ctx.db,
      `SELECT id, account_id AS account FROM bad_debt_moves ORDER BY id`,
    );
    expect(moves.map((m) => m.account)).toEqual([first, second]);
    expect(gidOf(a.ctx.db, 'bad_debt_moves', moves[0]?.id ?? 0)).toBe(`own:${moves[0]?.id}`);
    expect(await serverRows(server, `SELECT moved_at AS at FROM bad_debt_moves`)).toEqual([
      { at: `${TEST_TODAY}T16:00:00.000Z` },
    ]);
    // B holds the first copy's move as it always did, and A's later one now
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT account_id AS account FROM bad_debt_moves ORDER BY id`)).toEqual(
        [{ account: first }, { account: second }],
      );
      expect(notSyncedActions(d.ctx.db)).toEqual([]);
    }
    await expectLedgersAgree(server, a, b);
  });
});

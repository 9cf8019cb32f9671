import { expect, it } from 'vitest';
import type { AccountId, PersonId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, one, oneOrThrow } from '../db/query';
import { addAgency, atFinalNotice } from '../testing/agencies';
import { addAddress } from '../testing/builders';
import { call } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { COLUMNS, sheet, sheetRow } from '../testing/csv-sheet';
import { accountId, withSupervisors } from '../testing/office/records';
import { moveToBadDebt } from '../testing/office/bad-debt';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

/**
 * Every desktop's user a supervisor, an agency (no 501(r) gate on referrals here), and the
 * account's patient owing $200.00 at an address.
 */
function owingPatient(ctx: Ctx, account: AccountId): void {
  everyoneSupervisor(ctx);
  owing(ctx, account);
  addAddress(ctx, patientOf(ctx, account));
  if (one(ctx.db, `SELECT 1 AS n FROM agencies`)) return;
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  addAgency(ctx);
}

const patientOf = (ctx: Ctx, account: AccountId) =>
  oneOrThrow<{ id: PersonId }>(
    ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    account,
  ).id;

const agencyOf = (d: Desktop) => oneOrThrow<{ id: number }>(d.ctx.db, `SELECT id FROM agencies`).id;

const statusOf = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ status: string }>(d.ctx.db, `SELECT status FROM accounts WHERE id = ?`, account)
    .status;

const candidates = (d: Desktop) =>
  call(d.ctx, 'listStatementCandidates', {}).accounts.flatMap((a) => a.accountIds);

const serverAccounts = (server: Parameters<typeof serverRows>[0]) =>
  serverRows<{ gid: string; status: string; version: number }>(
    server,
    `SELECT gid, status, version FROM accounts ORDER BY gid`,
  );

describeWithPg("an account's own changes across the office", () => {
  it('an account moved to bad debt at one desk is bad debt at the other, and its undoing too', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    expect(candidates(b)).toEqual([account]);

    moveToBadDebt(a, account, { approver: b.ctx.userId });
    expect(statusOf(a, account)).toBe('bad_debt');
    await syncAll(a, b);

    expect(statusOf(b, account)).toBe('bad_debt');
    // B no longer sends it statements, and shows the move as the approving desk made it
    expect(candidates(b)).toEqual([]);
    expect(call(b.ctx, 'getBadDebt', { accountId: account }).standing).toMatchObject({
      amount: 20_000,
      movedOn: '2026-03-16',
    });
    // the first copy's account reaches the server at its first change, at version 2
    expect(await serverAccounts(server)).toEqual([
      { gid: `base:${account}`, status: 'bad_debt', version: 2 },
    ]);
    expect(
      await serverRows(
        server,
        `SELECT amount, undone_at AS "undoneAt", version FROM bad_debt_moves`,
      ),
    ).toEqual([{ amount: '20000', undoneAt: null, version: 1 }]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([0]);

    // undone at B, which holds the move only as taken from A
    call(b.ctx, 'undoBadDebt', { accountId: account, reason: 'Paid in full by the estate' });
    await syncAll(b, a);
    expect(statusOf(a, account)).toBe('open');
    expect(call(a.ctx, 'getBadDebt', { accountId: account }).standing).toBeNull();
    expect(candidates(a)).toEqual([account]);
    expect(
      await serverRows(server, `SELECT undo_reason AS reason, version FROM bad_debt_moves`),
    ).toEqual([{ reason: 'Paid in full by the estate', version: 2 }]);
    expect(await serverAccounts(server)).toMatchObject([{ status: 'open', version: 3 }]);
    expect((await expectLedgersAgree(server, a, b)).map((x) => x.balance)).toEqual([20_000]);
    // and A may move it again: its copy of the move stands undone
    moveToBadDebt(a, account, { approver: b.ctx.userId });
    await syncAll(a, b);
    expect(statusOf(b, account)).toBe('bad_debt');
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two desks moving one account to bad debt at once, the second is refused whole', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    moveToBadDebt(a, account, { approver: b.ctx.userId });
    moveToBadDebt(b, account, { approver: a.ctx.userId });
    await a.sync.sync();
    // B's request for the move (a note) went; the move, its write-off and status did not
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    // written off once: B's write-off went with its move, and B took A's
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([0]);
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM bad_debt_moves`)).toEqual([
      { n: 1 },
    ]);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('bad_debt');
      expect(call(d.ctx, 'getBadDebt', { accountId: account }).standing).toMatchObject({
        amount: 20_000,
      });
    }
    expect(await serverAccounts(server)).toEqual([
      { gid: `base:${account}`, status: 'bad_debt', version: 2 },
    ]);
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      'This account was already moved to bad debt at another desktop; this move and its write-off were withdrawn here and are listed; the office’s move comes with the next sync.',
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it("of two desks changing one account's status at once, the second is refused and takes the office's", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // A moves it to bad debt; B, not knowing, places it with the agency
    moveToBadDebt(a, account, { approver: b.ctx.userId });
    // past its final notice at B (written apart, its stage goes in an entry of its own)
    atFinalNotice(b.ctx, account, 45);
    call(b.ctx, 'placeAccounts', { agencyId: agencyOf(b), accountIds: [account] });
    expect(statusOf(b, account)).toBe('agency');
    await a.sync.sync();
    // the placement is the account's new status: refused with it, whole; the stage lands
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);
    // nor does the agency referral it recorded stand at B (501(r) counts it)
    for (const d of [a, b]) {
      expect(one(d.ctx.db, `SELECT count(*) AS n FROM agency_placements`)).toEqual({ n: 0 });
      expect(one(d.ctx.db, `SELECT count(*) AS n FROM extraordinary_actions`)).toEqual({ n: 0 });
    }
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM agency_placements`)).toEqual([
      { n: 0 },
    ]);

    for (const d of [a, b]) expect(statusOf(d, account)).toBe('bad_debt');
    expect(await serverAccounts(server)).toMatchObject([{ status: 'bad_debt', version: 2 }]);
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([
      `Someone changed account ${accountNumber(b, account)} first at another desktop; this desktop took the office's record of it.`,
    ]);
    // what B did is kept in the list, to redo: the placement, its history line, the status
    expect(listed[0]?.changes.map((c) => `${c.tbl} ${c.op}`)).toEqual([
      'activities insert',
      'agency_placement_batches insert',
      'agency_placements insert',
      'extraordinary_actions insert',
      'accounts update',
    ]);
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines).toEqual([
      expect.stringMatching(/^Placed with Coastal Recovery on 03\/16\/2026/),
      'Placed with an agency on 03/16/2026 with $200.00.',
      `Account ${accountNumber(b, account)} set to agency (commercial).`,
    ]);
    await expectLedgersAgree(server, a, b);
  });

  it('an account placed with an agency at one desk is at the agency at the other, and its recall too', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    // an agency added at A after joining, and the account placed with it there
    const agencyId = addAgency(a.ctx, { name: 'Harbor Collections' });
    atFinalNotice(a.ctx, account, 45);
    call(a.ctx, 'placeAccounts', { agencyId, accountIds: [account] });
    await syncAll(a, b);

    expect(statusOf(b, account)).toBe('agency');
    const atB = oneOrThrow<{ name: string; balance: number; recalled: string | null }>(
      b.ctx.db,
      `SELECT g.name, p.balance_placed AS balance, p.recalled_on AS recalled
         FROM agency_placements p JOIN agencies g ON g.id = p.agency_id WHERE p.account_id = ?`,
      account,
    );
    expect(atB).toEqual({ name: 'Harbor Collections', balance: 20_000, recalled: null });
    // the referral is an extraordinary collection action at every desk, for the 501(r) clock
    expect(
      one(b.ctx.db, `SELECT action FROM extraordinary_actions WHERE account_id = ?`, account),
    ).toEqual({ action: 'agency_referral' });
    expect(await serverAccounts(server)).toEqual([
      { gid: `base:${account}`, status: 'agency', version: 2 },
    ]);

    // recalled at B, which holds the placement only as taken from A
    const recalled = call(b.ctx, 'recallAccounts', {
      accountIds: [account],
      reason: 'Patient called to set up a plan',
    });
    expect(recalled.accountIds).toEqual([account]);
    await syncAll(b, a);
    expect(statusOf(a, account)).toBe('open');
    expect(
      one(
        a.ctx.db,
        `SELECT recall_reason AS r FROM agency_placements WHERE account_id = ?`,
        account,
      ),
    ).toEqual({ r: 'Patient called to set up a plan' });
    expect(
      await serverRows(server, `SELECT recall_reason AS r, version FROM agency_placements`),
    ).toEqual([{ r: 'Patient called to set up a plan', version: 2 }]);
    expect(await serverAccounts(server)).toMatchObject([{ status: 'open', version: 3 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
    await expectLedgersAgree(server, a, b);
  });

  it('of two desks placing one account at once, the second is refused with its placement', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    for (const d of [a, b]) {
      atFinalNotice(d.ctx, account, 45);
      call(d.ctx, 'placeAccounts', { agencyId: agencyOf(d), accountIds: [account] });
    }
    await a.sync.sync();
    // B's final notice stage, the same as A's, changes nothing; its placement is refused
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      'This account was already placed with an agency at another desktop; this placement was withdrawn here and is listed; the office’s comes with the next sync.',
    ]);
    // placed once, at every desk: A's placement, taken at B in place of its own
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('agency');
      expect(
        all(
          d.ctx.db,
          `SELECT account_id AS account, recalled_on AS recalled FROM agency_placements`,
        ),
      ).toEqual([{ account, recalled: null }]);
    }
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM agency_placements`)).toEqual([
      { n: 1 },
    ]);
  });

  it("an agency's payment file imported at two desks is posted once", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, owingPatient);
    const [account] = accountIds as [AccountId];
    atFinalNotice(a.ctx, account, 45);
    call(a.ctx, 'placeAccounts', { agencyId: agencyOf(a), accountIds: [account] });
    await syncAll(a, b);
    const file = [
      'Account,Date,Amount,Reference',
      `${accountNumber(a, account)},03/16/2026,80.00,CR-7`,
    ];
    const pay = (d: Desktop) =>
      call(d.ctx, 'importAgencyPayments', {
        agencyId: agencyOf(d),
        fileName: 'pay.csv',
        text: file.join('\n'),
      });
    for (const d of [a, b]) expect(pay(d).posted).toBe(1);
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "The agency's payment CR-7 was already posted at another desktop; this file's postings were withdrawn here and are listed; the office’s come with the next sync.",
    ]);
    // $80.00 paid to the agency, $20.00 of it its commission: credited once at every desk
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([12_000]);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT reference, gross FROM agency_payments`)).toEqual([
        { reference: 'CR-7', gross: 8_000 },
      ]);
    }
    // and imported again at B, which now has the office's payment, it posts nothing
    expect(pay(b)).toMatchObject({ posted: 0, alreadyPosted: 1 });
  });

  it('an account created after joining and moved to bad debt at another desk lands there', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withSupervisors);
    // a self-pay balance of $80.00, nothing with insurance
    const imported = call(a.ctx, 'importCsv', {
      fileName: 'accounts.csv',
      text: sheet([sheetRow('300100', 'ACME01', { 'Ins Balance': '0' })]),
      columns: COLUMNS,
    });
    expect(imported.imported).toBe(1);
    await syncAll(a, b);
    const atB = accountId(b.ctx, '300100');
    expect(one(b.ctx.db, `SELECT patient_balance AS p FROM accounts WHERE id = ?`, atB)).toEqual({
      p: 8_000,
    });
    moveToBadDebt(b, atB, { approver: a.ctx.userId });
    await syncAll(b, a);
    expect(statusOf(a, accountId(a.ctx, '300100'))).toBe('bad_debt');
    expect(await serverAccounts(server)).toEqual([
      { gid: expect.stringMatching(/^[0-9a-f-]{36}:\d+$/), status: 'bad_debt', version: 2 },
    ]);
    await expectLedgersAgree(server, a, b);
  });
});

const accountNumber = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ n: string }>(
    d.ctx.db,
    `SELECT account_number AS n FROM accounts WHERE id = ?`,
    account,
  ).n;

import { expect, it } from 'vitest';
import type { AccountId, PayerId, PersonId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, one, oneOrThrow, run } from '../db/query';
import { call } from '../testing/call';
import { payerEdit } from '../testing/payers';
import { appliedAtServer, entriesToSend } from '../testing/office/entries';
import { desktopsOf, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { import277, serverClaim, withBilledClaim } from '../testing/office/claim-changes';
import { serverRows } from '../testing/office/office-copy';
import {
  accountId,
  claimNumberOf,
  importClaim,
  serverCount,
  withAcme,
  withRiveraAccount,
} from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { SUBSCRIBER } from '../testing/claims';
import { isoDate } from '../../shared/dates/iso-date';
import { setSyncRow } from './gids';
import { notSyncedActions } from './not-synced';
import { applyEntry } from './server/apply';
import { takeRows } from './take';
import type { ServerRow } from './wire';
import { inWriteTransaction } from '../upkeep/upkeep';
import { withCaptureOff } from './capture';

const claimOf = (ctx: Ctx, number: string) =>
  one<{ status: string }>(ctx.db, `SELECT status FROM claims WHERE claim_number = ?`, number);

const patientOf = (ctx: Ctx, account: AccountId) =>
  oneOrThrow<{ id: PersonId; deceasedDate: string | null; returnedMail: number }>(
    ctx.db,
    `SELECT p.id, p.deceased_date AS deceasedDate, p.returned_mail AS returnedMail
       FROM accounts a JOIN people p ON p.id = a.patient_id WHERE a.id = ?`,
    account,
  );

describeWithPg('changes to records across the office', () => {
  it("a claim's status and a person's date of death changed at one desktop reach the other", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, withBilledClaim);
    const [account] = accountIds as [AccountId];

    import277(a, 'K-100', 'A2:20:PR', '000000001');
    call(a.ctx, 'recordDeath', {
      accountId: account,
      personId: patientOf(a.ctx, account).id,
      deceasedDate: '2026-03-01',
      source: 'Obituary',
    });
    await syncAll(a, b);

    expect(claimOf(b.ctx, 'K-100')).toEqual({ status: 'acknowledged' });
    expect(patientOf(b.ctx, account)).toMatchObject({ deceasedDate: '2026-03-01' });
    // the first copy's claim reaches the server at its first change, at version 2
    expect(await serverClaim(server, 'K-100')).toEqual([
      { gid: expect.stringMatching(/^base:\d+$/), status: 'acknowledged', version: 2 },
    ]);

    // B changes it on from there; A takes it
    import277(b, 'K-100', 'A7:21:85', '000000002');
    await syncAll(b, a);
    expect(claimOf(a.ctx, 'K-100')).toEqual({ status: 'rejected' });
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ status: 'rejected', version: 3 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('a claim created at one desktop and changed at another is changed at every desktop', async () => {
    const server = await createServerDatabase();
    const { desktops } = await desktopsOf(server, 3, 1, withAcme);
    const [a, b, c] = desktops as [Desktop, Desktop, Desktop];
    importClaim(a, '100234', [12_000]);
    await syncAll(a, b);
    const number = claimNumberOf(b.ctx, accountId(b.ctx, '100234'));

    import277(b, number, 'A7:21:85', '000000003');
    await syncAll(b, a);
    // C, away until now, takes the claim's insert and its change in one read
    await c.sync.pull();

    for (const d of [a, c]) expect(claimOf(d.ctx, number)).toEqual({ status: 'rejected' });
    expect(await serverClaim(server, number)).toMatchObject([{ status: 'rejected', version: 2 }]);
    const versionAt = (d: Desktop) =>
      oneOrThrow<{ v: number }>(
        d.ctx.db,
        `SELECT r.version AS v FROM sync_rows r JOIN claims c ON c.id = r.local_id
           WHERE r.tbl = 'claims' AND c.claim_number = ?`,
        number,
      ).v;
    expect(desktops.map(versionAt)).toEqual([2, 2, 2]);
    for (const d of desktops) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two desktops changing one claim at once, the second is refused, listed, and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000004');
    import277(b, 'K-100', 'A7:21:85', '000000005');
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    expect(await serverClaim(server, 'K-100')).toMatchObject([
      { status: 'acknowledged', version: 2 },
    ]);
    for (const d of [a, b]) expect(claimOf(d.ctx, 'K-100')).toEqual({ status: 'acknowledged' });
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.map((n) => n.reason)).toEqual([
      "Someone changed claim K-100 first at another desktop; this desktop took the office's record of it.",
    ]);
    // what B did is kept in the list, to redo
    expect(listed[0]?.changes[0]).toMatchObject({ tbl: 'claims', row: { status: 'rejected' } });
    expect(call(b.ctx, 'listNotSynced', {}).actions).toEqual([
      expect.objectContaining({
        accountNumber: oneOrThrow<{ n: string }>(
          b.ctx.db,
          `SELECT account_number AS n FROM accounts`,
        ).n,
        lines: ['Claim K-100 set to rejected.'],
      }),
    ]);
    // B's note and follow-up about the rejection went on their own
    expect(
      await serverCount(
        server,
        `SELECT count(*) AS n FROM follow_ups WHERE reason LIKE 'Fix and resubmit%'`,
      ),
    ).toBe(1);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);

    // the next change at B starts from the office's version and lands
    import277(b, 'K-100', 'A7:21:85', '000000006');
    await syncAll(b, a);
    for (const d of [a, b]) expect(claimOf(d.ctx, 'K-100')).toEqual({ status: 'rejected' });
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ status: 'rejected', version: 3 }]);
  });

  it('of two desktops changing one person at once, the second is refused and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const [account] = accountIds as [AccountId];
    call(a.ctx, 'recordDeath', {
      accountId: account,
      personId: patientOf(a.ctx, account).id,
      deceasedDate: '2026-03-01',
      source: 'Obituary',
    });
    call(b.ctx, 'recordReturnedMail', { accountId: account, receivedOn: '2026-03-15' });
    expect(patientOf(b.ctx, account)).toMatchObject({ returnedMail: 1 });
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(patientOf(d.ctx, account)).toMatchObject({
        deceasedDate: '2026-03-01',
        returnedMail: 0,
      });
    }
    expect(
      await serverRows(
        server,
        `SELECT deceased_date AS d, returned_mail AS r, version FROM people`,
      ),
    ).toEqual([{ d: '2026-03-01', r: 0, version: 2 }]);
    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "Someone changed this person's details first at another desktop; this desktop took the office's record of it.",
    ]);
    // B's note and skip-trace follow-up went on their own
    expect(
      await serverCount(server, `SELECT count(*) AS n FROM follow_ups WHERE kind = 'skip_trace'`),
    ).toBe(1);
  });

  it('a change applied twice, or taken twice, changes nothing more', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    import277(a, 'K-100', 'A2:20:PR', '000000007');
    const entries = entriesToSend(a);
    const changed = entries.find((e) => e.changes.some((c) => c.tbl === 'claims'));
    if (!changed) throw new Error('the claim change was not sealed');
    // with the 277's status events, which go where the claim change goes
    expect(changed.changes).toEqual([
      expect.objectContaining({ tbl: 'claims', op: 'update', baseVersion: 1, version: 2 }),
      expect.objectContaining({ tbl: 'claim_status_events', op: 'insert' }),
    ]);
    const { pool, desktopId } = await appliedAtServer(server, a, entries);
    const logged = await serverCount(server, `SELECT count(*) AS n FROM change_log`);
    expect(await applyEntry(pool, desktopId, changed)).toEqual({ outcome: 'accepted' });
    expect(await serverCount(server, `SELECT count(*) AS n FROM change_log`)).toBe(logged);
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ version: 2 }]);
    // the desktop, which never heard the answers, sends them again
    expect((await a.sync.sync()).push).toEqual({ accepted: entries.length, refused: 0 });
    expect(await serverClaim(server, 'K-100')).toMatchObject([{ version: 2 }]);

    await b.sync.pull();
    expect(claimOf(b.ctx, 'K-100')).toEqual({ status: 'acknowledged' });
    const change = changed.changes[0];
    if (change?.tbl !== 'claims') throw new Error('not a claim');
    const row: ServerRow = { tbl: 'claims', gid: change.gid, version: 2, row: change.row };
    const again = inWriteTransaction(b.ctx, () =>
      withCaptureOff(b.ctx.db, () => takeRows(b.ctx.db, [row])),
    );
    expect(again).toBe(0);
    expect(all(b.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
  });

  it("a claim file's new member ID and filled-in details of an earlier account reach the other desktop", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withRiveraAccount);
    const details = (ctx: Ctx) =>
      oneOrThrow(
        ctx.db,
        `SELECT c.member_id AS memberId, c.group_number AS groupNumber, p.middle_name AS middle,
             p.sex FROM accounts a JOIN coverages c ON c.account_id = a.id AND c.priority = 1
             JOIN people p ON p.id = a.patient_id WHERE a.account_number = '200500'`,
      );
    expect(details(b.ctx)).toEqual({ memberId: 'M1', groupNumber: null, middle: null, sex: null });
    importClaim(a, '200500', [10_000]);
    await syncAll(a, b);
    const filled = { memberId: 'ACM123456789', groupNumber: 'G-1001', middle: 'M', sex: 'F' };
    expect(details(a.ctx)).toEqual(filled);
    expect(details(b.ctx)).toEqual(filled);
    expect(
      await serverRows(
        server,
        `SELECT member_id AS m, version FROM coverages WHERE gid LIKE 'base:%'`,
      ),
    ).toEqual([{ m: 'ACM123456789', version: 2 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('a change refused with its request, of a record the office has no row of, stays here and the next one lands', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withRiveraAccount);
    // A's claim file is for someone else; B's fills in Ana Rivera, of the first copy
    importClaim(a, '100234', [12_000], 'a.837', {
      subscriber: {
        ...SUBSCRIBER,
        name: { last: 'Stone', first: 'Mia', middle: 'Q', suffix: null },
        dateOfBirth: isoDate('1975-06-01'),
      },
    });
    importClaim(b, '100234', [30_000], 'b.837');
    const rivera = (ctx: Ctx) =>
      oneOrThrow<{ id: PersonId; middle: string | null; deceased: string | null }>(
        ctx.db,
        `SELECT p.id, p.middle_name AS middle, p.deceased_date AS deceased FROM accounts a
           JOIN people p ON p.id = a.patient_id WHERE a.account_number = '200500'`,
      );
    expect(rivera(b.ctx).middle).toBe('M');
    await a.sync.sync();
    expect((await b.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    // B's account 100234 was refused, and its filling-in of Ana Rivera with it
    const listed = notSyncedActions(b.ctx.db);
    expect(listed.find((n) => n.changes.some((c) => c.tbl === 'people'))?.reason).toBe(
      'Not sent: it belongs to an action with money or new records that was not synced.',
    );
    expect(
      await serverCount(server, `SELECT count(*) AS n FROM people WHERE gid LIKE 'base:%'`),
    ).toBe(0);
    // the office has nothing of her to take: B keeps its own, from the version it started at
    expect(rivera(b.ctx).middle).toBe('M');
    expect(rivera(a.ctx).middle).toBeNull();

    const account = accountId(b.ctx, '200500');
    call(b.ctx, 'recordDeath', {
      accountId: account,
      personId: rivera(b.ctx).id,
      deceasedDate: '2026-03-01',
      source: 'Obituary',
    });
    await syncAll(b, a);
    expect(notSyncedActions(b.ctx.db)).toHaveLength(listed.length);
    expect(rivera(a.ctx)).toMatchObject({ middle: 'M', deceased: '2026-03-01' });
    expect(await serverRows(server, `SELECT version FROM people WHERE gid LIKE 'base:%'`)).toEqual([
      { version: 2 },
    ]);
  });

  it('a payer edited in Settings at one desktop is edited at the other', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx) => {
      withAcme(ctx);
      for (const { id } of all<{ id: number }>(ctx.db, `SELECT id FROM users`)) {
        ctx.db.prepare(`UPDATE users SET role = 'supervisor' WHERE id = ?`).run(id);
      }
    });
    const acme = (ctx: Ctx) =>
      oneOrThrow<{ id: PayerId; name: string; days: number }>(
        ctx.db,
        `SELECT id, name, appeal_window_days AS days FROM payers WHERE payer_code = 'ACME01'`,
      );
    call(
      a.ctx,
      'updatePayer',
      payerEdit(a.ctx, acme(a.ctx).id, { name: 'Acme Health Plan West', appealWindowDays: 90 }),
    );
    await syncAll(a, b);
    expect(acme(b.ctx)).toMatchObject({ name: 'Acme Health Plan West', days: 90 });
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });
  it('a change kept here for naming a row of this desk’s own leaves the version where it was', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withBilledClaim);
    // a payer the office refused that could not be withdrawn, kept as this desk's own
    const own = withCaptureOff(a.ctx.db, () =>
      Number(
        run(
          a.ctx.db,
          `INSERT INTO payers (name, payer_code, financial_class, timely_filing_days,
               appeal_window_days) VALUES ('Own Plan', 'OWN01', 'commercial', 180, 180)`,
        ).lastInsertRowid,
      ),
    );
    setSyncRow(a.ctx.db, 'payers', own, `own:${own}`, 1);
    const claim = oneOrThrow<{ id: number; payerId: number }>(
      a.ctx.db,
      `SELECT id, payer_id AS payerId FROM claims WHERE claim_number = 'K-100'`,
    );
    const movePayer = (payerId: number) =>
      inWriteTransaction(a.ctx, () =>
        run(a.ctx.db, `UPDATE claims SET payer_id = ? WHERE id = ?`, payerId, claim.id),
      );
    const version = () =>
      one<{ v: number }>(
        a.ctx.db,
        `SELECT version AS v FROM sync_rows WHERE tbl = 'claims' AND local_id = ?`,
        claim.id,
      )?.v ?? 1;

    movePayer(own);
    // the change names the own payer: it stays here, and the claim stays at the office's version
    expect(all(a.ctx.db, `SELECT seq FROM outbox`)).toEqual([]);
    expect(version()).toBe(1);

    movePayer(claim.payerId);
    import277(a, 'K-100', 'A2:20:PR', '000000008');
    expect((await a.sync.sync()).push.refused).toBe(0);
    await syncAll(a, b);
    expect(await serverClaim(server, 'K-100')).toMatchObject([
      { status: 'acknowledged', version: 3 },
    ]);
    expect(claimOf(b.ctx, 'K-100')).toEqual({ status: 'acknowledged' });
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });
});

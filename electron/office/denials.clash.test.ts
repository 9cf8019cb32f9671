import { expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverCount } from '../testing/office/records';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

/** The account owes Acme $500.00 on one billed claim. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health', appealWindowDays: 180 });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [50_000]);
}

const claim = (ctx: Ctx) =>
  oneOrThrow<{ id: number; accountId: AccountId; n: string }>(
    ctx.db,
    `SELECT id, account_id AS accountId, claim_number AS n FROM claims`,
  );

/** Acme refuses the whole claim as not medically necessary. */
function importDenial(d: Desktop, trace: string, date: IsoDate = TEST_TODAY): void {
  const text = remittanceFile(
    [
      remitClaim({
        patientControlNumber: claim(d.ctx).n,
        charge: 50_000,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '50', amount: 50_000 }],
      }),
    ],
    { trace, date },
  );
  expect(call(d.ctx, 'importFile', { fileName: `${trace}.835`, text }).status).toBe('posted');
}

/** Each denial by office-wide id, with its follow-up's by office-wide id and status. */
const denials = (ctx: Ctx) =>
  all<{ id: number; followUpId: number; status: string }>(
    ctx.db,
    `SELECT d.id, d.follow_up_id AS followUpId, f.status FROM denials d
       JOIN follow_ups f ON f.id = d.follow_up_id`,
  ).map((d) => ({
    gid: gidOf(ctx.db, 'denials', d.id),
    followUp: gidOf(ctx.db, 'follow_ups', d.followUpId),
    status: d.status,
  }));

const followUpOf = (ctx: Ctx) =>
  oneOrThrow<{ id: number }>(
    ctx.db,
    `SELECT id FROM follow_ups WHERE kind = 'denial' AND status = 'open'`,
  ).id;

const denialFollowUp = (ctx: Ctx) =>
  oneOrThrow<{ id: number }>(ctx.db, `SELECT follow_up_id AS id FROM denials`).id;

describeWithPg('a denial meeting the office’s at the server', () => {
  it('recorded at a second desk is refused in plain words, and that desk takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a, 'EFT-A');
    await a.sync.sync();
    call(a.ctx, 'completeFollowUp', { followUpId: denialFollowUp(a.ctx) });
    await a.sync.sync();
    // B's own 835 denies the same claim before B hears of A's denial
    importDenial(b, 'EFT-B');
    const pushed = await b.sync.sync();
    expect(pushed.push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    expect(await serverCount(server, `SELECT count(*) AS n FROM denials`)).toBe(1);
    expect(all(b.ctx.db, `SELECT count(*) AS n FROM outbox`)).toEqual([{ n: 0 }]);
    expect(denials(b.ctx)).toEqual(denials(a.ctx));
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    // B's denial and the follow-up it opened are listed there, with what they held
    // B's denial and the follow-up it opened are listed there, with what they held (its
    // change to the claim's status met A's, as any two postings' do)
    const listed = notSyncedActions(b.ctx.db).find((n) =>
      n.changes.some((c) => c.tbl === 'denials'),
    );
    expect(listed?.reason).toBe(
      "This claim's denial was already recorded at another desktop; this desktop took the office's and withdrew its own, listed here with what went with it: work the claim's denial on the office's.",
    );
    expect(listed?.changes.map((c) => `${c.op} ${c.tbl}`)).toEqual([
      'insert follow_ups',
      'insert denials',
    ]);
    // the posting and its notes landed: B's history of the claim's denial is everywhere
    expect(await serverCount(server, `SELECT count(*) AS n FROM receipts`)).toBe(2);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Denied %'`)).toHaveLength(
        2,
      );
    }
  });

  it('recorded where another desk opened the claim’s denial follow-up first lands on that one', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    const c = claim(a.ctx);
    call(a.ctx, 'setFollowUp', {
      accountId: c.accountId,
      claimId: c.id,
      kind: 'denial',
      dueDate: TEST_TODAY,
    });
    await a.sync.sync();
    // B's 835 denies the claim before B hears of A's follow-up
    importDenial(b, 'EFT-B');
    await b.sync.sync();
    await syncAll(a, b);

    expect(await serverCount(server, `SELECT count(*) AS n FROM denials`)).toBe(1);
    const onA = denials(a.ctx);
    expect(onA).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(onA[0]?.followUp).toBe(gidOf(a.ctx.db, 'follow_ups', followUpOf(a.ctx)));
    expect(denials(b.ctx)).toEqual(onA);
    // one open denial follow-up, A's, with the denial's deadline, at every desk
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT status FROM follow_ups WHERE kind = 'denial'`)).toEqual([
        { status: 'open' },
      ]);
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
      expect(all(d.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    }
    expect(
      notSyncedActions(b.ctx.db).filter((n) => n.changes.some((x) => x.tbl === 'denials')),
    ).toEqual([]);
    expect(
      await serverRows(server, `SELECT deadline_date AS d FROM follow_ups WHERE kind = 'denial'`),
    ).toEqual(all(b.ctx.db, `SELECT deadline_date AS d FROM denials`));
  });

  it('denied again where another desk opened the claim’s denial follow-up keeps the claim’s change', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, billed);
    importDenial(a, 'EFT-A1', addDays(TEST_TODAY, -7));
    await syncAll(a, b);
    call(a.ctx, 'completeFollowUp', { followUpId: denialFollowUp(a.ctx) });
    await syncAll(a, b);
    const c = claim(b.ctx);
    call(b.ctx, 'setFollowUp', {
      accountId: c.accountId,
      claimId: c.id,
      kind: 'denial',
      dueDate: TEST_TODAY,
    });
    await b.sync.sync();
    // the payer denies the claim again at A a week later, before A hears of B's follow-up
    importDenial(a, 'EFT-A2');
    const sealed = all<{ changes: string }>(
      a.ctx.db,
      `SELECT changes FROM outbox ORDER BY seq`,
    ).map((e) => changesSchema.parse(JSON.parse(e.changes)).map((x) => `${x.op} ${x.tbl}`));
    // the re-denial goes with the follow-up opened for it, apart from the claim's change
    expect(sealed).toContainEqual(['insert follow_ups', 'update denials']);
    expect(sealed).toContainEqual(['update claims']);
    await a.sync.sync();
    await syncAll(a, b);

    expect(notSyncedActions(a.ctx.db)).toEqual([]);
    const claimAt = (ctx: Ctx) => all(ctx.db, `SELECT status, remit_date AS remitted FROM claims`);
    expect(claimAt(b.ctx)).toEqual([{ status: 'denied', remitted: TEST_TODAY }]);
    expect(claimAt(a.ctx)).toEqual(claimAt(b.ctx));
    expect(await serverRows(server, `SELECT version FROM denials`)).toEqual([{ version: 2 }]);
    expect(denials(a.ctx)).toEqual([
      expect.objectContaining({ followUp: gidOf(b.ctx.db, 'follow_ups', followUpOf(b.ctx)) }),
    ]);
    expect(denials(b.ctx)).toEqual(denials(a.ctx));
  });
});

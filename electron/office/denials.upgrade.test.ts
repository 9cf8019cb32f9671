import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { migration061 } from '../db/migrations/061-office-denials-of-older-versions';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { unsentByAnOlderVersion } from '../testing/office/older-version';
import { claimNumberOf } from '../testing/office/records';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { TEST_TODAY } from '../testing/test-db';
import { gidOf, requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { changes as changesSchema } from './wire';

/** The account owes its payer $500.00 on one billed claim. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [50_000]);
}

/** The payer refuses the account's claim in full. */
function deny(ctx: Ctx, accountId: AccountId, trace: string): void {
  remit(ctx, accountId, trace, false);
}

/** The payer's 835 for the account's claim: paid in full, or refused in full. */
function remit(ctx: Ctx, accountId: AccountId, trace: string, paid: boolean): void {
  const claim = claimNumberOf(ctx, accountId);
  const text = remittanceFile(
    [
      remitClaim({
        patientControlNumber: claim,
        charge: 50_000,
        paid: paid ? 50_000 : 0,
        status: paid ? '1' : '4',
        adjustments: paid ? [] : [{ group: 'CO', reason: '50', amount: 50_000 }],
      }),
    ],
    { trace, date: TEST_TODAY },
  );
  expect(call(ctx, 'importFile', { fileName: `${trace}.835`, text }).status).toBe('posted');
}

const states = (ctx: Ctx) =>
  call(ctx, 'listDenials', { open: false }).rows.map((r) => `${r.claimNumber} ${r.state}`);

/** What an older version left of a denial recorded at a linked desk: no office-wide id, nothing sent. */
const asAnOlderVersionLeftIt = (ctx: Ctx) => unsentByAnOlderVersion(ctx.db, ['denials'], 'dropped');

/** Two desks, and the claim's denial an older version recorded at A since it linked, synced. */
async function deniedByAnOlderVersionAtA() {
  const server = await createServerDatabase();
  const { a, b, accountIds } = await twoDesktops(server, 1, billed);
  const [account] = accountIds as [AccountId];
  run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T08:00:00.000Z`);
  deny(a.ctx, account, 'EFT-OLD');
  asAnOlderVersionLeftIt(a.ctx);
  await syncAll(a, b);
  return { server, a, b, account };
}

describeWithPg('denials an older version recorded at a linked desk', () => {
  it('travel under the desk’s own id at the upgrade, alone, at their newest state', async () => {
    const { server, a, b } = await deniedByAnOlderVersionAtA();
    expect(states(b.ctx)).toEqual([]);

    // the upgrade: migration 61, then A's next request carries the denial
    a.ctx.db.exec(migration061);
    const id = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM denials`).id;
    const gid = `${requireOfficeLink(a.ctx.db).desktopId}:${id}`;
    expect(gidOf(a.ctx.db, 'denials', id)).toBe(gid);
    call(a.ctx, 'updateDenial', { denialId: id, state: 'in_review' });
    const sealed = all<{ changes: string; partOf: number | null }>(
      a.ctx.db,
      `SELECT changes, part_of AS partOf FROM outbox ORDER BY seq`,
    ).map((e) => ({
      tables: changesSchema.parse(JSON.parse(e.changes)).map((c) => `${c.op} ${c.tbl}`),
      part: e.partOf !== null,
    }));
    expect(sealed).toEqual([
      { tables: ['insert activities'], part: false },
      { tables: ['insert denials'], part: false },
    ]);
    await syncAll(a, b);

    expect(await serverRows(server, `SELECT gid, state, version FROM denials`)).toEqual([
      { gid, state: 'in_review', version: 1 },
    ]);
    expect(states(b.ctx)).toEqual(states(a.ctx));
    expect(states(b.ctx)[0]).toMatch(/ in_review$/);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('go alone, not as a part of the next posting, which may be refused without them', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 2, billed);
    const [denied, paid] = accountIds as [AccountId, AccountId];
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T08:00:00.000Z`);
    deny(a.ctx, denied, 'EFT-OLD');
    asAnOlderVersionLeftIt(a.ctx);
    await syncAll(a, b);
    // B posts the payer's payment first; A, just upgraded, posts the same file
    remit(b.ctx, paid, 'EFT-PAID', true);
    await b.sync.sync();
    a.ctx.db.exec(migration061);
    remit(a.ctx, paid, 'EFT-PAID', true);
    const sealed = all<{ changes: string; partOf: number | null }>(
      a.ctx.db,
      `SELECT changes, part_of AS partOf FROM outbox ORDER BY seq`,
    ).map((e) => ({
      denials: changesSchema.parse(JSON.parse(e.changes)).some((c) => c.tbl === 'denials'),
      part: e.partOf !== null,
    }));
    expect(sealed).toContainEqual({ denials: true, part: false });
    expect(sealed).not.toContainEqual({ denials: true, part: true });
    expect((await a.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    // the refused posting took none of the earlier denial down
    expect(await serverRows(server, `SELECT state FROM denials`)).toEqual([{ state: 'new' }]);
    expect(states(b.ctx)).toEqual(states(a.ctx));
    expect(states(a.ctx)).toHaveLength(1);
    for (const n of notSyncedActions(a.ctx.db)) {
      expect(n.changes.some((c) => c.tbl === 'denials')).toBe(false);
    }
  });

  it('are refused and take the office’s when another desk recorded the claim’s denial first', async () => {
    const { server, a, b, account } = await deniedByAnOlderVersionAtA();
    // B, on the new version, records the claim's denial from the payer's second 835
    deny(b.ctx, account, 'EFT-NEW');
    await b.sync.sync();
    a.ctx.db.exec(migration061);
    call(a.ctx, 'updateDenial', {
      denialId: oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM denials`).id,
      state: 'in_review',
    });
    await syncAll(a, b);
    await syncAll(a, b);

    expect(await serverRows(server, `SELECT state, version FROM denials`)).toEqual([
      { state: 'new', version: 1 },
    ]);
    expect(states(a.ctx)).toEqual(states(b.ctx));
    expect(all(a.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(all(a.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    expect(notSyncedActions(a.ctx.db).map((n) => n.reason)).toContain(
      "This claim's denial was already recorded at another desktop; this desktop took the office's and withdrew its own, listed here with what went with it: work the claim's denial on the office's.",
    );
  });

  it("leave the first copy's denials as the first copy's, which reach the office at their first change", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx, accountId) => {
      billed(ctx, accountId);
      deny(ctx, accountId, 'EFT-BASE');
    });
    const id = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM denials`).id;
    // the clocks disagree: the first copy's denial looks recorded after A's link
    run(a.ctx.db, `UPDATE office_link SET linked_at = ?`, '2000-01-01T00:00:00.000Z');
    a.ctx.db.exec(migration061);
    expect(all(a.ctx.db, `SELECT * FROM outbox_pending`)).toEqual([]);
    expect(gidOf(a.ctx.db, 'denials', id)).toBe(`base:${id}`);

    call(b.ctx, 'updateDenial', { denialId: id, state: 'appeal_drafted' });
    await syncAll(b, a);
    expect(await serverRows(server, `SELECT gid, state, version FROM denials`)).toEqual([
      { gid: `base:${id}`, state: 'appeal_drafted', version: 2 },
    ]);
    expect(states(a.ctx)).toEqual(states(b.ctx));
    expect(states(a.ctx)[0]).toMatch(/ appeal_drafted$/);
  });
});

import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { oneOrThrow } from '../db/query';
import { addAgency, agencyNamed, atFinalNotice, editAgency } from '../testing/agencies';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

/** Every desk's user a supervisor, an owing patient at an address, and the first copy's agency. */
function office(ctx: Ctx, account: AccountId): void {
  supervisorsOwing(ctx, account);
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  addAgency(ctx, { name: 'Coastal Recovery' });
}

/** An agency's fields, without the copy's own id, to compare copies. */
const stateOf = (d: Desktop, name: string) => {
  const { id: _id, ...state } = agencyNamed(d.ctx, name);
  return state;
};

const serverAgencies = (server: Parameters<typeof serverRows>[0]) =>
  serverRows<{ gid: string; name: string; version: number }>(
    server,
    `SELECT gid, name, version FROM agencies ORDER BY name`,
  );

describeWithPg('collection agencies edited across the office', () => {
  it('an agency edited at one desk is edited at the other, and set inactive takes no account there', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, office);
    const [account] = accountIds as [AccountId];

    editAgency(a.ctx, 'Coastal Recovery', {
      name: 'Coastal Recovery Group',
      commissionBps: 3000,
      remittance: 'net',
      contact: 'Lee at 207-555-0142',
      columns: ['account', 'balance'],
      active: false,
    });
    await syncAll(a, b);

    expect(stateOf(b, 'Coastal Recovery Group')).toEqual(stateOf(a, 'Coastal Recovery Group'));
    expect(agencyNamed(b.ctx, 'Coastal Recovery Group')).toMatchObject({
      commissionBps: 3000,
      remittance: 'net',
      active: 0,
    });
    // the first copy's agency reaches the server at its first change, at version 2
    expect(await serverAgencies(server)).toEqual([
      { gid: expect.stringMatching(/^base:\d+$/), name: 'Coastal Recovery Group', version: 2 },
    ]);
    // B no longer places accounts with it
    atFinalNotice(b.ctx, account, 45);
    expect(() =>
      call(b.ctx, 'placeAccounts', {
        agencyId: agencyNamed(b.ctx, 'Coastal Recovery Group').id,
        accountIds: [account],
      }),
    ).toThrow(/Coastal Recovery Group is no longer in use/);

    // an agency added at B after joining, edited at A, is edited at B
    addAgency(b.ctx, { name: 'Harbor Collections' });
    await syncAll(b, a);
    editAgency(a.ctx, 'Harbor Collections', { commissionBps: 1250 });
    await syncAll(a, b);
    expect(agencyNamed(b.ctx, 'Harbor Collections').commissionBps).toBe(1250);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
  });

  it('an agency set inactive at one desk refuses the accounts another sends it before it knows', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, office);
    const [account] = accountIds as [AccountId];
    editAgency(a.ctx, 'Coastal Recovery', { active: false });
    await a.sync.sync();
    // B, not yet told, places the account with it
    atFinalNotice(b.ctx, account, 45);
    call(b.ctx, 'placeAccounts', {
      agencyId: agencyNamed(b.ctx, 'Coastal Recovery').id,
      accountIds: [account],
    });
    await syncAll(b, a);

    expect(await serverRows(server, `SELECT count(*)::int AS n FROM agency_placements`)).toEqual([
      { n: 0 },
    ]);
    for (const d of [a, b]) {
      expect(
        oneOrThrow<{ status: string }>(
          d.ctx.db,
          `SELECT status FROM accounts WHERE id = ?`,
          account,
        ).status,
      ).toBe('open');
      expect(agencyNamed(d.ctx, 'Coastal Recovery').active).toBe(0);
    }
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      'The agency was set to take no new accounts at another desktop; these placements were withdrawn here and are listed, and the accounts can be placed with another agency.',
    ]);
  });

  it('of two desks editing one agency at once, the second is refused, listed, and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);

    editAgency(a.ctx, 'Coastal Recovery', { commissionBps: 3000 });
    editAgency(b.ctx, 'Coastal Recovery', { commissionBps: 2000, remittance: 'net' });
    await syncAll(a, b);
    await syncAll(a, b);

    expect(stateOf(b, 'Coastal Recovery')).toEqual(stateOf(a, 'Coastal Recovery'));
    expect(agencyNamed(b.ctx, 'Coastal Recovery')).toMatchObject({
      commissionBps: 3000,
      remittance: 'gross',
    });
    const [refused, ...more] = notSyncedActions(b.ctx.db);
    expect(more).toEqual([]);
    expect(refused?.reason).toBe(
      "Someone changed collection agency Coastal Recovery first at another desktop; this desktop took the office's record of it.",
    );
    // what B's supervisor did, said so it can be redone
    expect(refused?.changes.map(describeRow)).toEqual([
      'Collection agency Coastal Recovery changed: 20% commission; remittance net (what the agency sends); contact Dana at 207-555-0199; placement file Account, Guarantor name, Balance; taking new accounts.',
    ]);
  });

  it('an agency renamed to a name another desk took is refused, and the office’s rename of it is taken', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    // the office has the first copy's agency, so the rename's refusal has a record to give back
    editAgency(a.ctx, 'Coastal Recovery', { contact: 'Dana at 207-555-0100' });
    await syncAll(a, b);

    addAgency(a.ctx, { name: 'Harbor Collections' });
    editAgency(b.ctx, 'Coastal Recovery', { name: 'harbor collections' });
    await syncAll(a, b);
    await syncAll(a, b);

    expect(agencyNamed(b.ctx, 'Coastal Recovery').contact).toBe('Dana at 207-555-0100');
    expect(agencyNamed(b.ctx, 'Harbor Collections').name).toBe('Harbor Collections');
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      'The office already has another agency named harbor collections; this desktop took the office’s record of the agency it renamed, Coastal Recovery.',
    ]);
    expect((await serverAgencies(server)).map((g) => g.name)).toEqual([
      'Coastal Recovery',
      'Harbor Collections',
    ]);
  });

  it('an edit by someone the office no longer knows as a supervisor is refused, and the desk takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    editAgency(a.ctx, 'Coastal Recovery', { contact: 'Dana at 207-555-0100' });
    await syncAll(a, b);
    // B's supervisor makes A's a representative; A, not yet knowing, edits the agency
    const { username, displayName } = oneOrThrow<{ username: string; displayName: string }>(
      a.ctx.db,
      `SELECT username, display_name AS displayName FROM users WHERE id = ?`,
      a.ctx.userId,
    );
    call(b.ctx, 'saveUser', {
      userId: oneOrThrow<{ id: UserId }>(
        b.ctx.db,
        `SELECT id FROM users WHERE username = ?`,
        username,
      ).id,
      displayName,
      role: 'representative',
      active: true,
    });
    await b.sync.sync();
    editAgency(a.ctx, 'Coastal Recovery', { commissionBps: 100 });
    await syncAll(a, b);

    expect(agencyNamed(a.ctx, 'Coastal Recovery').commissionBps).toBe(2500);
    expect(agencyNamed(b.ctx, 'Coastal Recovery').commissionBps).toBe(2500);
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toEqual([
      'Only a supervisor can change a collection agency, and the office does not know the person who made this change as an active supervisor; this desktop took the office’s record of the agency.',
    ]);
  });
});

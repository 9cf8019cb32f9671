import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { addAgency, agencyNamed, atFinalNotice, editAgency } from '../testing/agencies';
import { call, expectRefused } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { withCaptureOff } from './capture';
import { setSyncRow } from './gids';

/** Every desk's user a supervisor, an owing patient at an address, and the first copy's agency. */
function office(ctx: Ctx, account: AccountId): void {
  supervisorsOwing(ctx, account);
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  addAgency(ctx, { name: 'Coastal Recovery' });
}

/**
 * An agency an older version added at the desk after it joined: captured by nothing, and
 * named the desk's own by migration 60 as it then was, so never sent.
 */
function olderVersionsOwnAgency(d: Desktop, name: string): void {
  const id = withCaptureOff(d.ctx.db, () => addAgency(d.ctx, { name, commissionBps: 1500 }));
  setSyncRow(d.ctx.db, 'agencies', id, `own:${id}`, 1);
}

/** The not-synced list as the desk's screen reads it. */
const listed = (d: Desktop) =>
  call(d.ctx, 'listNotSynced', {}).actions.map((x) => ({ reason: x.reason, lines: x.lines }));

const place = (d: Desktop, agency: string, account: AccountId) =>
  call(d.ctx, 'placeAccounts', { agencyId: agencyNamed(d.ctx, agency).id, accountIds: [account] });

const agenciesOf = (d: Desktop) =>
  all<{ name: string }>(d.ctx.db, `SELECT name FROM agencies ORDER BY name`);

/** The agencies a desk holds of the office's (not its own), as Settings shows them. */
const officeAgenciesOf = (d: Desktop) =>
  all(
    d.ctx.db,
    `SELECT g.name, g.commission_bps AS bps, g.remittance, g.contact, g.columns, g.active
       FROM agencies g LEFT JOIN sync_rows r ON r.tbl = 'agencies' AND r.local_id = g.id
       WHERE coalesce(r.gid, '') NOT LIKE 'own:%' ORDER BY g.name`,
  );

const statusOf = (d: Desktop, account: AccountId) =>
  oneOrThrow<{ status: string }>(d.ctx.db, `SELECT status FROM accounts WHERE id = ?`, account)
    .status;

/** Who holds the rename of Coastal Recovery to Harbor West, and B's own Harbor West. */
async function renamedOverBsOwn() {
  const server = await createServerDatabase();
  const { a, b, accountIds } = await twoDesktops(server, 1, office);
  olderVersionsOwnAgency(b, 'Harbor West');
  editAgency(a.ctx, 'Coastal Recovery', { name: 'Harbor West', commissionBps: 3000 });
  await syncAll(a, b);
  return { server, a, b, accountIds: accountIds as [AccountId] };
}

describeWithPg('an office agency renamed to the name of an agency a desk keeps as its own', () => {
  it('is listed at that desk, which places nothing with either agency until it is put right', async () => {
    const { a, b, accountIds } = await renamedOverBsOwn();
    const [account] = accountIds;
    // A has the office's agency renamed; B cannot take the rename beside its own Harbor West
    expect(agencyNamed(a.ctx, 'Harbor West').commissionBps).toBe(3000);
    expect(agencyNamed(b.ctx, 'Coastal Recovery').commissionBps).toBe(2500);
    expect(all(b.ctx.db, `SELECT tbl FROM sync_held`)).toEqual([{ tbl: 'agencies' }]);

    // B is told which agency could not take the office's change, and what to do
    expect(listed(b)).toEqual([
      {
        reason:
          'The office renamed collection agency Coastal Recovery to Harbor West at another desktop, and this desktop cannot take the change while another agency kept here, Harbor West, has that name. A supervisor renames this desktop’s Harbor West in Settings, Collection agencies; the office’s change is then taken here and this leaves the list. Until then Coastal Recovery keeps its old name and terms here, and neither agency takes accounts at this desktop.',
        lines: [
          'Collection agency Harbor West changed: 30% commission; remittance gross (payment plus commission adjustment); contact Dana at 207-555-0199; placement file Account, Guarantor name, Balance; taking new accounts.',
        ],
      },
    ]);
    expect(listed(a)).toEqual([]);

    // and B places no account on the stale terms, nor with its own agency of that name
    atFinalNotice(b.ctx, account, 45);
    expectRefused(
      b.ctx,
      'placeAccounts',
      { agencyId: agencyNamed(b.ctx, 'Coastal Recovery').id, accountIds: [account] },
      /Coastal Recovery was renamed to Harbor West at another desktop/,
    );
    expectRefused(
      b.ctx,
      'placeAccounts',
      { agencyId: agencyNamed(b.ctx, 'Harbor West').id, accountIds: [account] },
      /renames this desktop’s Harbor West in Settings/,
    );
    // nor posts an agency's payments on the stale terms, nor changes the stale agency
    expectRefused(
      b.ctx,
      'importAgencyPayments',
      {
        agencyId: agencyNamed(b.ctx, 'Coastal Recovery').id,
        fileName: 'payments.csv',
        text: 'account,paid_on,amount,reference\n',
      },
      /Coastal Recovery was renamed to Harbor West/,
    );
    expectRefused(
      b.ctx,
      'saveAgency',
      {
        agencyId: agencyNamed(b.ctx, 'Coastal Recovery').id,
        name: 'Coastal Recovery',
        columns: ['account'],
        commissionBps: 2000,
        remittance: 'gross',
      },
      /Coastal Recovery was renamed to Harbor West/,
    );
    expect(statusOf(b, account)).toBe('open');
  });

  it('is taken as soon as the desk renames its own agency, the desk then holding what the office holds', async () => {
    const { server, a, b, accountIds } = await renamedOverBsOwn();
    const [account] = accountIds;
    // A places the account with the renamed agency; at B the placement waits with the agency
    atFinalNotice(a.ctx, account, 45);
    place(a, 'Harbor West', account);
    await syncAll(a, b);
    expect(all(b.ctx.db, `SELECT id FROM agency_placements`)).toEqual([]);

    // B's supervisor renames B's own agency, as the list says: the office's rename is taken
    // there and then, with the placement that waited on it, before B is next online
    editAgency(b.ctx, 'Harbor West', { name: 'Harbor West (old files)' });
    expect(all(b.ctx.db, `SELECT tbl FROM sync_held`)).toEqual([]);
    expect(listed(b)).toEqual([]);
    expect(agencyNamed(b.ctx, 'Harbor West').commissionBps).toBe(3000);
    expect(all(b.ctx.db, `SELECT account_id AS account FROM agency_placements`)).toEqual([
      { account },
    ]);

    await syncAll(b, a);
    await syncAll(b, a);
    // the office's agencies, names and terms the same at both desks; B's own stays its own
    expect(officeAgenciesOf(b)).toEqual(officeAgenciesOf(a));
    expect(officeAgenciesOf(a)).toEqual([
      expect.objectContaining({ name: 'Harbor West', bps: 3000, remittance: 'gross' }),
    ]);
    expect(await serverRows(server, `SELECT name, commission_bps AS bps FROM agencies`)).toEqual([
      { name: 'Harbor West', bps: 3000 },
    ]);
    expect(agenciesOf(b).map((g) => g.name)).toEqual(['Harbor West', 'Harbor West (old files)']);
    for (const d of [a, b]) {
      expect(statusOf(d, account)).toBe('agency');
      expect(listed(d)).toEqual([]);
    }
  });

  it('added at another desk under that name is listed, and taken once the desk renames its own', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, office);
    const [account] = accountIds as [AccountId];
    olderVersionsOwnAgency(b, 'Harbor West');
    addAgency(a.ctx, { name: 'Harbor West', commissionBps: 3000 });
    await syncAll(a, b);

    expect(listed(b)).toEqual([
      {
        reason:
          'Collection agency Harbor West was added at another desktop, and this desktop cannot take it while another agency kept here, Harbor West, has that name. A supervisor renames this desktop’s Harbor West in Settings, Collection agencies; the office’s agency is then taken here and this leaves the list. Until then this desktop’s Harbor West takes no accounts.',
        lines: ['New collection agency Harbor West.'],
      },
    ]);
    atFinalNotice(b.ctx, account, 45);
    expectRefused(
      b.ctx,
      'placeAccounts',
      { agencyId: agencyNamed(b.ctx, 'Harbor West').id, accountIds: [account] },
      /added at another desktop\), so no account is placed with it here/,
    );

    editAgency(b.ctx, 'Harbor West', { name: 'Harbor West (old files)' });
    expect(listed(b)).toEqual([]);
    await syncAll(b, a);
    expect(officeAgenciesOf(b)).toEqual(officeAgenciesOf(a));
    expect(agencyNamed(b.ctx, 'Harbor West').commissionBps).toBe(3000);
  });
});

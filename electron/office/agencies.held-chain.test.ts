import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { addAgency, agencyNamed, editAgency } from '../testing/agencies';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { supervisorsOwing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { withCaptureOff } from './capture';
import { setSyncRow } from './gids';

/** Every desk's user a supervisor, an owing patient, and two agencies of the first copy. */
function office(ctx: Ctx, account: AccountId): void {
  supervisorsOwing(ctx, account);
  call(ctx, 'saveBillingRules', { bound501r: 0 });
  addAgency(ctx, { name: 'Coastal Recovery' });
  addAgency(ctx, { name: 'Harbor West' });
}

/** An agency an older version added at the desk, named its own by migration 60. */
function olderVersionsOwnAgency(d: Desktop, name: string): void {
  const id = withCaptureOff(d.ctx.db, () => addAgency(d.ctx, { name, commissionBps: 1500 }));
  setSyncRow(d.ctx.db, 'agencies', id, `own:${id}`, 1);
}

const listed = (d: Desktop) => call(d.ctx, 'listNotSynced', {}).actions.map((x) => x.reason);

describeWithPg('office agency changes waiting on a chain of names', () => {
  it('names, for each waiting change, the agency whose rename the desk accepts, and that rename takes them all', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    olderVersionsOwnAgency(b, 'Bay Credit');
    // at A: Harbor West renamed to Bay Credit, then Coastal Recovery to the freed Harbor West
    editAgency(a.ctx, 'Harbor West', { name: 'Bay Credit' });
    editAgency(a.ctx, 'Coastal Recovery', { name: 'Harbor West', commissionBps: 3000 });
    await syncAll(a, b);

    // B holds both: the first on its own Bay Credit, the second on the office's Harbor West,
    // whose own change waits on Bay Credit's name: both entries name Bay Credit to rename
    const reasons = listed(b);
    expect(reasons).toHaveLength(2);
    for (const r of reasons) expect(r).toMatch(/renames this desktop’s Bay Credit in Settings/);
    const second = reasons.find((r) => r.includes('Coastal Recovery to Harbor West'));
    expect(second).toContain('(Harbor West waits on that name for a change of its own');
    // the office's Harbor West is refused a rename here, naming the same one
    const harbor = agencyNamed(b.ctx, 'Harbor West');
    expect(() =>
      call(b.ctx, 'saveAgency', {
        agencyId: harbor.id,
        name: 'Harbor West (old terms)',
        columns: ['account', 'guarantor_name', 'balance'],
        commissionBps: harbor.commissionBps,
        remittance: 'gross',
        contact: 'Dana at 207-555-0199',
      }),
    ).toThrow(/until a supervisor renames this desktop’s Bay Credit/);

    // doing as the list says takes both office changes at once
    editAgency(b.ctx, 'Bay Credit', { name: 'Bay Credit (ours)' });
    expect(listed(b)).toEqual([]);
    expect(agencyNamed(b.ctx, 'Harbor West').commissionBps).toBe(3000);
    expect(agencyNamed(b.ctx, 'Bay Credit').id).toBe(harbor.id);
  });
});

import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { addFacility, editFacility, facilityNamed } from '../testing/facilities';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { importClaim } from '../testing/office/records';
import {
  asTheOlderVersion,
  facilityOfAccount,
  LETTERHEAD,
  NPI,
  upgradeFromTheOlderVersion,
  withNorthClinic,
} from '../testing/office/facilities';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { demoBillingProvider } from '../testing/x12/generate-837';
import { notSyncedActions } from './not-synced';

/**
 * Two desks whose first copy has North Clinic. A's letterhead (the main facility, id 1)
 * carries NPI.east; it is A's own, never sent, so neither B nor the server's one-NPI index
 * knows of it. B's main facility has no NPI, so B's own check lets North Clinic take NPI.east.
 */
async function letterheadNpiGivenAtB() {
  const server = await createServerDatabase();
  const { a, b } = await twoDesktops(server, 1, withNorthClinic);
  call(a.ctx, 'saveFacility', { ...LETTERHEAD, npi: NPI.east });
  editFacility(b.ctx, 'North Clinic', { npi: NPI.east });
  await syncAll(b, a);
  return { a, b };
}

describeWithPg('one NPI, one facility, at every desk', () => {
  it('an NPI one desk’s letterhead carries, given to a facility at another desk, bills a claim file of it under the same facility at both', async () => {
    const { a, b } = await letterheadNpiGivenAtB();
    expect(facilityNamed(a.ctx, 'North Clinic').npi).toBe(NPI.east);

    importClaim(a, '300400', [5_000], 'a.837', {
      billingProvider: { ...demoBillingProvider(), npi: NPI.east },
    });
    importClaim(b, '300500', [5_000], 'b.837', {
      billingProvider: { ...demoBillingProvider(), npi: NPI.east },
    });
    // one NPI, one place: both desks bill a claim file of NPI.east under the same facility
    expect(facilityOfAccount(a, '300400')).toBe(facilityOfAccount(b, '300500'));
  });

  it('a desk whose letterhead NPI another desk gave a facility can still save its letterhead as it stands', async () => {
    const { a } = await letterheadNpiGivenAtB();
    // A's supervisor changes only the telephone on the letterhead
    call(a.ctx, 'saveFacility', { ...LETTERHEAD, npi: NPI.east, phone: '207-555-0111' });
    expect(
      oneOrThrow<{ phone: string | null }>(a.ctx.db, `SELECT phone FROM facility WHERE id = 1`)
        .phone,
    ).toBe('207-555-0111');
  });

  it('an older version’s edits that moved an NPI from one facility to another reach the office at the upgrade', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    const later = { ...a.ctx, clock: fixedClock(addDays(TEST_TODAY, 7)) };
    // the office has both facilities: North Clinic (first copy) once renamed, West added at A
    editFacility(later, 'North Clinic', { name: 'North Campus' });
    addFacility(later, 'West Clinic', NPI.west);
    await syncAll(a, b);
    await syncAll(a, b);

    // the version before this one captured no facility edits: West Clinic is renumbered to
    // NPI.east, freeing NPI.west, which North Campus then takes (two saves, each allowed at A)
    asTheOlderVersion(a);
    editFacility(later, 'West Clinic', { npi: NPI.east });
    editFacility(later, 'North Campus', { npi: NPI.west });

    // A upgrades: migration 72 notes both edits, sent by the syncs after the open
    upgradeFromTheOlderVersion(a);
    await syncAll(a, b);
    await syncAll(a, b);

    expect(await serverRows(server, `SELECT name, npi FROM facilities ORDER BY name`)).toEqual([
      { name: 'North Campus', npi: NPI.west },
      { name: 'West Clinic', npi: NPI.east },
    ]);
    expect(facilityNamed(a.ctx, 'North Campus').npi).toBe(NPI.west);
    expect(facilityNamed(b.ctx, 'North Campus').npi).toBe(NPI.west);
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toEqual([]);
  });
});

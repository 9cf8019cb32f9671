import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock } from '../core/context';
import { oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { addFacility, editFacility, facilityNamed } from '../testing/facilities';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
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
import { gidOf } from './gids';
import { notSyncedActions } from './not-synced';

const serverFacilities = (server: Parameters<typeof serverRows>[0]) =>
  serverRows<{ gid: string; name: string; npi: string | null; version: number }>(
    server,
    `SELECT gid, name, npi, version FROM facilities ORDER BY name`,
  );

describeWithPg('facilities edited across the office', () => {
  it('a facility renamed and given another NPI at one desk is so at the other, which bills a claim file of that NPI under it', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);

    editFacility(a.ctx, 'North Clinic', { name: 'North Campus', npi: NPI.west });
    await syncAll(a, b);

    const onB = facilityNamed(b.ctx, 'North Campus');
    expect(onB.npi).toBe(NPI.west);
    expect(gidOf(b.ctx.db, 'facilities', onB.id)).toBe(
      gidOf(a.ctx.db, 'facilities', facilityNamed(a.ctx, 'North Campus').id),
    );
    // the first copy's facility reaches the server at its first change, at version 2
    expect(await serverFacilities(server)).toEqual([
      { gid: expect.stringMatching(/^base:\d+$/), name: 'North Campus', npi: NPI.west, version: 2 },
    ]);
    // a claim file of the new NPI imported at B is billed under it
    importClaim(b, '300400', [5_000], 'b.837', {
      billingProvider: { ...demoBillingProvider(), npi: NPI.west },
    });
    expect(facilityOfAccount(b, '300400')).toBe('North Campus');

    // a facility added at B after joining, edited at A, is edited at B
    addFacility(b.ctx, 'East Side Clinic', NPI.east);
    await syncAll(b, a);
    editFacility(a.ctx, 'East Side Clinic', { name: 'East Side Campus', npi: null });
    await syncAll(a, b);
    expect(facilityNamed(b.ctx, 'East Side Campus').npi).toBeNull();
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
    expect(notSyncedActions(b.ctx.db)).toEqual([]);
  });

  it('the main facility follows the office’s letterhead at every desk and is never sent itself', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    call(a.ctx, 'saveFacility', { ...LETTERHEAD, npi: NPI.east });
    await syncAll(a, b);

    const main = (d: Desktop) =>
      oneOrThrow<{ name: string; npi: string | null }>(
        d.ctx.db,
        `SELECT name, npi FROM facilities WHERE id = 1`,
      );
    expect(main(a)).toEqual({ name: 'Harbor Point Hospital', npi: NPI.east });
    // the letterhead travels whole (letterhead.ts), and B's main facility follows it
    expect(main(b)).toEqual({ name: 'Harbor Point Hospital', npi: NPI.east });
    expect(await serverFacilities(server)).toEqual([]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it('an older version’s edit at a linked desk reaches the other once it upgrades, and a facility it only added is not sent again', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    const later = { ...a.ctx, clock: fixedClock(addDays(TEST_TODAY, 7)) };
    addFacility(later, 'West Clinic', NPI.west);
    await syncAll(a, b);
    asTheOlderVersion(a);
    editFacility(later, 'North Clinic', { name: 'North Campus', npi: NPI.east });
    await syncAll(a, b);
    expect(facilityNamed(b.ctx, 'North Clinic').npi).toBe(NPI.north);

    // A upgrades: opening puts the capture triggers back, and migration 72 notes the edit
    upgradeFromTheOlderVersion(a);
    // sealed by the first sync after the open, before it takes anything; sent by the next
    await syncAll(a, b);
    await syncAll(a, b);

    expect(facilityNamed(b.ctx, 'North Campus').npi).toBe(NPI.east);
    expect(await serverFacilities(server)).toEqual([
      { gid: expect.stringMatching(/^base:\d+$/), name: 'North Campus', npi: NPI.east, version: 2 },
      { gid: expect.stringMatching(/:\d+$/), name: 'West Clinic', npi: NPI.west, version: 1 },
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });
});

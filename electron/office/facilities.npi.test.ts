import { expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import { migration072 } from '../db/migrations/072-office-facility-edits-of-older-versions';
import { oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { addFacility, editFacility, facilityNamed } from '../testing/facilities';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { importClaim, withSupervisors } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { demoBillingProvider } from '../testing/x12/generate-837';
import { keepCaptureWithLink } from './capture-triggers';
import { notSyncedActions } from './not-synced';

const NORTH = '1234567893';
const WEST = '1111111112';
const EAST = '2222222228';

/** Every desk's user a supervisor, and a facility of the first copy beside the main one. */
function office(ctx: Ctx): void {
  withSupervisors(ctx);
  addFacility(ctx, 'North Clinic', NORTH);
}

/** The facility an account is billed under, by name. */
const facilityOf = (d: Desktop, accountNumber: string) =>
  oneOrThrow<{ name: string }>(
    d.ctx.db,
    `SELECT f.name FROM accounts a JOIN facilities f ON f.id = a.facility_id
       WHERE a.account_number = ?`,
    accountNumber,
  ).name;

/** A's letterhead, with the NPI the hospital bills under. */
const letterhead = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  city: 'Portland',
  state: 'ME',
  zip: '04101',
  npi: EAST,
};

describeWithPg('one NPI, one facility, at every desk', () => {
  it('an NPI one desk’s letterhead carries, given to a facility at another desk, bills a claim file of it under the same facility at both', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    // A's letterhead (the main facility, id 1) carries EAST; it is A's own, never sent, so
    // neither B nor the server's one-NPI index knows of it
    call(a.ctx, 'saveFacility', letterhead);
    // B's main facility has no NPI, so B's own check lets North Clinic take EAST
    editFacility(b.ctx, 'North Clinic', { npi: EAST });
    await syncAll(b, a);
    expect(facilityNamed(a.ctx, 'North Clinic').npi).toBe(EAST);

    importClaim(a, '300400', [5_000], 'a.837', {
      billingProvider: { ...demoBillingProvider(), npi: EAST },
    });
    importClaim(b, '300500', [5_000], 'b.837', {
      billingProvider: { ...demoBillingProvider(), npi: EAST },
    });
    // one NPI, one place: both desks bill a claim file of EAST under the same facility
    expect(facilityOf(a, '300400')).toBe(facilityOf(b, '300500'));
  });

  it('a desk whose letterhead NPI another desk gave a facility can still save its letterhead as it stands', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveFacility', letterhead);
    editFacility(b.ctx, 'North Clinic', { npi: EAST });
    await syncAll(b, a);

    // A's supervisor changes only the telephone on the letterhead
    call(a.ctx, 'saveFacility', { ...letterhead, phone: '207-555-0100' });
    expect(
      oneOrThrow<{ phone: string | null }>(a.ctx.db, `SELECT phone FROM facility WHERE id = 1`)
        .phone,
    ).toBe('207-555-0100');
  });

  it('an older version’s edits that moved an NPI from one facility to another reach the office at the upgrade', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    const later = { ...a.ctx, clock: fixedClock(addDays(TEST_TODAY, 7)) };
    // the office has both facilities: North Clinic (first copy) once renamed, West added at A
    editFacility(later, 'North Clinic', { name: 'North Campus' });
    addFacility(later, 'West Clinic', WEST);
    await syncAll(a, b);
    await syncAll(a, b);

    // the version before this one captured no facility edits: West Clinic is renumbered to
    // EAST, freeing WEST, which North Campus then takes (two saves, each allowed at A)
    a.ctx.db.exec(`DROP TRIGGER office_capture_facilities_update`);
    editFacility(later, 'West Clinic', { npi: EAST });
    editFacility(later, 'North Campus', { npi: WEST });

    // A upgrades: migration 72 notes both edits, sent by the syncs after the open
    keepCaptureWithLink(a.ctx.db);
    a.ctx.db.exec(migration072);
    await syncAll(a, b);
    await syncAll(a, b);

    expect(await serverRows(server, `SELECT name, npi FROM facilities ORDER BY name`)).toEqual([
      { name: 'North Campus', npi: WEST },
      { name: 'West Clinic', npi: EAST },
    ]);
    expect(facilityNamed(a.ctx, 'North Campus').npi).toBe(WEST);
    expect(facilityNamed(b.ctx, 'North Campus').npi).toBe(WEST);
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toEqual([]);
  });
});

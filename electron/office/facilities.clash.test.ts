import { expect, it } from 'vitest';
import { all, oneOrThrow } from '../db/query';
import { addFacility, editFacility, facilityNamed } from '../testing/facilities';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { importClaim } from '../testing/office/records';
import { NPI, withNorthClinic } from '../testing/office/facilities';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { demoBillingProvider } from '../testing/x12/generate-837';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

/** What the not-synced list shows of each refused action: its reason and its rows. */
const listed = (d: Desktop) =>
  notSyncedActions(d.ctx.db).map((x) => ({
    reason: x.reason,
    said: x.changes.map(describeRow),
  }));

/** Every facility a copy holds but the main one, as name and NPI, by name. */
const facilities = (d: Desktop) =>
  all<{ name: string; npi: string | null }>(
    d.ctx.db,
    `SELECT name, npi FROM facilities WHERE id <> 1 ORDER BY name`,
  );

describeWithPg('facilities edited across the office, two desks at once', () => {
  it('of two desks editing one facility at once, the second is refused, listed, takes the office’s, and its edit redone lands', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);

    editFacility(a.ctx, 'North Clinic', { name: 'North Campus' });
    editFacility(b.ctx, 'North Clinic', { npi: NPI.east });
    await syncAll(a, b);
    await syncAll(a, b);

    expect(facilities(b)).toEqual(facilities(a));
    expect(facilities(b)).toEqual([{ name: 'North Campus', npi: NPI.north }]);
    // what B's supervisor did, every field of it, said so it can be redone
    expect(listed(b)).toEqual([
      {
        reason:
          "Someone changed facility North Campus (named North Clinic here) first at another desktop; this desktop took the office's record of it.",
        said: [`Facility North Clinic changed: NPI ${NPI.east}.`],
      },
    ]);
    expect(listed(a)).toEqual([]);

    // redone on the office's record, it lands from the version B now holds
    editFacility(b.ctx, 'North Campus', { npi: NPI.east });
    await syncAll(b, a);
    expect(facilities(a)).toEqual([{ name: 'North Campus', npi: NPI.east }]);
    expect(await serverRows(server, `SELECT name, npi, version FROM facilities`)).toEqual([
      { name: 'North Campus', npi: NPI.east, version: 3 },
    ]);
  });

  it('a facility given an NPI another desk’s facility took is refused, and the desk bills that NPI under the office’s one', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    // the office has the first copy's facility, so the refusal has a record to give back
    editFacility(a.ctx, 'North Clinic', { name: 'North Campus' });
    await syncAll(a, b);

    addFacility(a.ctx, 'East Campus', NPI.east);
    editFacility(b.ctx, 'North Campus', { npi: NPI.east });
    await syncAll(a, b);
    await syncAll(a, b);

    expect(facilities(b)).toEqual(facilities(a));
    expect(facilities(b)).toEqual([
      { name: 'East Campus', npi: NPI.east },
      { name: 'North Campus', npi: NPI.north },
    ]);
    expect(listed(b)).toEqual([
      {
        reason: `The office already has another facility with NPI ${NPI.east}; this desktop took the office’s record of the facility it changed, North Campus.`,
        said: [`Facility North Campus changed: NPI ${NPI.east}.`],
      },
    ]);
    // one NPI, one place: a claim file of it imported at B is billed under the office's facility
    importClaim(b, '300400', [5_000], 'b.837', {
      billingProvider: { ...demoBillingProvider(), npi: NPI.east },
    });
    expect(
      oneOrThrow<{ name: string }>(
        b.ctx.db,
        `SELECT f.name FROM accounts a JOIN facilities f ON f.id = a.facility_id
           WHERE a.account_number = '300400'`,
      ).name,
    ).toBe('East Campus');
    expect(
      await serverRows(server, `SELECT name, npi, version FROM facilities ORDER BY name`),
    ).toEqual([
      { name: 'East Campus', npi: NPI.east, version: 1 },
      { name: 'North Campus', npi: NPI.north, version: 2 },
    ]);
  });

  it('a first-copy facility the office has no change of, given a taken NPI, keeps the desk’s change there, listed', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withNorthClinic);
    addFacility(a.ctx, 'East Campus', NPI.east);
    editFacility(b.ctx, 'North Clinic', { npi: NPI.east });
    await syncAll(a, b);
    await syncAll(a, b);

    // nothing to take: B keeps its edit until a supervisor puts one of the two right
    expect(facilityNamed(b.ctx, 'North Clinic').npi).toBe(NPI.east);
    expect(listed(b).map((x) => x.reason)).toEqual([
      `The office already has another facility with NPI ${NPI.east}; the office has no record of the facility it changed yet, so this desktop keeps its change here, listed, for a supervisor to put right.`,
    ]);
    expect(facilities(b)).toEqual([
      { name: 'East Campus', npi: NPI.east },
      { name: 'North Clinic', npi: NPI.east },
    ]);
    expect(facilityNamed(a.ctx, 'North Clinic').npi).toBe(NPI.north);
    expect(await serverRows(server, `SELECT name FROM facilities`)).toEqual([
      { name: 'East Campus' },
    ]);

    // put right at B, its change starts from the office's version and lands
    editFacility(b.ctx, 'North Clinic', { npi: NPI.north });
    await syncAll(b, a);
    expect(facilities(a)).toEqual(facilities(b));
    expect(
      await serverRows(server, `SELECT name, npi, version FROM facilities ORDER BY name`),
    ).toEqual([
      { name: 'East Campus', npi: NPI.east, version: 1 },
      { name: 'North Clinic', npi: NPI.north, version: 2 },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const NORTH = { facilityId: null, name: 'North Clinic', npi: '1234567893' };

describe('the facilities accounts are billed under', () => {
  it('are added and renamed by a supervisor, the main one staying with the facility details', () => {
    expectRefused(ctx, 'saveBillingFacility', NORTH, /Only a supervisor can change the facilities/);
    makeSupervisor(ctx);
    const added = call(ctx, 'saveBillingFacility', NORTH).facilities;
    expect(added.map((f) => [f.name, f.npi])).toEqual([
      [expect.any(String), null],
      ['North Clinic', '1234567893'],
    ]);
    const north = added[1]?.id ?? 0;
    const renamed = call(ctx, 'saveBillingFacility', {
      facilityId: north,
      name: 'North Family Clinic',
      npi: null,
    });
    expect(renamed.facilities[1]).toEqual({ id: north, name: 'North Family Clinic', npi: null });
    expect(call(ctx, 'listFacilities', {}).facilities).toEqual(renamed.facilities);
  });

  it('refuse the main facility, an unknown one, a bad or taken NPI, writing nothing', () => {
    makeSupervisor(ctx);
    const north = call(ctx, 'saveBillingFacility', NORTH).facilities[1]?.id ?? 0;
    expectRefused(
      ctx,
      'saveBillingFacility',
      { facilityId: 1, name: 'Renamed', npi: null },
      /facility details above/,
    );
    expectRefused(
      ctx,
      'saveBillingFacility',
      { facilityId: 999, name: 'Nowhere', npi: null },
      /That facility/,
    );
    expectRefused(
      ctx,
      'saveBillingFacility',
      { ...NORTH, name: 'South Clinic' },
      /NPI 1234567893 is already North Clinic's/,
    );
    expectRefused(ctx, 'saveBillingFacility', { ...NORTH, npi: '1234567894' }, /did not check/);
    expectRefused(ctx, 'saveBillingFacility', { ...NORTH, name: ' ' }, /Facility name is required/);
    // the same NPI on the same facility is its own
    call(ctx, 'saveBillingFacility', { ...NORTH, facilityId: north });
  });
});

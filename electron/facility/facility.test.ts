import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../shared/api/contract';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const HARBOR: InputOf<'saveFacility'> = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  line2: '',
  city: 'Portland',
  state: 'me',
  zip: '04101',
  phone: '(207) 555-0100',
  npi: '1234567893',
  taxId: '01-2345678',
  web: 'www.harborpoint.example',
  billingOfficeHours: 'Monday to Friday, 8 a.m. to 4:30 p.m.',
};

describe('the facility', () => {
  it('starts empty, is set up by a supervisor and reads back as saved', () => {
    expect(call(ctx, 'getFacility', {})).toMatchObject({ configured: false, canChange: false });
    makeSupervisor(ctx);
    const saved = call(ctx, 'saveFacility', HARBOR);
    expect(saved).toMatchObject({
      configured: true,
      canChange: true,
      name: 'Harbor Point Hospital',
      line2: null,
      state: 'ME',
      fax: null,
      billingOfficeHours: 'Monday to Friday, 8 a.m. to 4:30 p.m.',
    });
    // a change replaces the one row
    call(ctx, 'saveFacility', { ...HARBOR, billingOfficeHours: 'weekdays 9 to 5' });
    expect(
      ctx.db.prepare(`SELECT count(*) AS n, billing_office_hours AS h FROM facility`).get(),
    ).toEqual({ n: 1, h: 'weekdays 9 to 5' });
  });

  it('refuses a representative and bad values with a clear message, writing nothing', () => {
    expectRefused(ctx, 'saveFacility', HARBOR, /Only a supervisor can change the facility details/);
    makeSupervisor(ctx);
    expectRefused(ctx, 'saveFacility', { ...HARBOR, name: '  ' }, /Facility name is required/);
    expectRefused(ctx, 'saveFacility', { ...HARBOR, state: 'Maine' }, /two-letter postal code/);
    expectRefused(ctx, 'saveFacility', { ...HARBOR, zip: '4101' }, /5 digits or ZIP\+4/);
    expectRefused(ctx, 'saveFacility', { ...HARBOR, npi: '1234567894' }, /did not check/);
    expectRefused(
      ctx,
      'saveFacility',
      { ...HARBOR, taxId: '012345678' },
      /employer identification/,
    );
    expectRefused(
      ctx,
      'saveFacility',
      { ...HARBOR, billingOfficeHours: 'x'.repeat(121) },
      /Office hours must be at most 120/,
    );
  });

  it('lists the facilities accounts are billed under, the default following the letterhead', () => {
    expect(call(ctx, 'listFacilities', {})).toEqual({
      facilities: [{ id: 1, name: 'Main facility', npi: null }],
    });
    makeSupervisor(ctx);
    call(ctx, 'saveFacility', HARBOR);
    ctx.db.prepare(`INSERT INTO facilities (id, name, npi) VALUES (2, 'North Clinic', NULL)`).run();
    expect(call(ctx, 'listFacilities', {})).toEqual({
      facilities: [
        { id: 1, name: 'Harbor Point Hospital', npi: '1234567893' },
        { id: 2, name: 'North Clinic', npi: null },
      ],
    });
  });
});

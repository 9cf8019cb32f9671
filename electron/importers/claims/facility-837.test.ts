import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_FACILITIES } from '../../demo/facilities';
import { one, run } from '../../db/query';
import { call } from '../../testing/call';
import { claimFileText, testClaim } from '../../testing/claims';
import { createTestCtx, type TestCtx } from '../../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const facilityOf = (pcn: string) =>
  one<{ f: number }>(ctx.db, `SELECT facility_id AS f FROM accounts WHERE account_number = ?`, pcn)
    ?.f;

describe('the facility of an account a claim file creates', () => {
  it('is the one whose NPI the billing provider carries, else the default', () => {
    const [north] = DEMO_FACILITIES;
    run(
      ctx.db,
      `INSERT INTO facilities (id, name, npi) VALUES (?, ?, ?)`,
      north.id,
      north.name,
      north.npi,
    );
    const base = testClaim('FAC-1', [12_000]);
    const claims = [
      { ...base, billingProvider: { ...base.billingProvider, npi: north.npi } },
      {
        ...testClaim('FAC-2', [8_000]),
        billingProvider: { ...base.billingProvider, npi: '1234567893' },
      },
      { ...testClaim('FAC-3', [5_000]), billingProvider: { ...base.billingProvider, npi: null } },
    ];
    call(ctx, 'importFile', {
      fileName: 'fac.837',
      text: claimFileText(claims, { controlNumber: 1 }),
    });
    expect(facilityOf('FAC-1')).toBe(north.id);
    expect(facilityOf('FAC-2')).toBe(1);
    expect(facilityOf('FAC-3')).toBe(1);
  });
});

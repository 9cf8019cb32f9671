import type { ParsedInputOf } from '../../shared/api/contract';
import type { FacilityView } from '../../shared/api/facility';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { isSupervisor } from '../users/users';
import { one, run } from '../db/query';

export type FacilityRow = Omit<FacilityView, 'configured' | 'canChange'>;

const EMPTY: FacilityRow = {
  name: '',
  line1: '',
  line2: null,
  city: '',
  state: '',
  zip: '',
  phone: null,
  fax: null,
  npi: null,
  taxId: null,
  web: null,
  billingOfficeHours: null,
};

/** The one facility row (id 1): what letterheads and statements print; none until set up. */
export function readFacility(db: ReadDb): FacilityRow | undefined {
  return one<FacilityRow>(
    db,
    `SELECT name, line1, line2, city, state, zip, phone, fax, npi, tax_id AS taxId, web,
         billing_office_hours AS billingOfficeHours
       FROM facility WHERE id = 1`,
  );
}

export function getFacility(ctx: ReadCtx): FacilityView {
  const row = readFacility(ctx.db);
  return {
    ...(row ?? EMPTY),
    configured: row !== undefined,
    canChange: isSupervisor(ctx.db, ctx.userId),
  };
}

/**
 * Sets the facility up or changes it; supervisors only. Documents already filed keep what
 * they printed: only letters and statements made from now on read the new values.
 */
export function saveFacility(ctx: Ctx, input: ParsedInputOf<'saveFacility'>): FacilityView {
  run(
    ctx.db,
    `INSERT INTO facility (id, name, line1, line2, city, state, zip, phone, fax, npi, tax_id,
           web, billing_office_hours)
         VALUES (1, @name, @line1, @line2, @city, @state, @zip, @phone, @fax, @npi, @taxId, @web,
           @billingOfficeHours)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, line1 = excluded.line1,
           line2 = excluded.line2, city = excluded.city, state = excluded.state,
           zip = excluded.zip, phone = excluded.phone, fax = excluded.fax, npi = excluded.npi,
           tax_id = excluded.tax_id, web = excluded.web,
           billing_office_hours = excluded.billing_office_hours`,
    input,
  );
  return getFacility(ctx);
}

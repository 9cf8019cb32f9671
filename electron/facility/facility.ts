import type { ParsedInputOf } from '../../shared/api/contract';
import type { FacilityOption, FacilityView } from '../../shared/api/facility';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { isSupervisor } from '../users/users';
import { all, one, run } from '../db/query';

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
  remitTo: null,
  paymentUrl: null,
  billingPhone: null,
  assistancePhone: null,
  assistanceUrl: null,
  assistanceSummaryUrl: null,
  languageTaglines: null,
};

/**
 * SQL for the facility a new account from a claim file is billed under: the one whose NPI the
 * claim's billing provider (loop 2010AA) carries, else the default facility (1). Its one
 * parameter is that NPI. One desk holds two facilities of one NPI only in an office, where
 * one of the office's facilities was given the NPI the letterhead (the default facility,
 * itself never sent) carries: the server holds the facilities' NPIs one each, but not
 * against the letterhead's. The office's facility is taken then, alike at every desk, since
 * every desk holds the same facilities and, the letterhead travelling, the same default.
 */
export const FACILITY_OF_NPI_SQL = `coalesce((SELECT f.id FROM facilities f WHERE f.npi = ?
  ORDER BY f.id = 1, f.id LIMIT 1), 1)`;

/** The one facility row (id 1): what letterheads and statements print; none until set up. */
export function readFacility(db: ReadDb): FacilityRow | undefined {
  return one<FacilityRow>(
    db,
    `SELECT name, line1, line2, city, state, zip, phone, fax, npi, tax_id AS taxId, web,
         billing_office_hours AS billingOfficeHours, remit_to AS remitTo,
         payment_url AS paymentUrl, billing_phone AS billingPhone,
         assistance_phone AS assistancePhone, assistance_url AS assistanceUrl,
         assistance_summary_url AS assistanceSummaryUrl, language_taglines AS languageTaglines
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
 * they printed: only letters and statements made from now on read the new values. In an
 * office the letterhead is the office's: the change travels to every desk (office/letterhead.ts).
 */
export function saveFacility(ctx: Ctx, input: ParsedInputOf<'saveFacility'>): FacilityView {
  const before = readFacility(ctx.db) ?? EMPTY;
  // refused only as a change: in an office, another desk may give one of the office's
  // facilities the NPI this desk's own letterhead carries, and the letterhead's other details
  // must still be saved meanwhile (the claim files of that NPI go to the office's facility)
  if (input.npi !== before.npi) refuseTakenNpi(ctx, input.npi, 1);
  const kept = (key: keyof FacilityRow): string | null => {
    const given = (input as Partial<Record<keyof FacilityRow, string | null>>)[key];
    return given !== undefined ? given : (before[key] as string | null);
  };
  const values = {
    ...input,
    remitTo: kept('remitTo'),
    paymentUrl: kept('paymentUrl'),
    billingPhone: kept('billingPhone'),
    assistancePhone: kept('assistancePhone'),
    assistanceUrl: kept('assistanceUrl'),
    assistanceSummaryUrl: kept('assistanceSummaryUrl'),
    languageTaglines: kept('languageTaglines'),
    // who saved it: in an office the server takes it only from an active supervisor
    updatedAt: ctx.clock.now(),
    updatedBy: ctx.userId,
  };
  run(
    ctx.db,
    `INSERT INTO facility (id, name, line1, line2, city, state, zip, phone, fax, npi, tax_id,
           web, billing_office_hours, remit_to, payment_url, billing_phone, assistance_phone,
           assistance_url, assistance_summary_url, language_taglines, updated_at, updated_by)
         VALUES (1, @name, @line1, @line2, @city, @state, @zip, @phone, @fax, @npi, @taxId, @web,
           @billingOfficeHours, @remitTo, @paymentUrl, @billingPhone, @assistancePhone,
           @assistanceUrl, @assistanceSummaryUrl, @languageTaglines, @updatedAt, @updatedBy)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, line1 = excluded.line1,
           line2 = excluded.line2, city = excluded.city, state = excluded.state,
           zip = excluded.zip, phone = excluded.phone, fax = excluded.fax, npi = excluded.npi,
           tax_id = excluded.tax_id, web = excluded.web,
           billing_office_hours = excluded.billing_office_hours, remit_to = excluded.remit_to,
           payment_url = excluded.payment_url, billing_phone = excluded.billing_phone,
           assistance_phone = excluded.assistance_phone, assistance_url = excluded.assistance_url,
           assistance_summary_url = excluded.assistance_summary_url,
           language_taglines = excluded.language_taglines, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
    values,
  );
  // the default facility accounts are billed under is this one: its name and NPI follow
  run(ctx.db, `UPDATE facilities SET name = ?, npi = ? WHERE id = 1`, input.name, input.npi);
  return getFacility(ctx);
}

/** Every facility accounts are billed under, the default (id 1) first. */
export function facilityOptions(db: ReadDb): FacilityOption[] {
  return all<FacilityOption>(db, `SELECT id, name, npi FROM facilities ORDER BY id`);
}

export function listFacilities(ctx: ReadCtx): { facilities: FacilityOption[] } {
  return { facilities: facilityOptions(ctx.db) };
}

/**
 * Adds a facility accounts are billed under, or changes another's name or NPI. The default
 * (id 1) is the letterhead's facility and follows its details.
 */
export function saveBillingFacility(
  ctx: Ctx,
  input: ParsedInputOf<'saveBillingFacility'>,
): { facilities: FacilityOption[] } {
  const { facilityId, name, npi } = input;
  if (facilityId === 1) {
    throw conflict(
      'The main facility takes its name and NPI from the facility details above; change them there.',
    );
  }
  if (facilityId !== null && !one(ctx.db, `SELECT 1 FROM facilities WHERE id = ?`, facilityId)) {
    throw notFound('That facility');
  }
  refuseTakenNpi(ctx, npi, facilityId);
  if (facilityId === null) {
    run(ctx.db, `INSERT INTO facilities (name, npi) VALUES (?, ?)`, name, npi);
  } else {
    run(ctx.db, `UPDATE facilities SET name = ?, npi = ? WHERE id = ?`, name, npi, facilityId);
  }
  return listFacilities(ctx);
}

/** An NPI names one facility only: a claim file's billing provider must find one place. */
function refuseTakenNpi(ctx: ReadCtx, npi: string | null, facilityId: number | null): void {
  if (npi === null) return;
  const taken = one<{ name: string }>(
    ctx.db,
    `SELECT name FROM facilities WHERE npi = ? AND id IS NOT ?`,
    npi,
    facilityId,
  );
  if (taken) throw invalid(`NPI ${npi} is already ${taken.name}'s.`, 'npi');
}

import type { ParsedInputOf } from '../../shared/api/contract';
import type { FacilityOption, FacilityView } from '../../shared/api/facility';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import type { Db, ReadDb } from '../db/open';
import { LETTERHEAD_FIELD_COLUMNS } from '../office/wire-letterhead';
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
    `SELECT ${LETTERHEAD_FIELD_COLUMNS.map(([field, column]) => `${column} AS "${field}"`).join(', ')}
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
  const values: FacilityRow = {
    ...input,
    remitTo: kept('remitTo'),
    paymentUrl: kept('paymentUrl'),
    billingPhone: kept('billingPhone'),
    assistancePhone: kept('assistancePhone'),
    assistanceUrl: kept('assistanceUrl'),
    assistanceSummaryUrl: kept('assistanceSummaryUrl'),
    languageTaglines: kept('languageTaglines'),
  };
  // who saved it: in an office the server takes it only from an active supervisor
  writeFacility(ctx.db, values, { at: ctx.clock.now(), by: ctx.userId });
  return getFacility(ctx);
}

/**
 * Writes the facility row (id 1) and who saved it, and the main facility's name and NPI with
 * it: accounts are billed under the main facility, which follows the letterhead whether it is
 * saved in Settings here or taken from the office (office/letterhead.ts).
 */
export function writeFacility(
  db: Db,
  row: FacilityRow,
  saved: { at: string | null; by: number | null },
): void {
  const columns = [
    ...LETTERHEAD_FIELD_COLUMNS.map(([, column]) => column),
    'updated_at',
    'updated_by',
  ];
  run(
    db,
    `INSERT INTO facility (id, ${columns.join(', ')})
       VALUES (1, ${LETTERHEAD_FIELD_COLUMNS.map(([field]) => `@${field}`).join(', ')}, @at, @by)
       ON CONFLICT (id) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    { ...row, at: saved.at, by: saved.by },
  );
  run(db, `UPDATE facilities SET name = ?, npi = ? WHERE id = 1`, row.name, row.npi);
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

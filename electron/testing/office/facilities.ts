import type { AccountId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { migration072 } from '../../db/migrations/072-office-facility-edits-of-older-versions';
import { oneOrThrow } from '../../db/query';
import { keepCaptureWithLink } from '../../office/capture-triggers';
import { makeSupervisor } from '../builders';
import { call } from '../call';
import { addFacility } from '../facilities';
import type { Desktop } from './desktops';
import { owingPatient } from './money';
import { withSupervisors } from './records';

/** Valid NPIs (their check digits hold) the office tests give facilities. */
export const NPI = { north: '1234567893', west: '1111111112', east: '2222222228' } as const;

/** The letterhead the office's first copy is set up with (its main facility, id 1). */
export const LETTERHEAD = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  line2: null,
  city: 'Portland',
  state: 'ME',
  zip: '04101',
  phone: '207-555-0100',
  fax: null,
  npi: null,
  taxId: null,
  web: null,
  billingOfficeHours: 'Mon-Fri 8-5',
  remitTo: 'PO Box 100\nPortland, ME 04101',
  paymentUrl: null,
  billingPhone: null,
  assistancePhone: '207-555-0150',
  assistanceUrl: 'https://harborpoint.example/assistance',
  assistanceSummaryUrl: null,
  languageTaglines: null,
};

/** A supervisor (rep.one, at A) sets the letterhead up; the patient owes $200.00 at an address. */
export function withLetterhead(ctx: Ctx, account: AccountId): void {
  makeSupervisor(ctx);
  call(ctx, 'saveFacility', LETTERHEAD);
  owingPatient(ctx, account);
}

/** Every desk's user a supervisor, and a facility of the first copy beside the main one. */
export function withNorthClinic(ctx: Ctx): void {
  withSupervisors(ctx);
  addFacility(ctx, 'North Clinic', NPI.north);
}

/** The facility an account is billed under at a desk, by name. */
export const facilityOfAccount = (d: Desktop, accountNumber: string) =>
  oneOrThrow<{ name: string }>(
    d.ctx.db,
    `SELECT f.name FROM accounts a JOIN facilities f ON f.id = a.facility_id
       WHERE a.account_number = ?`,
    accountNumber,
  ).name;

/** The version before this one at a desk: a facility's adding was captured, never its edits. */
export const asTheOlderVersion = (d: Desktop) =>
  d.ctx.db.exec(`DROP TRIGGER office_capture_facilities_update`);

/** The desk opened with this version: the capture triggers put back, then migration 72. */
export function upgradeFromTheOlderVersion(d: Desktop): void {
  keepCaptureWithLink(d.ctx.db);
  d.ctx.db.exec(migration072);
}

import type { Ctx } from '../../core/context';
import { migration072 } from '../../db/migrations/072-office-facility-edits-of-older-versions';
import { oneOrThrow } from '../../db/query';
import { keepCaptureWithLink } from '../../office/capture-triggers';
import { addFacility } from '../facilities';
import type { Desktop } from './desktops';
import { withSupervisors } from './records';

/** Valid NPIs (their check digits hold) the office tests give facilities. */
export const NPI = { north: '1234567893', west: '1111111112', east: '2222222228' } as const;

/** A desk's letterhead (its main facility, id 1), with the NPI the hospital bills under. */
export const LETTERHEAD = {
  name: 'Harbor Point Hospital',
  line1: '10 Quay Street',
  city: 'Portland',
  state: 'ME',
  zip: '04101',
  npi: NPI.east,
};

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

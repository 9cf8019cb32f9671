import type { Ctx } from '../../core/context';
import { oneOrThrow } from '../../db/query';
import { addFacility } from '../facilities';
import type { Desktop } from './desktops';
import { withSupervisors } from './records';

/** Valid NPIs (their check digits hold) the office tests give facilities. */
export const NPI = { north: '1234567893', west: '1111111112', east: '2222222228' } as const;

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

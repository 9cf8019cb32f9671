import type { InputOf } from '../../shared/api/contract';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, PayerId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { oneOrThrow, run } from '../db/query';
import { addAccount, addAddress, addBilledClaim, addPerson } from './builders';
import { call } from './call';

/**
 * An account whose final notice went out `daysAgo` days before today, its cycle begun a
 * year ago: the next stage is pre-collection, waiting for a decision on agency referral.
 */
export function atFinalNotice(ctx: Ctx, accountId: AccountId, daysAgo: number): IsoDate {
  const today = ctx.clock.today();
  const notice = addDays(today, -daysAgo);
  run(
    ctx.db,
    `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
         statements_sent, last_statement_date, last_amount_due, source, updated_at)
       SELECT id, guarantor_id, 3, ?, 4, ?, patient_balance, 'statement', ? FROM accounts
       WHERE id = ?`,
    addDays(today, -365),
    notice,
    ctx.clock.now(),
    accountId,
  );
  return notice;
}

/** A self-pay account owing `charges` on the patient side, with an address, at final notice. */
export function overdueAccount(
  ctx: Ctx,
  payerId: PayerId,
  over: { number: string; last: string; charges: readonly number[]; noticeDaysAgo?: number },
): AccountId {
  const person = addPerson(ctx, { first: 'Pat', last: over.last, phone: '207-555-0100' });
  addAddress(ctx, person, `${over.number} Main St`);
  const { accountId } = addAccount(ctx, { patientId: person, number: over.number });
  addBilledClaim(ctx, accountId, payerId, over.charges, 'patient');
  atFinalNotice(ctx, accountId, over.noticeDaysAgo ?? 45);
  return accountId;
}

export type AgencyInput = InputOf<'saveAgency'>;

export function addAgency(ctx: Ctx, over: Partial<AgencyInput> = {}): number {
  return call(ctx, 'saveAgency', {
    name: 'Coastal Recovery',
    columns: ['account', 'guarantor_name', 'balance'],
    commissionBps: 2500,
    remittance: 'gross',
    contact: 'Dana at 207-555-0199',
    ...over,
  }).id;
}

/** An agency as this copy holds it, found by its name. */
export const agencyNamed = (ctx: Ctx, name: string) =>
  oneOrThrow<{
    id: number;
    name: string;
    columns: string;
    commissionBps: number;
    remittance: AgencyInput['remittance'];
    contact: string | null;
    active: number;
  }>(
    ctx.db,
    `SELECT id, name, columns, commission_bps AS commissionBps, remittance, contact, active
       FROM agencies WHERE name = ?`,
    name,
  );

/** A supervisor's edit in Settings: the whole form, as the screen sends it. */
export function editAgency(ctx: Ctx, name: string, edit: Partial<AgencyInput>): void {
  const g = agencyNamed(ctx, name);
  call(ctx, 'saveAgency', {
    agencyId: g.id,
    name: g.name,
    columns: JSON.parse(g.columns) as AgencyInput['columns'],
    commissionBps: g.commissionBps,
    remittance: g.remittance,
    contact: g.contact,
    active: g.active === 1,
    ...edit,
  });
}

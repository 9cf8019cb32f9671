import type { AccountId } from '../../../shared/ids';
import type { ClaimFileReport } from '../../../shared/api/imports';
import { type IsoDate } from '../../../shared/dates/iso-date';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Claim837, ServiceLine837 } from './claim-types';
import { type ClaimPerson } from './people';

/*
 * What a claim says, read for applying it: its coverage priority, dates, memos and the
 * columns it is stored with. No database.
 */

/** A claim that cannot be applied as sent; the import skips it with this reason. */
export class SkipClaim extends Error {}

/** What every claim of one transaction shares. */
export interface FileContext {
  importFileId: number;
  fileName: string;
  /** BHT04, when the claims were sent, never after today. */
  billedDate: IsoDate;
}

export interface Applied {
  outcome: 'added' | 'updated' | 'voided';
  claimNumber: string;
  accountId: AccountId;
  accountNumber: string;
  chargesPosted: Cents;
  message: string;
  accountCreated: boolean;
  peopleCreated: number;
  payerCreated: ClaimFileReport['payersCreated'][number] | null;
}

export const TYPE_LABEL = { institutional: '837I', professional: '837P' } as const;

/** SBR01 to our coverage priority (1–9); `U` (unknown) and payers ten and eleven have none. */
const PRIORITY: Record<string, number> = { P: 1, S: 2, T: 3, A: 4, B: 5, C: 6, D: 7, E: 8, F: 9 };
export const PRIORITY_LABEL: Record<number, string> = {
  1: 'primary',
  2: 'secondary',
  3: 'tertiary',
};

export function priorityOf(claim: Claim837): number {
  const priority = PRIORITY[claim.subscriber.payerResponsibility];
  if (priority === undefined) {
    throw new SkipClaim(
      `The payer responsibility code (SBR01) ${claim.subscriber.payerResponsibility || 'is empty and'} does not say which coverage this is (primary, secondary, tertiary…).`,
    );
  }
  return priority;
}

export const patientOf = (claim: Claim837): ClaimPerson => claim.patient ?? claim.subscriber;

/** A line's date of service: its own, else the start of the claim's statement period. */
export function lineDate(claim: Claim837, line: ServiceLine837): IsoDate {
  const date = line.serviceDate ?? claim.statementFrom;
  // the reader refuses a claim with neither
  if (date === null) throw new SkipClaim(`Line ${line.lineNumber} has no date of service.`);
  return date;
}

export function serviceSpan(claim: Claim837): { from: IsoDate; to: IsoDate } {
  const dates = claim.lines.flatMap((l) => [
    lineDate(claim, l),
    l.serviceDateTo ?? lineDate(claim, l),
  ]);
  if (claim.statementFrom) dates.push(claim.statementFrom);
  if (claim.statementTo) dates.push(claim.statementTo);
  dates.sort();
  return { from: dates[0] as IsoDate, to: dates[dates.length - 1] as IsoDate };
}

export function chargeMemo(claim: Claim837, line: ServiceLine837): string {
  const code = line.procedure
    ? `${line.procedure.code}${line.procedure.modifiers.length ? `-${line.procedure.modifiers.join('-')}` : ''}`
    : null;
  if (claim.claimType === 'professional') return code ?? 'Professional service';
  return code ? `Rev ${line.revenueCode ?? ''} / ${code}` : `Rev ${line.revenueCode ?? ''}`;
}

export const signed = (amount: number): string =>
  amount > 0 ? `+${formatCents(cents(amount))}` : formatCents(cents(amount));

/** The claim's columns as the 837 gives them, in the order the statements below use. */
export function claimColumns(claim: Claim837, f: FileContext, fingerprint: string) {
  return [
    claim.claimType,
    claim.facilityCode,
    claim.frequencyCode,
    claim.diagnosisCodes.join(' '),
    claim.priorAuthorization,
    claim.referralNumber,
    claim.statementFrom,
    claim.statementTo,
    claim.billingProvider.npi,
    fingerprint,
    f.importFileId,
  ] as const;
}

export function lineColumns(claim: Claim837, l: ServiceLine837) {
  return [
    lineDate(claim, l),
    l.revenueCode,
    l.procedure?.code ?? null,
    l.procedure && l.procedure.modifiers.length > 0 ? l.procedure.modifiers.join(':') : null,
    l.units,
    l.charge,
  ] as const;
}

import type { ClaimView } from '../../../shared/api/accounts';
import { cents, type Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import { amountFrom, amountOrZero, amountProblem } from '../components/money-input';

export const EOB_COLUMNS = [
  ['paid', 'Paid'],
  ['contractual', 'Contractual'],
  ['deductible', 'Deductible'],
  ['coinsurance', 'Coinsurance'],
  ['copay', 'Copay'],
] as const;
export type EobColumn = (typeof EOB_COLUMNS)[number][0];
export type EobAmounts = Record<EobColumn, string>;

export const blankAmounts = (): EobAmounts => ({
  paid: '',
  contractual: '',
  deductible: '',
  coinsurance: '',
  copay: '',
});

/** One row of the EOB table: a claim line, or the whole claim when it has no lines. */
export interface EobRow {
  key: string;
  claimLineId: number | null;
  label: string;
  charge: Cents;
}

export function eobRows(claim: ClaimView): EobRow[] {
  if (claim.lines.length === 0)
    return [{ key: 'claim', claimLineId: null, label: 'Whole claim', charge: claim.balance }];
  return claim.lines.map((l) => ({
    key: String(l.id),
    claimLineId: l.id,
    label: `${l.lineNumber} · ${l.procedureCode ?? l.revenueCode ?? ''}`,
    charge: l.charge,
  }));
}

export function rowTotal(a: EobAmounts): number {
  return EOB_COLUMNS.reduce((s, [k]) => s + amountOrZero(a[k]), 0);
}

export function rowShare(a: EobAmounts): number {
  return amountOrZero(a.deductible) + amountOrZero(a.coinsurance) + amountOrZero(a.copay);
}

/** What is wrong with a row before anything is sent, in the server's own words. */
export function rowProblem(row: EobRow, a: EobAmounts): string | null {
  for (const [k, label] of EOB_COLUMNS) {
    if (amountProblem(a[k])) return `${label}: type an amount such as 125.00.`;
    const v = amountFrom(a[k]);
    if (v !== null && v < 0) return `${label} cannot be negative.`;
  }
  const total = rowTotal(a);
  if (row.claimLineId !== null && total > row.charge)
    return `The EOB accounts for ${formatCents(cents(total))}, more than the line charge of ${formatCents(row.charge)}.`;
  return null;
}

export const isBlank = (a: EobAmounts) => EOB_COLUMNS.every(([k]) => a[k].trim() === '');

import type { InputOf } from '../../../shared/api/contract';
import type { AccountView, ClaimView } from '../../../shared/api/accounts';
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

/** Claims an EOB can be posted to: anything still open with insurance comes first. */
export function claimOptions(
  view: Pick<AccountView, 'claims'>,
): { value: string; label: string }[] {
  return [...view.claims]
    .filter((c) => c.status !== 'voided')
    .sort((a, b) => Number(b.balance > 0) - Number(a.balance > 0))
    .map((c) => ({
      value: String(c.id),
      label: `${c.claimNumber} · ${c.payerName} · open ${formatCents(c.balance)}`,
    }));
}

const amountsOf = (amounts: Record<string, EobAmounts>, row: EobRow): EobAmounts =>
  amounts[row.key] ?? blankAmounts();

/** Whether any row has something to fix before the EOB can be sent. */
export const anyRowProblem = (rows: EobRow[], amounts: Record<string, EobAmounts>): boolean =>
  rows.some((r) => rowProblem(r, amountsOf(amounts, r)) !== null);

/** The patient share of the whole EOB: deductible, coinsurance and copay on every row. */
export const eobShare = (rows: EobRow[], amounts: Record<string, EobAmounts>): Cents =>
  cents(rows.reduce((s, r) => s + rowShare(amountsOf(amounts, r)), 0));

/**
 * The rows sent: only those with something on them, or the first when none has (so the
 * server answers an empty EOB in its own words). Their order maps the server's line
 * indexes back to the rows.
 */
export function rowsToSend(rows: EobRow[], amounts: Record<string, EobAmounts>): EobRow[] {
  const entered = rows.filter((r) => !isBlank(amountsOf(amounts, r)));
  return entered.length > 0 ? entered : rows.slice(0, 1);
}

export type EobLineInput = InputOf<'postInsurancePayment'>['lines'][number];

/** A row as the API takes it: a blank amount is zero. */
export function lineInput(row: EobRow, a: EobAmounts): EobLineInput {
  const v = (k: EobColumn) => amountFrom(a[k]) ?? 0;
  return {
    claimLineId: row.claimLineId,
    paid: v('paid'),
    contractual: v('contractual'),
    deductible: v('deductible'),
    coinsurance: v('coinsurance'),
    copay: v('copay'),
  };
}

/** The server's messages about `lines.<i>` (or a field under it), by the row sent at i. */
export function lineErrors(sent: EobRow[], errors: Record<string, string>): Record<string, string> {
  const byRow: Record<string, string> = {};
  sent.forEach((r, i) => {
    const key = Object.keys(errors).find((p) => p === `lines.${i}` || p.startsWith(`lines.${i}.`));
    if (key && errors[key]) byRow[r.key] = errors[key];
  });
  return byRow;
}

/**
 * Payment plan schedules: turn a balance and the terms a patient agreed to into dated
 * installments that add up to the balance to the cent, or refuse with a sentence a
 * bookkeeper can act on.
 */
import { allocate, cents, type Cents } from '../money/cents';
import { formatCents } from '../money/format';
import {
  addDays,
  addMonths,
  daysBetween,
  formatUsDate,
  isIsoDate,
  type IsoDate,
} from '../dates/iso-date';

export type PlanLength =
  { mode: 'amount'; monthlyAmount: Cents } | { mode: 'months'; months: number };

export interface PlanTerms {
  balance: Cents;
  downPayment: Cents;
  startDate: IsoDate;
  firstDueDate: IsoDate;
  length: PlanLength;
  minimumMonthly: Cents;
  maxMonths: number;
}

/** `number` 0 is the down payment, due on the start date; monthly installments are 1..n. */
export interface Installment {
  number: number;
  dueDate: IsoDate;
  amount: Cents;
}

export type ScheduleField = 'balance' | 'downPayment' | 'firstDueDate' | 'monthlyAmount' | 'months';

export type ScheduleResult =
  { ok: true; installments: Installment[] } | { ok: false; field: ScheduleField; message: string };

/** The longest wait allowed between signing a plan and its first monthly payment. */
export const MAX_DAYS_TO_FIRST_PAYMENT = 60;

/**
 * Due date of monthly installment `number` (1-based). Always counted from the first due
 * date rather than from the previous installment, so a plan starting on the 31st comes
 * back to the 31st after a short month instead of drifting to the 28th for good.
 */
export function monthlyDueDate(firstDueDate: IsoDate, number: number): IsoDate {
  return addMonths(firstDueDate, number - 1);
}

function refuse(field: ScheduleField, message: string): ScheduleResult {
  return { ok: false, field, message };
}

function months(n: number): string {
  return n === 1 ? '1 month' : `${n} months`;
}

function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/**
 * Terms that came from configuration or code rather than from a person typing are
 * checked by throwing: a wrong value there is a bug, not something to explain to staff.
 */
function assertConfiguration(terms: PlanTerms): void {
  for (const [name, value] of [
    ['balance', terms.balance],
    ['downPayment', terms.downPayment],
    ['minimumMonthly', terms.minimumMonthly],
  ] as const) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${name} is not whole cents: ${value}`);
  }
  if (terms.minimumMonthly < 0) throw new RangeError('minimumMonthly cannot be negative');
  if (!Number.isInteger(terms.maxMonths) || terms.maxMonths < 1) {
    throw new RangeError(`maxMonths must be a whole number of at least 1: ${terms.maxMonths}`);
  }
  if (!isIsoDate(terms.startDate))
    throw new RangeError(`startDate is not a date: ${terms.startDate}`);
  if (!isIsoDate(terms.firstDueDate)) {
    throw new RangeError(`firstDueDate is not a date: ${terms.firstDueDate}`);
  }
}

export function buildSchedule(terms: PlanTerms): ScheduleResult {
  assertConfiguration(terms);
  const { balance, downPayment, startDate, firstDueDate, length, minimumMonthly, maxMonths } =
    terms;

  if (balance <= 0) {
    return refuse(
      'balance',
      balance === 0
        ? 'The balance is $0.00, so there is nothing to put on a payment plan.'
        : `The account shows a credit of ${formatCents(balance)}, so there is nothing to put on a payment plan.`,
    );
  }
  if (downPayment < 0) {
    return refuse(
      'downPayment',
      `The down payment cannot be negative (${formatCents(downPayment)}); enter $0.00 for no down payment.`,
    );
  }
  if (downPayment === balance) {
    return refuse(
      'downPayment',
      `A down payment of ${formatCents(downPayment)} pays the whole balance, so no payment plan is needed; post it as a payment instead.`,
    );
  }
  if (downPayment > balance) {
    return refuse(
      'downPayment',
      `The down payment of ${formatCents(downPayment)} is more than the balance of ${formatCents(balance)}.`,
    );
  }

  const wait = daysBetween(startDate, firstDueDate);
  if (wait < 0) {
    return refuse(
      'firstDueDate',
      `The first payment date ${formatUsDate(firstDueDate)} is before the plan start date ${formatUsDate(startDate)}.`,
    );
  }
  if (wait > MAX_DAYS_TO_FIRST_PAYMENT) {
    return refuse(
      'firstDueDate',
      `The first payment date ${formatUsDate(firstDueDate)} is ${wait} days after the plan starts; it must be within ${MAX_DAYS_TO_FIRST_PAYMENT} days (by ${formatUsDate(addDays(startDate, MAX_DAYS_TO_FIRST_PAYMENT))}).`,
    );
  }
  // Two installments due the same day read as one payment split in two on a statement,
  // and would make "which one is late" ambiguous.
  if (wait === 0 && downPayment > 0) {
    return refuse(
      'firstDueDate',
      `The down payment is due on the start date ${formatUsDate(startDate)}, so the first monthly payment must fall after it.`,
    );
  }

  const rest = balance - downPayment;
  const amounts =
    length.mode === 'amount'
      ? byAmount(rest, length.monthlyAmount, minimumMonthly, maxMonths)
      : byMonths(rest, length.months, minimumMonthly, maxMonths);
  if (!Array.isArray(amounts)) return amounts;

  const installments: Installment[] = [];
  if (downPayment > 0) installments.push({ number: 0, dueDate: startDate, amount: downPayment });
  amounts.forEach((amount, i) => {
    installments.push({ number: i + 1, dueDate: monthlyDueDate(firstDueDate, i + 1), amount });
  });
  return { ok: true, installments };
}

function byAmount(
  rest: number,
  monthlyAmount: Cents,
  minimumMonthly: Cents,
  maxMonths: number,
): Cents[] | ScheduleResult {
  if (!Number.isSafeInteger(monthlyAmount) || monthlyAmount <= 0) {
    return refuse('monthlyAmount', 'Enter a monthly amount greater than $0.00.');
  }
  // Paying everything that is left in one go is allowed whatever the minimum: that single
  // payment is the remainder, which the minimum never applies to.
  if (monthlyAmount < minimumMonthly && monthlyAmount < rest) {
    return refuse(
      'monthlyAmount',
      `${formatCents(monthlyAmount)} a month is below the minimum of ${formatCents(minimumMonthly)}.`,
    );
  }
  const count = ceilDiv(rest, monthlyAmount);
  if (count > maxMonths) {
    return refuse(
      'monthlyAmount',
      `At ${formatCents(monthlyAmount)} a month that would take ${months(count)}; the longest plan allowed is ${maxMonths} — raise the monthly amount to at least ${formatCents(cents(ceilDiv(rest, maxMonths)))}.`,
    );
  }
  const amounts: Cents[] = [];
  for (let i = 0; i < count - 1; i++) amounts.push(monthlyAmount);
  amounts.push(cents(rest - monthlyAmount * (count - 1)));
  return amounts;
}

function byMonths(
  rest: number,
  count: number,
  minimumMonthly: Cents,
  maxMonths: number,
): Cents[] | ScheduleResult {
  if (!Number.isInteger(count) || count < 1) {
    return refuse('months', 'Enter the number of months as a whole number, 1 or more.');
  }
  if (count > maxMonths) {
    return refuse(
      'months',
      `A ${count}-month plan is longer than the longest plan allowed, ${maxMonths} months.`,
    );
  }
  // The longest split whose every installment is at least a cent and at least the minimum.
  const most = Math.max(
    1,
    Math.min(rest, minimumMonthly > 0 ? Math.floor(rest / minimumMonthly) : rest),
  );
  // More months than cents would create $0.00 installments.
  if (count > rest) {
    return refuse(
      'months',
      `${formatCents(cents(rest))} cannot be spread over ${count} months; at most ${months(most)}.`,
    );
  }
  const amounts = allocate(
    cents(rest),
    Array.from({ length: count }, () => 1),
  );
  const smallest = Math.floor(rest / count);
  // A one-month plan is the whole remainder, which the minimum does not apply to.
  if (count > 1 && smallest < minimumMonthly) {
    const largest = ceilDiv(rest, count);
    const what =
      largest < minimumMonthly
        ? `${formatCents(cents(largest))} a month`
        : `some payments of ${formatCents(cents(smallest))}`;
    return refuse(
      'months',
      `${count} months would be ${what}, below the minimum ${formatCents(minimumMonthly)}; at most ${months(most)}.`,
    );
  }
  return amounts;
}

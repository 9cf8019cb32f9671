/**
 * Where a payment plan stands on a given day: which installments the money paid so far
 * covers, what is owed now, and whether the plan has gone delinquent.
 */
import { cents, type Cents } from '../money/cents';
import { daysBetween, type IsoDate } from '../dates/iso-date';
import type { Installment } from './schedule';

export interface InstallmentProgress extends Installment {
  paid: Cents;
  remaining: Cents;
  /**
   * First match wins: `paid` (nothing left), `late` (past due date + grace), `due` (due
   * date reached, within grace, even if partly paid), `partial` (not yet due, partly paid
   * ahead), `upcoming`.
   */
  status: 'paid' | 'partial' | 'due' | 'late' | 'upcoming';
}

export interface PlanStanding {
  installments: InstallmentProgress[];
  totalPaid: Cents;
  /** Unpaid total of all installments. */
  remaining: Cents;
  /** Unpaid on installments whose due date is before today, whether in grace or late. */
  pastDue: Cents;
  /** Earliest unpaid installment due today or later, with what is still owed on it. */
  nextDue: { dueDate: IsoDate; amount: Cents } | null;
  firstLateDueDate: IsoDate | null;
  state: 'current' | 'delinquent' | 'paid_off';
  /** Paid beyond the whole plan; it belongs to the account, not to any installment. */
  credit: Cents;
}

/**
 * `totalPaid` is what the ledger shows paid toward the plan. It is applied oldest
 * installment first, so an overpayment one month counts toward the next. Installments
 * are returned ordered by due date (then number), the order the money is applied in.
 */
export function planStanding(
  installments: readonly Installment[],
  totalPaid: Cents,
  today: IsoDate,
  graceDays: number,
): PlanStanding {
  if (!Number.isSafeInteger(totalPaid) || totalPaid < 0) {
    // Net payments below zero mean the ledger reversed more than was ever paid.
    throw new RangeError(`totalPaid must be whole cents and not negative: ${totalPaid}`);
  }
  if (!Number.isInteger(graceDays) || graceDays < 0) {
    throw new RangeError(`graceDays must be a whole number of days, 0 or more: ${graceDays}`);
  }
  for (const inst of installments) {
    if (!Number.isSafeInteger(inst.amount) || inst.amount < 0) {
      throw new RangeError(`Installment ${inst.number} has an invalid amount: ${inst.amount}`);
    }
  }

  const ordered = [...installments].sort(
    (a, b) => daysBetween(b.dueDate, a.dueDate) || a.number - b.number,
  );

  let unapplied: number = totalPaid;
  let remaining = 0;
  let pastDue = 0;
  let nextDue: PlanStanding['nextDue'] = null;
  let firstLateDueDate: IsoDate | null = null;

  const progress = ordered.map((inst): InstallmentProgress => {
    const paid = Math.min(unapplied, inst.amount);
    unapplied -= paid;
    const left = inst.amount - paid;
    const daysPast = daysBetween(inst.dueDate, today);

    let status: InstallmentProgress['status'];
    if (left === 0) status = 'paid';
    else if (daysPast > graceDays) status = 'late';
    else if (daysPast >= 0) status = 'due';
    else if (paid > 0) status = 'partial';
    else status = 'upcoming';

    remaining += left;
    if (left > 0 && daysPast > 0) pastDue += left;
    if (left > 0 && daysPast <= 0 && nextDue === null) {
      nextDue = { dueDate: inst.dueDate, amount: cents(left) };
    }
    if (status === 'late' && firstLateDueDate === null) firstLateDueDate = inst.dueDate;

    return { ...inst, paid: cents(paid), remaining: cents(left), status };
  });

  const state: PlanStanding['state'] =
    remaining === 0 ? 'paid_off' : firstLateDueDate !== null ? 'delinquent' : 'current';

  return {
    installments: progress,
    totalPaid,
    remaining: cents(remaining),
    pastDue: cents(pastDue),
    nextDue,
    firstLateDueDate,
    state,
    credit: cents(unapplied),
  };
}

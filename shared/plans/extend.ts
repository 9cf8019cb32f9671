/**
 * New charges on an account that already has an active payment plan go onto the end of
 * that plan rather than starting a second one.
 */
import { cents, sumCents, type Cents } from '../money/cents';
import type { IsoDate } from '../dates/iso-date';
import { monthlyDueDate, type Installment } from './schedule';

function monthIndex(date: IsoDate): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/**
 * Returns the plan with `added` spread on at its end. Existing installments keep their
 * number, date and amount, except that the last one is topped up to `monthlyAmount` when
 * it is smaller. The top-up is skipped when `totalPaid` already covers the whole plan:
 * raising a settled installment would reopen it as a debt whose due date may be long past.
 * New installments continue monthly from the first monthly due date, so a plan due on
 * the 31st keeps landing on month ends. The result's amounts sum to the old sum plus
 * `added`, exactly.
 *
 * Nothing here enforces the plan's length limit; a caller that has one compares the
 * last installment's number against it.
 */
export function addToSchedule(
  installments: readonly Installment[],
  totalPaid: Cents,
  added: Cents,
  monthlyAmount: Cents,
): Installment[] {
  if (!Number.isSafeInteger(added) || added < 0) {
    throw new RangeError(`The added amount must be whole cents and not negative: ${added}`);
  }
  if (!Number.isSafeInteger(monthlyAmount) || monthlyAmount <= 0) {
    throw new RangeError(`The monthly amount must be more than zero: ${monthlyAmount}`);
  }
  const result = installments.map((inst) => ({ ...inst }));
  const monthly = result.filter((inst) => inst.number >= 1);
  const first = monthly.reduce<Installment | undefined>(
    (a, b) => (a === undefined || b.number < a.number ? b : a),
    undefined,
  );
  const last = monthly.reduce<Installment | undefined>(
    (a, b) => (a === undefined || b.number > a.number ? b : a),
    undefined,
  );
  if (first === undefined || last === undefined) {
    throw new RangeError('The plan has no monthly installments to add to');
  }
  if (added === 0) return result;

  let left: number = added;
  const planTotal = sumCents(result.map((inst) => inst.amount));
  if (totalPaid < planTotal && last.amount < monthlyAmount) {
    const topUp = Math.min(left, monthlyAmount - last.amount);
    last.amount = cents(last.amount + topUp);
    left -= topUp;
  }

  // Counted in calendar months from the first due date, not from installment numbers,
  // so a plan whose numbering has gaps still gets dates after its last one.
  let offset = monthIndex(last.dueDate) - monthIndex(first.dueDate);
  let number = last.number;
  while (left > 0) {
    const amount = Math.min(left, monthlyAmount);
    offset += 1;
    number += 1;
    result.push({
      number,
      dueDate: monthlyDueDate(first.dueDate, offset + 1),
      amount: cents(amount),
    });
    left -= amount;
  }
  return result;
}

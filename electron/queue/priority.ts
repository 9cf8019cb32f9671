import { addDays, daysBetween, toEpochDay, type IsoDate } from '../../shared/dates/iso-date';
import type { Priority } from '../../shared/api/queue';

/**
 * The default queue order weighs the amount at stake, how old it is and how close its
 * deadline is. The time terms are linear in the calendar dates themselves, not in "days
 * from today", so the relative order of two follow-ups does not change as days pass: the
 * key can be stored with the follow-up (an index gives the first page without sorting)
 * and only needs recomputing when the balance or dates change, or once when a deadline
 * passes: a missed deadline stops counting (nothing is won by hurrying any more), so the
 * follow-up falls back to being ranked by amount and age (see rerankPassedDeadlines).
 *
 * One point is one day of age; a deadline day counts four; the amount counts
 * logarithmically (about 200 points per tenfold), so $1,000 outranks $100 by what
 * 200 days of age or 50 days of deadline would.
 */
const AGE_WEIGHT = 1;
const DEADLINE_WEIGHT = 4;
const AMOUNT_WEIGHT = 200;
/** Without a deadline, an account is treated as due a year after its oldest open amount. */
const DEFAULT_DEADLINE_DAYS = 365;

export interface RankInput {
  balance: number;
  oldestOpenDate: IsoDate | null;
  dueDate: IsoDate;
  deadlineDate: IsoDate | null;
}

export function queueRank(input: RankInput, today: IsoDate): number {
  const ageFrom = input.oldestOpenDate ?? input.dueDate;
  const deadline =
    input.deadlineDate !== null && input.deadlineDate >= today
      ? input.deadlineDate
      : addDays(ageFrom, DEFAULT_DEADLINE_DAYS);
  const amountPoints = Math.round(AMOUNT_WEIGHT * Math.log10(1 + Math.max(0, input.balance) / 100));
  return amountPoints - AGE_WEIGHT * toEpochDay(ageFrom) - DEADLINE_WEIGHT * toEpochDay(deadline);
}

/** Deadlines this close stand out in the queue. */
export const DEADLINE_WARNING_DAYS = 15;

/** The label a person sees; computed for today, unlike the stored rank. */
export function priorityLabel(input: RankInput, today: IsoDate): Priority {
  const daysLeft = input.deadlineDate ? daysBetween(today, input.deadlineDate) : null;
  const age = input.oldestOpenDate ? daysBetween(input.oldestOpenDate, today) : 0;
  if (daysLeft !== null && daysLeft <= DEADLINE_WARNING_DAYS) return 'high';
  if (input.balance >= 100_000 && age > 90) return 'high';
  if (input.balance >= 250_000) return 'high';
  if (input.balance < 5_000 && (daysLeft === null || daysLeft > 60)) return 'low';
  return 'medium';
}

import type { AgingBucketKey } from '../../../shared/aging/buckets';
import { cents, type Cents } from '../../../shared/money/cents';
import { amountFrom, amountProblem } from '../components/money-input';

export interface CandidateFilters {
  minPatientBalance: Cents;
  agingBucket: AgingBucketKey | null;
  notStatedWithinDays: number;
}

export const DEFAULT_FILTERS: CandidateFilters = {
  minPatientBalance: cents(500),
  agingBucket: null,
  notStatedWithinDays: 25,
};

/** What the filter form holds: the amount as typed, the days as the number field has them. */
export interface CandidateFilterForm {
  minimum: string;
  bucket: AgingBucketKey | null;
  days: number | string;
}

export type CandidateFilterReading =
  | { ok: true; filters: CandidateFilters }
  | { ok: false; minimum: string | undefined; days: string | undefined };

function daysOf(days: number | string): number {
  return typeof days === 'number' ? days : Number.parseInt(days, 10);
}

function daysProblem(days: number | string): string | undefined {
  const n = daysOf(days);
  return Number.isInteger(n) && n >= 0 && n <= 365 ? undefined : 'From 0 to 365 days.';
}

// the server refuses a negative minimum for the whole list; the field says so instead
function minimumProblem(text: string): string | undefined {
  const typo = amountProblem(text);
  if (typo) return typo;
  const value = amountFrom(text);
  return value !== null && value < 0 ? 'Type an amount of 0.00 or more.' : undefined;
}

/** The filters the form asks for, or what to fix first; a blank minimum is no minimum. */
export function readCandidateFilters(form: CandidateFilterForm): CandidateFilterReading {
  const minimum = minimumProblem(form.minimum);
  const days = daysProblem(form.days);
  if (minimum || days) return { ok: false, minimum, days };
  return {
    ok: true,
    filters: {
      minPatientBalance: amountFrom(form.minimum) ?? cents(0),
      agingBucket: form.bucket,
      notStatedWithinDays: daysOf(form.days),
    },
  };
}

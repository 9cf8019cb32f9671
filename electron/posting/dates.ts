import { invalid } from '../../shared/api/errors';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';

/** Money older than this is almost always a mistyped year. */
export const MAX_BACKDATE_DAYS = 366;

/** A date money moved on: not in the future, not more than a year back. */
export function requirePastDate(date: IsoDate, today: IsoDate, label: string, path: string): void {
  if (date > today) {
    throw invalid(
      `${label} ${formatUsDate(date)} is in the future; money cannot be posted ahead of time.`,
      path,
    );
  }
  if (date < addDays(today, -MAX_BACKDATE_DAYS)) {
    throw invalid(`${label} ${formatUsDate(date)} is more than a year ago; check the year.`, path);
  }
}

import { formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { missingMarker } from './placeholders';

/**
 * Whether a letter dated `date` reaches the payer by its appeal deadline; null when the
 * deadline is not known. The deadline day itself still counts as on time.
 */
export function isLate(deadline: IsoDate | undefined, date: IsoDate): boolean | null {
  if (!deadline) return null;
  return date > deadline;
}

/**
 * The sentence `{{appeal_timeliness}}` prints. A letter must never claim it is on time when
 * it is not: on or before the deadline it says so; after it, it says the deadline passed
 * and asks the payer to accept the appeal for good cause, naming the reason (a gap until
 * the representative gives one); with no deadline on file it says nothing about one.
 */
export function timelinessSentence(
  deadline: IsoDate | undefined,
  date: IsoDate,
  lateReason: string | undefined,
): string {
  const late = isLate(deadline, date);
  if (late === null || !deadline) return '';
  if (!late) return `This appeal is filed within your deadline of ${formatUsDate(deadline)}.`;
  return (
    `We recognize that this appeal is filed after your deadline of ${formatUsDate(deadline)}. ` +
    `We ask that you accept it for good cause: ${lateReason?.replace(/\.$/, '') ?? missingMarker('late_filing_reason')}.`
  );
}

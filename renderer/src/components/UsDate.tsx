import type { IsoDate } from '../../../shared/dates/iso-date';
import { formatUsDate } from '../../../shared/dates/iso-date';
import { timestampText } from './date-display';

/** MM/DD/YYYY on screen, the ISO date underneath for machines and copy-paste. */
export function UsDate({ value }: { value: IsoDate | null }) {
  if (!value) return <span aria-label="no date">—</span>;
  return (
    <time className="tabular" dateTime={value}>
      {formatUsDate(value)}
    </time>
  );
}

/** A timestamp (ISO UTC) in the person's local time. */
export function Timestamp({ value }: { value: string }) {
  return (
    <time className="tabular" dateTime={value}>
      {timestampText(value)}
    </time>
  );
}

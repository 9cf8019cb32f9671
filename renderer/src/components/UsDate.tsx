import type { IsoDate } from '../../../shared/dates/iso-date';
import { formatUsDate } from '../../../shared/dates/iso-date';

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
  const d = new Date(value);
  const text = Number.isNaN(d.getTime())
    ? value
    : d.toLocaleString('en-US', {
        month: '2-digit',
        day: '2-digit',
        year: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      });
  return (
    <time className="tabular" dateTime={value}>
      {text}
    </time>
  );
}

import { parseUsDate, type IsoDate } from '../../../shared/dates/iso-date';

/**
 * How every date field reads what a person types. Mantine's own reader hands the text to
 * `new Date`, which rolls 02/30/2026 over to March 2 and reads 2/3/26 as 2026; this one
 * takes only a real calendar date as MM/DD/YYYY (or YYYY-MM-DD) and otherwise leaves the
 * field's date as it was.
 */
export function typedDate(text: string): IsoDate | null {
  return parseUsDate(text);
}

/** The defaults every DateInput gets from the theme: shown and typed as MM/DD/YYYY. */
export const DATE_INPUT_DEFAULTS = {
  valueFormat: 'MM/DD/YYYY',
  dateParser: typedDate,
} as const;

import { addDays, type IsoDate } from '../../shared/dates/iso-date';

/** A statement asks for payment this many days after its date. */
export const STATEMENT_DUE_DAYS = 25;

export function statementDueDate(statementDate: IsoDate): IsoDate {
  return addDays(statementDate, STATEMENT_DUE_DAYS);
}

import {
  CSV_FIELD_LABELS,
  normalizeHeader,
  type CsvFieldKey,
} from '../../../shared/csv/account-fields';
import type { CsvRecord } from '../../../shared/csv/read';
import { unguardCell } from '../../../shared/csv/write';
import { formatUsDate, readUsDate, type IsoDate } from '../../../shared/dates/iso-date';
import type { Cents } from '../../../shared/money/cents';
import { formatCents, parseMoney } from '../../../shared/money/format';
import type { RowContext } from './rows';

/** The largest amount a cents field takes anywhere in ClaimDesk. */
const MAX_AMOUNT = 99_999_999_99;

const LIMITS: Partial<Record<CsvFieldKey, number>> = {
  accountNumber: 30,
  patientLastName: 60,
  patientFirstName: 60,
  guarantorLastName: 60,
  guarantorFirstName: 60,
  addressLine1: 100,
  addressLine2: 100,
  city: 60,
  memberId: 40,
  groupNumber: 40,
  payerCode: 20,
};

export function codeOf<K extends string>(
  table: { keys: readonly K[]; labels: Record<K, string> },
  text: string,
): K | null {
  const wanted = normalizeHeader(text);
  return (
    table.keys.find(
      (k) => normalizeHeader(k) === wanted || normalizeHeader(table.labels[k]) === wanted,
    ) ?? null
  );
}

/** "a, b or c"; a long list is cut after its first few. */
export function listOf(items: readonly string[], conjunction: 'or' | 'and'): string {
  const shown = items.length > 6 ? [...items.slice(0, 5), `${items.length - 5} more`] : items;
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1] ?? ''}`;
}

/**
 * The cells of one row, read by field: each reading checks the value and, when it is
 * wrong, adds a problem that names the field as the file names it.
 */
export class RowCells {
  readonly problems: string[] = [];
  private readonly record: CsvRecord;
  private readonly ctx: RowContext;

  constructor(record: CsvRecord, ctx: RowContext) {
    this.record = record;
    this.ctx = ctx;
  }

  raw(key: CsvFieldKey): string {
    const i = this.ctx.indexes[key];
    return i === undefined ? '' : unguardCell((this.record.cells[i] ?? '').trim());
  }

  /** A field is named as the file names it, so the person can find the cell. */
  name(key: CsvFieldKey): string {
    const label = CSV_FIELD_LABELS[key];
    const i = this.ctx.indexes[key];
    const header = i === undefined ? undefined : this.ctx.headers[i];
    return header === undefined || normalizeHeader(header) === normalizeHeader(label)
      ? label
      : `${label} (column "${header}")`;
  }

  text(key: CsvFieldKey, required: boolean): string | null {
    const value = this.raw(key);
    if (value === '') {
      if (required) this.problems.push(`${this.name(key)} is missing.`);
      return null;
    }
    const limit = LIMITS[key];
    if (limit !== undefined && value.length > limit) {
      this.problems.push(`${this.name(key)} is longer than ${limit} characters.`);
      return null;
    }
    return value;
  }

  date(key: CsvFieldKey, required: boolean): IsoDate | null {
    const value = this.text(key, required);
    if (value === null) return null;
    const reading = readUsDate(value);
    if (!reading.ok) {
      this.problems.push(`${this.name(key)} "${value}" ${reading.problem}.`);
      return null;
    }
    if (reading.date > this.ctx.today) {
      this.problems.push(`${this.name(key)} ${formatUsDate(reading.date)} is in the future.`);
      return null;
    }
    return reading.date;
  }

  amount(key: CsvFieldKey): Cents | null {
    const value = this.text(key, false);
    if (value === null) return null;
    const cents = parseMoney(value);
    if (cents === null) {
      this.problems.push(
        `${this.name(key)} "${value}" is not an amount in dollars and cents (like 1,234.50).`,
      );
      return null;
    }
    if (cents > MAX_AMOUNT) {
      this.problems.push(
        `${this.name(key)} ${formatCents(cents)} is more than ClaimDesk takes for one amount.`,
      );
      return null;
    }
    if (cents < 0) {
      this.problems.push(
        `${this.name(key)} ${formatCents(cents)} is a credit; an account opens with what is owed (0.00 or more). Import it with 0.00 and post the credit on the account.`,
      );
      return null;
    }
    return cents;
  }
}

import { cents, type Cents } from '../../../shared/money/cents';
import { isIsoDate, type IsoDate } from '../../../shared/dates/iso-date';

/**
 * X12 decimal ("R") values: an optional minus sign, digits, an optional decimal point.
 * No exponent, no plus sign, no thousands separators.
 */
const decimalPattern = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * Largest whole-dollar part we accept: 13 digits keeps the cents value far below
 * Number.MAX_SAFE_INTEGER, and X12 amounts are at most 18 characters anyway.
 */
const MAX_INTEGER_DIGITS = 13;

/**
 * Converts an X12 decimal string to whole cents by moving the decimal point in the
 * string, so no binary fraction ever touches the value. A value with non-zero digits
 * beyond the cent (`1.005`) is refused rather than rounded: rounding money read from a
 * payer's file would hide a disagreement.
 */
export function parseCents(text: string): Cents | null {
  const m = decimalPattern.exec(text);
  if (!m) return null;
  const sign = m[1] ?? '';
  const whole = (m[2] ?? '').replace(/^0+/, '');
  const fraction = m[3] ?? '';
  if ((m[2] ?? '') === '' && fraction === '') return null;
  if (whole.length > MAX_INTEGER_DIGITS) return null;
  if (/[^0]/.test(fraction.slice(2))) return null;
  const value = Number(`${whole}${fraction.slice(0, 2).padEnd(2, '0')}`);
  return cents(value === 0 ? 0 : sign === '-' ? -value : value);
}

/** Whole cents back to the shortest X12 decimal: 3400 → `34`, 3450 → `34.5`, -127 → `-1.27`. */
export function formatCents(value: Cents): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const fraction = digits.slice(-2).replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** `1234567` → `12,345.67`, for messages a person reads. */
export function displayCents(value: Cents): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(value)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${digits.slice(-2)}`;
}

/** Units and counts are not money, so an ordinary number is fine for them. */
export function parseQuantity(text: string): number | null {
  const m = decimalPattern.exec(text);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export function formatQuantity(value: number): string {
  return String(value);
}

/** `CCYYMMDD` → `CCYY-MM-DD`, or null when it is not a calendar date. */
export function parseDate8(text: string): IsoDate | null {
  if (!/^\d{8}$/.test(text)) return null;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}

export function formatDate8(date: IsoDate): string {
  return date.replaceAll('-', '');
}

/**
 * Calendar dates travel as `YYYY-MM-DD` strings in a branded type; arithmetic goes
 * through whole days since 1970-01-01 in UTC so no time zone can shift a date.
 */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = isoPattern.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/*
 * Whole days to and from a civil date by arithmetic (H. Hinnant's days_from_civil and
 * civil_from_days), not through Date objects: generating a bench database does this
 * tens of millions of times. Years outside 1000-9999, and a month out of range, go
 * through Date as before, so every input gives what it always gave.
 */
const DAYS_TO_1970 = 719_468;

function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - DAYS_TO_1970;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Whole days since 1970-01-01. */
export function toEpochDay(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && Number.isInteger(d))
    return daysFromCivil(y, m, d);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromEpochDay(day: number): IsoDate {
  const z = day + DAYS_TO_1970;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (!Number.isInteger(day) || y < 1000 || y > 9999)
    return new Date(day * DAY_MS).toISOString().slice(0, 10) as IsoDate;
  return `${y}-${pad2(m)}-${pad2(d)}` as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return isoDate(
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  );
}

/** `2026-03-07` → `03/07/2026`, the form people read on screen and on paper. */
export function formatUsDate(date: IsoDate): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;
}

/** Accepts `MM/DD/YYYY` (one or two digit month and day) or `YYYY-MM-DD`; null otherwise. */
export function parseUsDate(input: string): IsoDate | null {
  const reading = readUsDate(input);
  return reading.ok ? reading.date : null;
}

/** A date read from text, or what is wrong with the text (to follow the value in a message). */
export type DateReading = { ok: true; date: IsoDate } | { ok: false; problem: string };

const NOT_A_DATE = 'is not a date written as MM/DD/YYYY or YYYY-MM-DD';

function calendarDate(year: string, month: string, day: string): DateReading {
  const candidate = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (isIsoDate(candidate)) return { ok: true, date: candidate };
  const y = Number(year);
  if (y < 1900 || y > 2199) return { ok: false, problem: 'is not between the years 1900 and 2199' };
  return { ok: false, problem: 'is not a real calendar date' };
}

/**
 * Reads `MM/DD/YYYY` (one or two digit month and day) or `YYYY-MM-DD` as parseUsDate does,
 * and otherwise says why not. Nothing ambiguous is guessed: a two-digit year, a day
 * written before the month, or a spreadsheet's date serial number is refused with a
 * reason a person can act on.
 */
export function readUsDate(input: string): DateReading {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return calendarDate(iso[1] ?? '', iso[2] ?? '', iso[3] ?? '');
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d+)$/.exec(text);
  if (us) {
    const [month, day, year] = [us[1] ?? '', us[2] ?? '', us[3] ?? ''];
    if (year.length === 2)
      return { ok: false, problem: 'has a two-digit year; write the year in full (MM/DD/YYYY)' };
    if (year.length !== 4) return { ok: false, problem: NOT_A_DATE };
    if (Number(month) > 12 && Number(day) >= 1 && Number(day) <= 12)
      return {
        ok: false,
        problem: 'puts the day before the month; write dates as month/day/year (MM/DD/YYYY)',
      };
    return calendarDate(year, month, day);
  }
  if (/^\d{5}$/.test(text))
    return {
      ok: false,
      problem:
        "is a spreadsheet's date number; format the column as a date (MM/DD/YYYY) before saving the file",
    };
  return { ok: false, problem: NOT_A_DATE };
}

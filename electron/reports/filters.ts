import type { ParsedInputOf } from '../../shared/api/contract';
import type { ReportFilters } from '../../shared/api/reports';
import { DENIAL_CATEGORY } from '../../shared/codes/denials';
import { FINANCIAL_CLASS } from '../../shared/codes/enums';
import { addDays, addMonths, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { PayerId, UserId } from '../../shared/ids';
import type { ReadDb } from '../db/open';
import { invalid } from '../../shared/api/errors';
import { one, oneOrThrow } from '../db/query';

/** The filters with the period settled: a report always covers named days. */
export interface Period extends ReportFilters {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
}

/** With no dates given a report covers the twelve months up to today. */
export function settlePeriod(
  filters: ParsedInputOf<'getReport'>['filters'],
  today: IsoDate,
): Period {
  const to = filters.to ?? today;
  const from = filters.from ?? addDays(addMonths(to, -12), 1);
  return {
    from,
    to,
    today,
    payerId: (filters.payerId ?? null) as PayerId | null,
    financialClass: filters.financialClass ?? null,
    category: filters.category ?? null,
    userId: (filters.userId ?? null) as UserId | null,
    facilityId: filters.facilityId ?? null,
  };
}

/** A facility filter that names no facility is refused rather than read as "none match". */
export function checkFacility(db: ReadDb, period: Period): void {
  if (period.facilityId === null) return;
  const found = one(db, `SELECT 1 FROM facilities WHERE id = ?`, period.facilityId);
  if (!found)
    throw invalid(
      `Facility ${period.facilityId} is not one of the facilities accounts are billed under; choose one from the list.`,
      'filters.facilityId',
    );
}

/**
 * The payer an account is reported under: its first-priority coverage, or none (self-pay).
 * Written as SQL over the alias `a` of accounts.
 */
export const PRIMARY_PAYER_SQL = `(SELECT c.payer_id FROM coverages c WHERE c.account_id = a.id
  ORDER BY c.priority LIMIT 1)`;

/** WHERE conditions (joined with AND) and their parameters. */
export interface Conditions {
  sql: string[];
  params: unknown[];
}

/** Conditions on the account `a`: its facility, financial class and, when asked, its primary payer. */
export function accountConditions(period: Period, payerSql = PRIMARY_PAYER_SQL): Conditions {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (period.facilityId !== null) {
    sql.push('a.facility_id = ?');
    params.push(period.facilityId);
  }
  if (period.financialClass) {
    sql.push('a.financial_class = ?');
    params.push(period.financialClass);
  }
  if (period.payerId) {
    sql.push(`${payerSql} = ?`);
    params.push(period.payerId);
  }
  return { sql, params };
}

/**
 * Conditions on the day totals `t` (migration 35): facility, financial class and, when
 * asked, the payer and user its money rows were kept under.
 */
export function totalsConditions(period: Period, more: { payer?: boolean; user?: boolean } = {}) {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    sql.push(condition);
    params.push(value);
  };
  if (period.facilityId !== null) add('t.facility_id = ?', period.facilityId);
  if (period.financialClass) add('t.financial_class = ?', period.financialClass);
  if (more.payer && period.payerId) add('t.payer_id = ?', period.payerId);
  if (more.user && period.userId) add('t.created_by = ?', period.userId);
  return { sql, params } satisfies Conditions;
}

export const where = (c: Conditions): string => (c.sql.length ? ` AND ${c.sql.join(' AND ')}` : '');

/** The filters as the printout and the file say them; unset ones are left out. */
export function filtersUsed(
  db: ReadDb,
  period: Period,
  used: readonly ('period' | 'facility' | 'payer' | 'financialClass' | 'category' | 'user')[],
): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  if (used.includes('period'))
    out.push({
      label: 'Period',
      value: `${formatUsDate(period.from)} to ${formatUsDate(period.to)}`,
    });
  if (used.includes('facility')) {
    // said even when not chosen, once there is more than one: a total of every facility
    // printed without a word could be read as the letterhead's facility alone
    const f =
      period.facilityId !== null
        ? one<{ name: string }>(db, `SELECT name FROM facilities WHERE id = ?`, period.facilityId)
        : undefined;
    if (f) out.push({ label: 'Facility', value: f.name });
    else if (oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM facilities`).n > 1)
      out.push({ label: 'Facility', value: 'All facilities' });
  }
  if (used.includes('payer') && period.payerId) {
    const p = one<{ name: string }>(db, `SELECT name FROM payers WHERE id = ?`, period.payerId);
    out.push({ label: 'Payer', value: p?.name ?? `Payer ${period.payerId}` });
  }
  if (used.includes('financialClass') && period.financialClass)
    out.push({ label: 'Financial class', value: FINANCIAL_CLASS.labels[period.financialClass] });
  if (used.includes('category') && period.category)
    out.push({ label: 'Category', value: DENIAL_CATEGORY.labels[period.category] });
  if (used.includes('user') && period.userId) {
    const u = one<{ name: string }>(
      db,
      `SELECT display_name AS name FROM users WHERE id = ?`,
      period.userId,
    );
    out.push({ label: 'Representative', value: u?.name ?? `User ${period.userId}` });
  }
  return out;
}

/** The months from `from` to `to`, as YYYY-MM, oldest first. */
export function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** A share as a percent with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

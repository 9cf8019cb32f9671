import type { ParsedInputOf, QueueSortKey } from '../../shared/api/contract';
import { AGING_BUCKETS } from '../../shared/aging/buckets';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';

/**
 * Builds the work-queue SQL. Kept apart from the handler so the benchmark can run the
 * very same statements through bare better-sqlite3 and compare.
 */
export type QueueInput = ParsedInputOf<'listQueue'>;

const ORDER: Record<QueueSortKey, string> = {
  priority: 'f.rank',
  dueDate: 'f.due_date',
  deadline: "ifnull(f.deadline_date, '9999-12-31')",
  balance: 'a.insurance_balance + a.patient_balance',
  // older first when descending: the oldest open date is the smallest
  age: "-julianday(ifnull(a.oldest_open_date, '9999-12-31'))",
  accountNumber: 'a.account_number',
  patientName: 'p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE',
};

const PAYER_OF_FOLLOW_UP = `coalesce(
  (SELECT c2.payer_id FROM claims c2 WHERE c2.id = f.claim_id),
  (SELECT cv.payer_id FROM coverages cv WHERE cv.account_id = f.account_id AND cv.priority = 1))`;

export interface QueueQuery {
  rowsSql: string;
  countSql: string;
  params: Record<string, string | number>;
}

export function buildQueueQuery(input: QueueInput, today: IsoDate): QueueQuery {
  const where = [`f.status = 'open'`, `f.due_date <= @dueOnOrBefore`];
  const params: Record<string, string | number> = {
    dueOnOrBefore: input.dueOnOrBefore ?? today,
    limit: input.limit,
    offset: input.offset,
  };
  let countNeedsAccount = false;
  if (input.kind) {
    where.push('f.kind = @kind');
    params.kind = input.kind;
  }
  if (input.ownerId === 'unassigned') where.push('f.owner_id IS NULL');
  else if (input.ownerId != null) {
    where.push('f.owner_id = @ownerId');
    params.ownerId = input.ownerId;
  }
  if (input.payerId != null) {
    where.push(`${PAYER_OF_FOLLOW_UP} = @payerId`);
    params.payerId = input.payerId;
  }
  if (input.minBalance != null) {
    countNeedsAccount = true;
    where.push('a.insurance_balance + a.patient_balance >= @minBalance');
    params.minBalance = input.minBalance;
  }
  if (input.agingBucket) {
    const bucket = AGING_BUCKETS.find((b) => b.key === input.agingBucket);
    if (bucket) {
      countNeedsAccount = true;
      // age = today - oldest open date, so an age range is a date range
      where.push('a.oldest_open_date <= @agingTo');
      params.agingTo = addDays(today, -bucket.minDays);
      if (bucket.maxDays !== null) {
        where.push('a.oldest_open_date >= @agingFrom');
        params.agingFrom = addDays(today, -bucket.maxDays);
      }
    }
  }
  const whereSql = where.join(' AND ');
  const dir = input.sortDir === 'asc' ? 'ASC' : 'DESC';
  const order = ORDER[input.sortBy]
    .split(', ')
    .map((term) => `${term} ${dir}`)
    .join(', ');
  const rowsSql = `
    SELECT f.id AS followUpId, f.kind, f.due_date AS dueDate, f.deadline_date AS deadlineDate,
      f.reason, a.id AS accountId, a.account_number AS accountNumber,
      p.last_name || ', ' || p.first_name AS patientName, a.financial_class AS financialClass,
      f.claim_id AS claimId, c.claim_number AS claimNumber, c.status AS claimStatus,
      (SELECT name FROM payers WHERE id = ${PAYER_OF_FOLLOW_UP}) AS payerName,
      a.insurance_balance AS insuranceBalance, a.patient_balance AS patientBalance,
      a.oldest_open_date AS oldestOpenDate, u.display_name AS ownerName
    FROM follow_ups f
    JOIN accounts a ON a.id = f.account_id
    JOIN people p ON p.id = a.patient_id
    LEFT JOIN claims c ON c.id = f.claim_id
    LEFT JOIN users u ON u.id = f.owner_id
    WHERE ${whereSql}
    ORDER BY ${order}, f.id ${dir}
    LIMIT @limit OFFSET @offset`;
  const countSql = `
    SELECT count(*) AS total FROM follow_ups f
    ${countNeedsAccount ? 'JOIN accounts a ON a.id = f.account_id' : ''}
    WHERE ${whereSql}`;
  return { rowsSql, countSql, params };
}

/** Codes worth showing in a queue row: everything but routine contractual write-downs. */
export const DENIAL_CODES_SQL = `
  SELECT claim_id AS claimId, group_concat(code, ' ') AS codes FROM (
    SELECT DISTINCT claim_id, group_code || '-' || reason_code AS code FROM claim_adjustments
    WHERE claim_id IN (SELECT value FROM json_each(?)) AND NOT (group_code = 'CO' AND reason_code = '45')
    ORDER BY claim_id, code)
  GROUP BY claim_id`;

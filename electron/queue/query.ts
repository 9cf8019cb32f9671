import type { ParsedInputOf } from '../../shared/api/contract';
import type { QueueSortKey } from '../../shared/api/queue';
import type { IsoDate } from '../../shared/dates/iso-date';

/**
 * Builds the work-queue SQL. Kept apart from the handler so the benchmark can run the
 * very same statements through bare better-sqlite3 and compare.
 *
 * Filtering and ordering use only follow_ups' own columns (the account's figures are
 * copied there by refreshQueueColumns), so they are served by its indexes; the
 * page's ids are picked first and only those hundred rows are joined for display.
 */
export type QueueInput = ParsedInputOf<'listQueue'>;

const ORDER: Record<QueueSortKey, string> = {
  priority: 'f.rank',
  dueDate: 'f.due_date',
  deadline: "ifnull(f.deadline_date, '9999-12-31')",
  balance: 'f.balance',
  // descending puts the oldest first: the oldest open date is the smallest
  age: "-unixepoch(ifnull(f.oldest_open_date, '9999-12-31'))",
  accountNumber: 'f.account_number',
  patientName: 'f.patient_name',
};

export interface QueueQuery {
  /** The ids of the requested page, in order, each with its value in the sort. */
  pageSql: string;
  countSql: string;
  params: Record<string, string | number>;
}

/**
 * The index that serves a filter: the filter's key in rank order, with the other filters'
 * columns after it, for the count in any order and the page in the default order. Named,
 * not left to the planner: the statistics `PRAGMA optimize` keeps on a large file (a
 * limited sample) make every follow-up index look alike on its status, and it picked one
 * ordered by due date and sorted all that were due.
 */
function filterIndex(input: QueueInput): string | null {
  if (input.ownerId != null) return 'follow_ups_owner_rank';
  if (input.payerId != null) return 'follow_ups_payer_rank';
  if (input.agingBucket) return 'follow_ups_aging_rank';
  if (input.kind) return 'follow_ups_kind_rank';
  return null;
}

export function buildQueueQuery(input: QueueInput, today: IsoDate): QueueQuery {
  const where = [`f.status = 'open'`, `f.due_date <= @dueOnOrBefore`];
  const params: Record<string, string | number> = {
    dueOnOrBefore: input.dueOnOrBefore ?? today,
  };
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
    where.push('f.payer_id = @payerId');
    params.payerId = input.payerId;
  }
  if (input.minBalance != null) {
    where.push('f.balance >= @minBalance');
    params.minBalance = input.minBalance;
  }
  if (input.agingBucket) {
    // kept current on the follow-up (electron/upkeep), so it is a key in rank order
    where.push('f.aging_bucket = @agingBucket');
    params.agingBucket = input.agingBucket;
  }
  const whereSql = where.join(' AND ');
  const dir = input.sortDir === 'asc' ? 'ASC' : 'DESC';
  const index = filterIndex(input);
  const pageIndex = input.sortBy === 'priority' ? index : null;
  const key = ORDER[input.sortBy];
  let page = whereSql;
  if (input.after) {
    // rows after the cursor in the sort; the first term bounds the index range
    const op = dir === 'DESC' ? '<' : '>';
    page += ` AND ${key} ${op}= @afterKey
      AND (${key} ${op} @afterKey OR f.id ${op} @afterId)`;
    params.afterKey = input.after.key;
    params.afterId = input.after.id;
  }
  return {
    pageSql: `SELECT f.id, ${key} AS sortKey FROM follow_ups f ${pageIndex ? `INDEXED BY ${pageIndex} ` : ''}
      WHERE ${page}
      ORDER BY ${key} ${dir}, f.id ${dir}
      LIMIT ${input.limit} OFFSET ${input.after ? 0 : input.offset}`,
    // counted from the same index: the one by due date would read each row for the filter
    countSql: `SELECT count(*) AS total FROM follow_ups f ${index ? `INDEXED BY ${index} ` : ''}WHERE ${whereSql}`,
    params,
  };
}

/** Everything a queue row shows, for the ids of one page (a JSON array). */
export const QUEUE_ROWS_SQL = `
  SELECT f.id AS followUpId, f.kind, f.due_date AS dueDate, f.deadline_date AS deadlineDate,
    f.reason, a.id AS accountId, a.account_number AS accountNumber,
    p.last_name || ', ' || p.first_name AS patientName, a.financial_class AS financialClass,
    f.claim_id AS claimId, c.claim_number AS claimNumber, c.status AS claimStatus,
    py.name AS payerName, a.insurance_balance AS insuranceBalance,
    a.patient_balance AS patientBalance, a.oldest_open_date AS oldestOpenDate,
    u.display_name AS ownerName,
    (SELECT group_concat(code, ' ') FROM (
       SELECT DISTINCT ca.group_code || '-' || ca.reason_code AS code FROM claim_adjustments ca
       WHERE ca.claim_id = f.claim_id AND NOT (ca.group_code = 'CO' AND ca.reason_code = '45')
       ORDER BY code)) AS denialCodes,
    (SELECT group_concat(cr.kind) FROM contact_restrictions cr
       WHERE cr.lifted_at IS NULL AND (cr.account_id = a.id
         OR (cr.kind <> 'written_dispute' AND cr.person_id = a.guarantor_id))) AS restrictions
  FROM follow_ups f
  JOIN accounts a ON a.id = f.account_id
  JOIN people p ON p.id = a.patient_id
  LEFT JOIN claims c ON c.id = f.claim_id
  LEFT JOIN payers py ON py.id = f.payer_id
  LEFT JOIN users u ON u.id = f.owner_id
  WHERE f.id IN (SELECT value FROM json_each(?))`;

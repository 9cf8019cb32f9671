import type { ParsedInputOf } from '../../shared/api/contract';
import type { QueueSortKey } from '../../shared/api/queue';
import type { IsoDate } from '../../shared/dates/iso-date';

/**
 * Builds the work-queue SQL. Kept apart from the handler so the benchmark can run the
 * very same statements through bare better-sqlite3 and compare.
 *
 * Filtering and ordering use only follow_ups' own columns (the account's figures are
 * copied there by refreshQueueColumns), so they are served by its indexes; the
 * page's ids are picked first and only those hundred rows are joined for display. The
 * count comes first, from the counts the triggers of migration 46 keep, and says which
 * index the page is read from.
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

/** The equality filters, each leading an index in rank order (migration 45). */
const FILTERS = ['owner', 'payer', 'aging', 'kind'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * Below this many follow-ups due by a date, the page reads them by due date and sorts them
 * (a long-past date picks out few); above it, the rank index finds a page of them sooner.
 */
export const DUE_READ_MAX = 20_000;
/** ...and when at most this many match, they are few enough to sort. */
export const SORT_MAX = 5_000;
/**
 * What that sort is bounded by in the statement itself: many times SORT_MAX, so that only
 * rows added by another workstation between the count and the page could reach it.
 */
const SORT_BOUND = SORT_MAX * 4;

/** How many follow-ups match, and what picks the index the page is read from. */
export interface QueueCounts {
  total: number;
  /** Follow-ups due by the date, whatever the other filters; null when not counted. */
  due: number | null;
  /** Due by the date with each equality filter alone; null when not counted. */
  owner: number | null;
  payer: number | null;
  aging: number | null;
  kind: number | null;
}

type Params = Record<string, string | number>;

/** The filters on follow_ups' own columns, and their parameters. */
function filtersOf(
  input: QueueInput,
  today: IsoDate,
): { where: Partial<Record<Filter, string>> & { minBalance?: string }; params: Params } {
  const where: Partial<Record<Filter, string>> & { minBalance?: string } = {};
  const params: Params = { dueOnOrBefore: input.dueOnOrBefore ?? today };
  if (input.kind) {
    where.kind = 'f.kind = @kind';
    params.kind = input.kind;
  }
  if (input.ownerId === 'unassigned') where.owner = 'f.owner_id IS NULL';
  else if (input.ownerId != null) {
    where.owner = 'f.owner_id = @ownerId';
    params.ownerId = input.ownerId;
  }
  if (input.payerId != null) {
    where.payer = 'f.payer_id = @payerId';
    params.payerId = input.payerId;
  }
  if (input.agingBucket) {
    // kept current on the follow-up (electron/upkeep), so it is a key in rank order
    where.aging = 'f.aging_bucket = @agingBucket';
    params.agingBucket = input.agingBucket;
  }
  if (input.minBalance != null) {
    where.minBalance = 'f.balance >= @minBalance';
    params.minBalance = input.minBalance;
  }
  return { where, params };
}

/** The same filters on queue_counts, where no owner, no payer and no bucket are 0, 0, ''. */
const COUNTED: Record<Filter, (input: QueueInput) => string> = {
  owner: (i) => (i.ownerId === 'unassigned' ? 'owner_id = 0' : 'owner_id = @ownerId'),
  payer: () => 'payer_id = @payerId',
  aging: () => 'aging_bucket = @agingBucket',
  kind: () => 'kind = @kind',
};

const INDEX: Record<Filter | 'none', string> = {
  none: 'follow_ups_rank',
  owner: 'follow_ups_owner_rank',
  payer: 'follow_ups_payer_rank',
  aging: 'follow_ups_aging_rank',
  kind: 'follow_ups_kind_rank',
};

/**
 * How many follow-ups the queue holds: summed from queue_counts (a few rows a day of due
 * dates, however many follow-ups), with the counts that pick the page's index in the same
 * read. A minimum balance is not kept there; then the follow-ups are counted.
 */
export function buildQueueCount(
  input: QueueInput,
  today: IsoDate,
): { sql: string; params: Params } {
  const { where, params } = filtersOf(input, today);
  const present = FILTERS.filter((f) => where[f]);
  if (where.minBalance) {
    const index = present[0] ? `INDEXED BY ${INDEX[present[0]]} ` : '';
    const all = [`f.status = 'open'`, `f.due_date <= @dueOnOrBefore`, ...Object.values(where)];
    return {
      sql: `SELECT count(*) AS total, NULL AS due, NULL AS owner, NULL AS payer, NULL AS aging,
          NULL AS kind
        FROM follow_ups f ${index}WHERE ${all.join(' AND ')}`,
      params,
    };
  }
  const matching = present.map((f) => COUNTED[f](input)).join(' AND ') || '1';
  const alone = FILTERS.map((f) =>
    where[f] ? `ifnull(sum(n) FILTER (WHERE ${COUNTED[f](input)}), 0) AS ${f}` : `NULL AS ${f}`,
  );
  return {
    sql: `SELECT ifnull(sum(n) FILTER (WHERE ${matching}), 0) AS total, ifnull(sum(n), 0) AS due,
        ${alone.join(', ')}
      FROM queue_counts WHERE due_date <= @dueOnOrBefore`,
    params,
  };
}

/**
 * Where the page in rank order is read: by due date and sorted when the date picks out few
 * and few match; else the filter that leaves the fewest, read in rank order (a second
 * filter is judged in that index); else the rank index. Named, not left to the planner:
 * the statistics `PRAGMA optimize` keeps on a large file (a limited sample) make every
 * follow-up index look alike on its status.
 */
function pageIndex(present: readonly Filter[], counts: QueueCounts): Filter | 'due' | null {
  if (counts.due !== null && counts.due <= DUE_READ_MAX && counts.total <= SORT_MAX) return 'due';
  let best: Filter | null = null;
  for (const f of present) {
    if (best === null || (counts[f] ?? Infinity) < (counts[best] ?? Infinity)) best = f;
  }
  return best;
}

/** The page's follow-up ids, in order, each with its value in the sort. */
export function buildQueuePage(
  input: QueueInput,
  today: IsoDate,
  counts: QueueCounts,
): { sql: string; params: Params } {
  const { where, params } = filtersOf(input, today);
  const present = FILTERS.filter((f) => where[f]);
  const whereSql = [
    `f.status = 'open'`,
    `f.due_date <= @dueOnOrBefore`,
    ...Object.values(where),
  ].join(' AND ');
  const dir = input.sortDir === 'asc' ? 'ASC' : 'DESC';
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
  const limit = `LIMIT ${input.limit} OFFSET ${input.after ? 0 : input.offset}`;
  const via = input.sortBy === 'priority' ? (pageIndex(present, counts) ?? 'none') : null;
  if (via === 'due')
    return {
      sql: `SELECT id, sortKey FROM (SELECT f.id, ${key} AS sortKey
          FROM follow_ups f INDEXED BY follow_ups_due_rank WHERE ${page} LIMIT ${SORT_BOUND})
        ORDER BY sortKey ${dir}, id ${dir} ${limit}`,
      params,
    };
  return {
    sql: `SELECT f.id, ${key} AS sortKey FROM follow_ups f ${via ? `INDEXED BY ${INDEX[via]} ` : ''}
      WHERE ${page}
      ORDER BY ${key} ${dir}, f.id ${dir} ${limit}`,
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

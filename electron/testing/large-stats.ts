import type { Db } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';

/**
 * The planner's statistics of a large hospital: those the app's own `PRAGMA optimize`
 * (analysis limit 400) kept on the 200,000-account bench database, with each table's row
 * count scaled to a million accounts. Rows per key are left as measured: they are what a
 * key picks out (one account, one claim), which does not grow with the hospital.
 * An index missing here is planned with SQLite's defaults, so a new index gets its row.
 */
const SCALE = 5;
const MEASURED: readonly (readonly [table: string, index: string | null, stat: string])[] = [
  ['accounts', 'accounts_facility', '200000 401'],
  ['accounts', 'accounts_guarantor', '200000 3'],
  ['accounts', 'accounts_owing', '54288 2 1 1 1 1'],
  ['accounts', 'accounts_owing_number', '54288 1 1 1 1'],
  ['accounts', 'accounts_patient', '200000 3'],
  ['accounts', 'accounts_status_balances', '200000 401 3 3'],
  ['accounts', 'sqlite_autoindex_accounts_1', '200000 1'],
  ['activities', 'activities_account', '459367 4 1'],
  ['addresses', 'addresses_person', '111943 2 1 1'],
  ['adjustment_reasons', 'sqlite_autoindex_adjustment_reasons_1', '8 1'],
  ['audit_log', 'audit_log_uid', '200000 1'],
  ['audit_log', 'audit_log_user', '200000 68 1'],
  ['audit_log', 'audit_log_user_states', '7 1'],
  ['claim_adjustments', 'claim_adjustments_claim', '884169 6'],
  ['claim_lines', 'sqlite_autoindex_claim_lines_1', '955292 5 1'],
  ['claim_remarks', 'claim_remarks_claim', '39776 2'],
  ['claims', 'claims_account', '200635 2'],
  ['claims', 'claims_import_file', '0 0'],
  ['claims', 'claims_payer_claim_number', '200635 2'],
  ['claims', 'claims_secondary', '0 0'],
  ['claims', 'sqlite_autoindex_claims_1', '200635 1'],
  ['coverages', 'coverages_payer', '203257 401'],
  ['coverages', 'sqlite_autoindex_coverages_1', '203257 2 1'],
  ['denials', 'denials_open', '10393 401 5'],
  ['denials', 'denials_remit_date', '10393 6'],
  ['denials', 'denials_unresolved', '10393 5 1'],
  ['denials', 'sqlite_autoindex_denials_1', '10393 1'],
  ['documents', 'documents_account', '50000 2 1 1'],
  ['dunning_stages', 'dunning_stages_guarantor', '53193 2'],
  ['facilities', null, '1'],
  ['facilities', 'facilities_npi', '0 0'],
  ['facility', null, '1'],
  ['follow_ups', 'follow_ups_account', '156049 2 1'],
  ['follow_ups', 'follow_ups_due_rank', '98140 401 401 2 1 1 1 1 1'],
  ['follow_ups', 'follow_ups_one_open', '98140 1 1 1'],
  ['follow_ups', 'follow_ups_aging_rank', '98140 401 401 15 15 3 3 2 2'],
  ['follow_ups', 'follow_ups_kind_rank', '98140 401 401 15 3 2 2 2'],
  ['follow_ups', 'follow_ups_owner_rank', '98140 401 401 2 2 1 1 1'],
  ['follow_ups', 'follow_ups_payer_rank', '98140 401 401 3 3 3 3 2'],
  ['follow_ups', 'follow_ups_rank', '98140 401 15 15 15 1 1 1 1'],
  ['ledger_day_totals', 'sqlite_autoindex_ledger_day_totals_1', '94426 14 6 2 1 1 1 1 1'],
  ['ledger_entries', 'ledger_account', '2115289 12 4 1'],
  ['ledger_entries', 'ledger_adjustment_reason', '667342 401 4'],
  ['ledger_entries', 'ledger_claim', '2115289 17'],
  ['ledger_entries', 'ledger_date', '2115289 41 41 34 1'],
  ['ledger_entries', 'ledger_receipt', '0 0'],
  ['ledger_entries', 'sqlite_autoindex_ledger_entries_1', '2115289 2'],
  ['payers', 'payers_name', '8 1'],
  ['payers', 'sqlite_autoindex_payers_1', '8 1'],
  ['people', 'people_dob', '95887 2'],
  ['people', 'people_name', '95887 201 3'],
  ['people', 'people_phone', '95887 3'],
  // grows more slowly than the hospital (its keys are days, payers, kinds, owners,
  // buckets): scaled, an upper bound, still a table the count must not read whole
  ['queue_counts', 'queue_counts', '19609 134 17 4 2 1'],
  ['users', 'sqlite_autoindex_users_1', '7 1'],
];

/** A table with at least this many rows is one a query must not read whole. */
export const LARGE_TABLE_ROWS = 10_000;

function scaled(stat: string): string {
  const [rows = '0', ...perKey] = stat.split(' ');
  const n = Number(rows);
  return [String(n >= 1_000 ? n * SCALE : n), ...perKey].join(' ');
}

/** Replaces the file's statistics with the large hospital's and has the planner read them. */
export function useLargeStatistics(db: Db): void {
  db.exec('ANALYZE sqlite_schema');
  run(db, `DELETE FROM sqlite_stat1`);
  for (const [table, index, stat] of MEASURED) {
    run(
      db,
      `INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)`,
      table,
      index,
      scaled(stat),
    );
  }
  // the planner reads sqlite_stat1 again only when told to
  db.exec('ANALYZE sqlite_schema');
}

/** Rows per table and rows per leading key of each index, as the planner now sees them. */
export function plannerStatistics(db: Db): {
  tableRows: Map<string, number>;
  rowsPerKey: Map<string, number>;
} {
  const tableRows = new Map<string, number>();
  const rowsPerKey = new Map<string, number>();
  for (const r of all<{ tbl: string; idx: string | null; stat: string }>(
    db,
    `SELECT tbl, idx, stat FROM sqlite_stat1`,
  )) {
    const [rows = 0, first = rows] = r.stat.split(' ').map(Number);
    tableRows.set(r.tbl, Math.max(tableRows.get(r.tbl) ?? 0, rows));
    if (r.idx) rowsPerKey.set(r.idx, first);
  }
  return { tableRows, rowsPerKey };
}

/** The accounts the counts of a large hospital are scaled to. */
const LARGE_HOSPITAL_ACCOUNTS = 1_000_000;

/**
 * The work queue's counts (migration 46) as a million-account hospital holds them: each
 * multiplied by how many times larger it is than this file, so that the queue picks the
 * index it would pick there. Test files only: the counts then no longer match the rows.
 */
export function useLargeQueueCounts(db: Db): void {
  const { accounts } = oneOrThrow<{ accounts: number }>(
    db,
    `SELECT count(*) AS accounts FROM accounts`,
  );
  run(
    db,
    `UPDATE queue_counts SET n = n * ?`,
    Math.max(1, Math.round(LARGE_HOSPITAL_ACCOUNTS / accounts)),
  );
}

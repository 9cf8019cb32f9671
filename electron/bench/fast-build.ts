import { QUEUE_COUNTS_FILL } from '../db/migrations/046-queue-counts';
import type { Db } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';

/**
 * Writing millions of rows into a throwaway database (the bench's) is faster with the
 * secondary indexes built once at the end (one sort instead of a B-tree insert per row and
 * index) and with no trigger firing per row; the ledger's day sums, which a trigger keeps,
 * are then added in one statement. Every dropped index and trigger is recreated from its
 * own SQL as sqlite_master held it, so the finished schema is the migrated one. Only for a
 * database built whole, by one writer, that nothing else opens meanwhile and that is thrown
 * away if the build fails: the app's databases keep their triggers.
 */

/**
 * Indexes the demo generator reads through while it writes (the queue columns from an
 * account's follow-ups, the trail's lookups); without them each of those reads would scan
 * its table.
 */
export const READ_WHILE_WRITING: readonly string[] = [
  'follow_ups_account',
  'follow_ups_owner_rank',
  'audit_log_uid',
];

/**
 * Indexes read once the rows are written (denials from claims' ledger, adjustments and
 * remarks), and by a writer that posts row by row (a balance from the account's ledger):
 * made when the writer first reads (readsBegin), cheaper than kept up row by row.
 */
export const READ_AFTER_WRITING: readonly string[] = [
  'ledger_account',
  'ledger_claim',
  'claim_adjustments_claim',
  'claim_remarks_claim',
];

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

/**
 * The sums the `ledger_entries_day_totals` trigger adds row by row, added in one statement,
 * in the order of the ledger's first row of each sum so that the table's rows come out as
 * the trigger would have written them.
 */
const LEDGER_DAY_TOTALS = `
  INSERT INTO ledger_day_totals (posting_date, facility_id, financial_class, kind, side, payer_id,
    method, created_by, amount, entries)
  SELECT l.posting_date, a.facility_id, a.financial_class, l.kind, l.side,
    CASE WHEN l.kind IN ('payment', 'refund') THEN ifnull(l.payer_id, 0) ELSE 0 END,
    CASE WHEN l.kind IN ('payment', 'refund')
      THEN ifnull((SELECT r.method FROM receipts r WHERE r.id = l.receipt_id), '') ELSE '' END,
    CASE WHEN l.kind IN ('payment', 'refund') THEN l.created_by ELSE 0 END,
    sum(l.amount), count(*)
    FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
   ORDER BY min(l.id)`;

const count = (db: Db, table: string) =>
  oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`).n;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Runs `write` on an empty database with the triggers and the indexes it does not read
 * through dropped, then brings them back and sums the ledger by day. `write` calls
 * `readsBegin` before it first reads through READ_AFTER_WRITING (see DemoOptions).
 */
function withDeferredSchema<T>(
  db: Db,
  write: (readsBegin: () => void) => T,
  lap: (what: string) => void,
): T {
  // the day totals are derived from the ledger, so they too start empty
  if (count(db, 'ledger_entries') > 0 || count(db, 'ledger_day_totals') > 0)
    throw new Error('fastBuild: the ledger must start empty');
  const keep = READ_WHILE_WRITING.map(() => '?').join(', ');
  const dropped = all<SchemaObject>(
    db,
    `SELECT type, name, sql FROM sqlite_master
      WHERE sql IS NOT NULL AND (type = 'trigger' OR (type = 'index' AND name NOT IN (${keep})))
      ORDER BY rowid`,
    ...READ_WHILE_WRITING,
  );
  db.transaction(() => {
    for (const o of dropped) db.exec(`DROP ${o.type.toUpperCase()} ${quoted(o.name)}`);
  })();
  const readAfter = (o: SchemaObject) => o.type === 'index' && READ_AFTER_WRITING.includes(o.name);
  let written = false;
  const readsBegin = () => {
    if (written) return;
    written = true;
    lap('written until the first read');
    db.transaction(() => {
      for (const o of dropped) if (readAfter(o)) db.exec(o.sql);
    })();
    lap('indexes for the reads made');
  };
  const result = write(readsBegin);
  readsBegin();
  lap('written after it');
  const deferred = dropped.filter((o) => !readAfter(o));
  db.transaction(() => {
    // a writer that binds many rows to a statement sums them as it goes (demo/day-totals.ts)
    if (count(db, 'ledger_day_totals') === 0) {
      run(db, LEDGER_DAY_TOTALS);
      lap('ledger day totals summed');
    }
    // kept by triggers row by row (migration 46), which were dropped while writing
    run(db, QUEUE_COUNTS_FILL);
    lap('queue counts made');
    for (const o of deferred) db.exec(o.sql);
  })();
  lap('indexes and triggers made');
  return result;
}

/**
 * Runs `write` (which fills an empty database) as fast as a file that is rebuilt rather than
 * recovered allows: no syncing, the rollback journal and temporary sorts in memory, a large
 * cache, no foreign-key or CHECK constraint checks, and the schema deferred as above. The
 * file is left in WAL mode, as the app keeps it.
 */
export function fastBuild<T>(
  db: Db,
  write: (readsBegin: () => void) => T,
  log?: (line: string) => void,
): T {
  // 1 GiB: the index sorts at a million accounts spill out of anything much smaller
  db.pragma('cache_size = -1048576');
  db.pragma('synchronous = OFF');
  // the per-statement journals of the writes and the index sorts otherwise go to temp files
  db.pragma('temp_store = MEMORY');
  db.pragma('journal_mode = MEMORY');
  // the generator's rows are checked where it is tested, against a normal build (which has
  // both on); here the checks are a tenth of the build's time
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  db.pragma('ignore_check_constraints = ON');
  // where a build's time goes, wall and CPU (of every thread) apart, as the machine may be shared
  let wall = performance.now();
  let cpu = process.cpuUsage();
  const lap = (what: string) => {
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - wall) / 1000;
    log?.(
      `  ${what}: ${seconds.toFixed(1)} s (${((used.user + used.system) / 1e6).toFixed(1)} s of CPU)`,
    );
    wall = performance.now();
    cpu = process.cpuUsage();
  };
  const result = withDeferredSchema(db, write, lap);
  db.pragma('ignore_check_constraints = OFF');
  db.pragma(`foreign_keys = ${foreignKeys}`);
  db.pragma('journal_mode = WAL');
  return result;
}

import type { AccountId, LedgerEntryId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { BillingRules } from '../../shared/api/rules';
import type { Db } from '../db/open';
import { one, oneOrThrow, prepare, type Statement } from '../db/query';
import { takeTouched, touchAccount } from '../core/touched';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { refreshQueueColumns } from '../upkeep/queue-columns';
import { billingRules } from '../rules/billing-rules';
import { recordPriorStatements } from '../statements/stages';
import { DAY_TOTALS_COLUMNS } from './day-totals';
import { LEDGER_COLUMNS, postingCalls, type QueuedEntry } from './ledger-rows';
import { manyRowsAtOnce, rowByRow, type RowWriter } from './rows';
import { columnsOf, DEMO_TABLE_NAMES, type DemoTable, type RowBatch } from './writer-rows';

const nextIdOf = (db: Db, table: string) =>
  oneOrThrow<{ id: number }>(db, `SELECT ifnull(max(id), 0) + 1 AS id FROM ${table}`).id;

/** The id each demo table's next row will get: one past its largest. */
export function nextDemoIds(db: Db): Record<DemoTable, number> {
  return Object.fromEntries(DEMO_TABLE_NAMES.map((t) => [t, nextIdOf(db, t)])) as Record<
    DemoTable,
    number
  >;
}

export const nextLedgerId = (db: Db): number => nextIdOf(db, 'ledger_entries');

const DAY_TOTALS_TRIGGER = `SELECT 1 FROM sqlite_master
  WHERE type = 'trigger' AND name = 'ledger_entries_day_totals'`;

/** What a build writing many rows per INSERT writes of the ledger's posting itself. */
interface PlannedPosting {
  ledger: RowWriter;
  dayTotals: RowWriter;
  /** refreshAccountBalance's write, with the balances the planner worked out */
  balances: Statement;
}

/**
 * Writes batches of planned rows (see writer-rows.ts). Statements are prepared once per
 * generation because a bench build inserts millions of rows. Row by row, ledger rows go
 * through appendLedgerEntries, the one way into the ledger, which also brings cached
 * balances along; many rows per INSERT, the rows and balances come planned (LedgerPlanner)
 * and the fast-build test compares every row with the row-by-row build.
 */
export class DemoWriter {
  private readonly tables: [DemoTable, RowWriter][];
  private readonly rules: BillingRules;
  private readonly planned: PlannedPosting | null;
  private dayTotals: unknown[] | null = null;

  constructor(
    private readonly db: Db,
    private readonly today: IsoDate,
    private readonly now: string,
    /** rows per INSERT; above 1 only where foreign keys are off (see manyRowsAtOnce) */
    rowsPerStatement = 1,
  ) {
    this.rules = billingRules(db);
    const many = rowsPerStatement > 1;
    this.tables = DEMO_TABLE_NAMES.map((t) => [
      t,
      many ? manyRowsAtOnce(db, t, columnsOf(t), rowsPerStatement) : rowByRow(db, t, columnsOf(t)),
    ]);
    this.planned = many
      ? {
          ledger: manyRowsAtOnce(db, 'ledger_entries', LEDGER_COLUMNS, rowsPerStatement),
          dayTotals: manyRowsAtOnce(db, 'ledger_day_totals', DAY_TOTALS_COLUMNS, rowsPerStatement),
          balances: prepare(
            db,
            `UPDATE accounts SET insurance_balance = ?, patient_balance = ?, oldest_open_date = ?
             WHERE id = ?`,
          ),
        }
      : null;
  }

  write(batch: RowBatch): void {
    for (const [table, write] of this.tables) write(batch.rows[table]);
    for (const history of batch.priorStatements)
      recordPriorStatements(this.db, this.rules, this.today, this.now, history);
    if (batch.ledger.length > 0) this.postLedger(batch.ledger);
    if (batch.ledgerRows.length > 0) this.writePosting(batch);
    if (batch.dayTotals) this.dayTotals = batch.dayTotals;
    // the plan already decided each account's follow-ups, plans and promises; only the
    // queue's copy of the balances is left to the upkeep's writer
    for (const id of takeTouched(this.db)) refreshQueueColumns(this.db, id, this.today);
  }

  /** Posts a batch's ledger through appendLedgerEntries, in postingCalls' order. */
  private postLedger(queue: readonly QueuedEntry[]): void {
    const ids: LedgerEntryId[] = [];
    for (const { userId, list } of postingCalls(queue)) {
      const entries = list.map((i): NewLedgerEntry => {
        const q = queue[i] as QueuedEntry;
        return q.reverses === null ? q.entry : { ...q.entry, reversesId: ids[q.reverses] ?? null };
      });
      const by = { userId, now: this.now, today: this.today };
      const posted = appendLedgerEntries(this.db, entries, by);
      posted.forEach((id, k) => (ids[list[k] as number] = id));
    }
  }

  /** What appendLedgerEntries would have written for the batch, as planned. */
  private writePosting(batch: RowBatch): void {
    if (!this.planned) throw new Error('DemoWriter: a planned ledger is written many rows at once');
    this.planned.ledger(batch.ledgerRows);
    const { balances } = batch;
    for (let at = 0; at < balances.length; at += 4) {
      const accountId = balances[at] as AccountId;
      this.planned.balances.run(balances[at + 1], balances[at + 2], balances[at + 3], accountId);
      touchAccount(this.db, accountId);
    }
  }

  /** After the last batch: the day totals of a planned ledger, whose trigger must be gone. */
  finish(): void {
    if (!this.dayTotals || !this.planned) return;
    if (one(this.db, DAY_TOTALS_TRIGGER))
      throw new Error('DemoWriter: a planned ledger sums its days itself; drop the trigger first');
    this.planned.dayTotals(this.dayTotals);
    this.dayTotals = null;
  }
}

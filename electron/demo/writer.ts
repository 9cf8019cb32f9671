import type { LedgerEntryId, UserId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { BillingRules } from '../../shared/api/rules';
import type { Db } from '../db/open';
import { oneOrThrow } from '../db/query';
import { takeTouched } from '../core/touched';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';
import { refreshQueueColumns } from '../upkeep/queue-columns';
import { billingRules } from '../rules/billing-rules';
import { recordPriorStatements } from '../statements/stages';
import { manyRowsAtOnce, rowByRow, type RowWriter } from './rows';
import {
  columnsOf,
  DEMO_TABLE_NAMES,
  type DemoTable,
  type QueuedEntry,
  type RowBatch,
} from './writer-rows';

/** The id each demo table's next row will get: one past its largest. */
export function nextDemoIds(db: Db): Record<DemoTable, number> {
  return Object.fromEntries(
    DEMO_TABLE_NAMES.map((t) => [
      t,
      oneOrThrow<{ id: number }>(db, `SELECT ifnull(max(id), 0) + 1 AS id FROM ${t}`).id,
    ]),
  ) as Record<DemoTable, number>;
}

/**
 * Writes batches of planned rows (see writer-rows.ts). Statements are prepared once per
 * generation because a bench build inserts millions of rows; ledger rows go through
 * appendLedgerEntries, the one way into the ledger, which also brings cached balances along.
 */
export class DemoWriter {
  private readonly tables: [DemoTable, RowWriter][];
  private readonly rules: BillingRules;

  constructor(
    private readonly db: Db,
    private readonly today: IsoDate,
    private readonly now: string,
    /** rows per INSERT; above 1 only where foreign keys are off (see manyRowsAtOnce) */
    rowsPerStatement = 1,
  ) {
    this.rules = billingRules(db);
    this.tables = DEMO_TABLE_NAMES.map((t) => [
      t,
      rowsPerStatement > 1
        ? manyRowsAtOnce(db, t, columnsOf(t), rowsPerStatement)
        : rowByRow(db, t, columnsOf(t)),
    ]);
  }

  write(batch: RowBatch): void {
    for (const [table, write] of this.tables) write(batch.rows[table]);
    for (const history of batch.priorStatements)
      recordPriorStatements(this.db, this.rules, this.today, this.now, history);
    this.postLedger(batch.ledger);
    // the plan already decided each account's follow-ups, plans and promises; only the
    // queue's copy of the balances is left to the upkeep's writer
    for (const id of takeTouched(this.db)) refreshQueueColumns(this.db, id, this.today);
  }

  /**
   * Posts a batch's ledger rows: one appendLedgerEntries call per user (every account is
   * still refreshed once), then the reversals, which need the ids of what they reverse.
   * Batching matters because each call prepares its statements afresh.
   */
  private postLedger(queue: readonly QueuedEntry[]): void {
    const ids: LedgerEntryId[] = [];
    const post = (indexes: readonly number[]) => {
      const byUser = new Map<UserId, number[]>();
      for (const i of indexes) {
        const { userId } = queue[i] as QueuedEntry;
        const list = byUser.get(userId);
        if (list) list.push(i);
        else byUser.set(userId, [i]);
      }
      for (const [userId, list] of byUser) {
        const entries = list.map((i): NewLedgerEntry => {
          const q = queue[i] as QueuedEntry;
          return q.reverses === null
            ? q.entry
            : { ...q.entry, reversesId: ids[q.reverses] ?? null };
        });
        const posted = appendLedgerEntries(this.db, entries, {
          userId,
          now: this.now,
          today: this.today,
        });
        posted.forEach((id, k) => (ids[list[k] as number] = id));
      }
    };
    const all = queue.map((_, i) => i);
    post(all.filter((i) => queue[i]?.reverses === null));
    post(all.filter((i) => queue[i]?.reverses !== null));
  }
}

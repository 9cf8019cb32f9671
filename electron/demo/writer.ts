import type { AccountId, LedgerEntryId, UserId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { BillingRules } from '../../shared/api/rules';
import type { Db } from '../db/open';
import { one, oneOrThrow } from '../db/query';
import { DayTotals } from './day-totals';
import { takeTouched } from '../core/touched';
import { appendLedgerEntries, refreshAccountBalance, type NewLedgerEntry } from '../ledger/ledger';
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

const LEDGER_COLUMNS = `id, account_id, claim_id, claim_line_id, kind, side, amount,
  posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id, created_at,
  created_by`.split(/,\s*/);

const DAY_TOTALS_TRIGGER = `SELECT 1 FROM sqlite_master
  WHERE type = 'trigger' AND name = 'ledger_entries_day_totals'`;

const ACCOUNT_COLUMNS = columnsOf('accounts');
const ACCOUNT_WIDTH = ACCOUNT_COLUMNS.length;
const FACILITY = ACCOUNT_COLUMNS.indexOf('facility_id');
const FINANCIAL_CLASS = ACCOUNT_COLUMNS.indexOf('financial_class');

function factsOf(accounts: readonly unknown[]) {
  const facts = new Map<unknown, { facilityId: unknown; financialClass: unknown }>();
  for (let at = 0; at < accounts.length; at += ACCOUNT_WIDTH) {
    facts.set(accounts[at], {
      facilityId: accounts[at + FACILITY],
      financialClass: accounts[at + FINANCIAL_CLASS],
    });
  }
  return facts;
}

/**
 * Writes batches of planned rows (see writer-rows.ts). Statements are prepared once per
 * generation because a bench build inserts millions of rows; ledger rows go through
 * appendLedgerEntries, the one way into the ledger, which also brings cached balances along.
 */
export class DemoWriter {
  private readonly tables: [DemoTable, RowWriter][];
  private readonly rules: BillingRules;
  /** for a build with foreign keys off: the ledger's rows many to an INSERT too */
  private readonly ledger: { write: RowWriter; nextId: number; totals: DayTotals } | null;
  /** the batch's accounts' facility and financial class, which the day totals are kept by */
  private accountFacts = new Map<unknown, { facilityId: unknown; financialClass: unknown }>();

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
    if (rowsPerStatement > 1 && one(db, DAY_TOTALS_TRIGGER))
      throw new Error(
        'DemoWriter: many rows per INSERT sums the ledger by day itself; drop the trigger',
      );
    this.ledger =
      rowsPerStatement > 1
        ? {
            write: manyRowsAtOnce(db, 'ledger_entries', LEDGER_COLUMNS, rowsPerStatement),
            nextId: oneOrThrow<{ id: number }>(
              db,
              `SELECT ifnull(max(id), 0) + 1 AS id FROM ledger_entries`,
            ).id,
            totals: new DayTotals(),
          }
        : null;
  }

  write(batch: RowBatch): void {
    if (this.ledger) this.accountFacts = factsOf(batch.rows.accounts);
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
        const by = { userId, now: this.now, today: this.today };
        const posted = this.ledger
          ? this.appendMany(entries, by)
          : appendLedgerEntries(this.db, entries, by);
        posted.forEach((id, k) => (ids[list[k] as number] = id));
      }
    };
    const all = queue.map((_, i) => i);
    post(all.filter((i) => queue[i]?.reverses === null));
    post(all.filter((i) => queue[i]?.reverses !== null));
    this.refreshBalances();
  }

  private held: unknown[] = [];
  private readonly heldAccounts = new Set<AccountId>();

  /**
   * What appendLedgerEntries does, for a build that binds many rows to a statement: the
   * rows get the ids SQLite would give them in this order, and the accounts' cached
   * balances are refreshed once their rows are all in (refreshBalances), in the order
   * appendLedgerEntries would first have refreshed them. The generator's reversals are
   * right by construction; the fast-build test compares every row with a normal build.
   */
  private appendMany(
    entries: readonly NewLedgerEntry[],
    by: { userId: UserId; now: string },
  ): LedgerEntryId[] {
    const ledger = this.ledger as NonNullable<typeof this.ledger>;
    return entries.map((e) => {
      const id = ledger.nextId++;
      this.held.push(
        id,
        e.accountId,
        e.claimId ?? null,
        e.claimLineId ?? null,
        e.kind,
        e.side,
        e.amount,
        e.postingDate,
        e.payerId ?? null,
        e.reference ?? null,
        e.reasonCode ?? null,
        e.memo ?? null,
        e.reversesId ?? null,
        e.receiptId ?? null,
        by.now,
        by.userId,
      );
      this.heldAccounts.add(e.accountId);
      const facts = this.accountFacts.get(e.accountId);
      if (!facts) throw new Error(`DemoWriter: account ${e.accountId} is not in its batch`);
      ledger.totals.add(e, facts, by.userId);
      return id as LedgerEntryId;
    });
  }

  /** After the last batch: writes what is summed over all of them (the ledger's day totals). */
  finish(): void {
    this.ledger?.totals.write(this.db);
  }

  private refreshBalances(): void {
    if (!this.ledger) return;
    this.ledger.write(this.held);
    for (const accountId of this.heldAccounts) refreshAccountBalance(this.db, accountId);
    this.held = [];
    this.heldAccounts.clear();
  }
}

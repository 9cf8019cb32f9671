import type { UserId } from '../../shared/ids';
import { cachedBalances, type AgingInput } from '../ledger/aging';
import type { NewLedgerEntry } from '../ledger/ledger';
import { DayTotals } from './day-totals';

/**
 * The demo ledger's posting, planned without a database for a build that writes many rows
 * to a statement: the ids SQLite will give the rows, the accounts' cached balances that
 * posting them brings along, and the day totals the dropped trigger would have kept.
 */

export interface QueuedEntry {
  userId: UserId;
  /** index in the batch's ledger of the entry this one reverses */
  reverses: number | null;
  entry: NewLedgerEntry;
}

/**
 * The order a batch's ledger is posted in, as calls of appendLedgerEntries (indexes into
 * the queue): one call per user, then the reversals, which need the ids of what they
 * reverse. Batching matters because each call prepares its statements afresh.
 */
export function postingCalls(queue: readonly QueuedEntry[]): { userId: UserId; list: number[] }[] {
  const calls: { userId: UserId; list: number[] }[] = [];
  for (const reversals of [false, true]) {
    const byUser = new Map<UserId, number[]>();
    queue.forEach((q, i) => {
      if ((q.reverses !== null) !== reversals) return;
      const list = byUser.get(q.userId);
      if (list) list.push(i);
      else byUser.set(q.userId, [i]);
    });
    for (const [userId, list] of byUser) calls.push({ userId, list });
  }
  return calls;
}

/** The ledger's columns as the planner gives them, the id first. */
export const LEDGER_COLUMNS = `id, account_id, claim_id, claim_line_id, kind, side, amount,
  posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id, created_at,
  created_by`.split(/,\s*/);

/** An account's figures the day totals are kept by. */
export interface AccountFacts {
  facilityId: number;
  financialClass: string;
}

export class LedgerPlanner {
  private readonly totals = new DayTotals();

  constructor(
    private nextId: number,
    private readonly now: string,
  ) {}

  /**
   * A batch's ledger rows (LEDGER_COLUMNS, one after another) and, for each account they
   * are on in the order appendLedgerEntries first refreshes it, its id and cached balances
   * (insurance, patient, oldest open date).
   */
  plan(
    queue: readonly QueuedEntry[],
    facts: ReadonlyMap<number, AccountFacts>,
  ): { rows: unknown[]; balances: unknown[] } {
    const ids: number[] = [];
    const rows: unknown[] = [];
    const byAccount = new Map<number, AgingInput[]>();
    for (const { userId, list } of postingCalls(queue)) {
      for (const i of list) {
        const { entry: e, reverses } = queue[i] as QueuedEntry;
        const id = this.nextId++;
        ids[i] = id;
        const reversesId = reverses === null ? null : (ids[reverses] ?? null);
        rows.push(
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
          reversesId,
          e.receiptId ?? null,
          this.now,
          userId,
        );
        const account = facts.get(e.accountId);
        if (!account) throw new Error(`LedgerPlanner: account ${e.accountId} is not in its batch`);
        this.totals.add(e, account, userId);
        const input = {
          id,
          side: e.side,
          amount: e.amount,
          postingDate: e.postingDate,
          reversesId,
        };
        const entries = byAccount.get(e.accountId);
        if (entries) entries.push(input);
        else byAccount.set(e.accountId, [input]);
      }
    }
    const balances: unknown[] = [];
    for (const [accountId, entries] of byAccount) {
      // as refreshAccountBalance reads them: through ledger_account, by date and id
      entries.sort((a, b) =>
        a.postingDate < b.postingDate
          ? -1
          : a.postingDate > b.postingDate
            ? 1
            : (a.id ?? 0) - (b.id ?? 0),
      );
      const b = cachedBalances(entries);
      balances.push(accountId, b.insuranceBalance, b.patientBalance, b.oldestOpenDate);
    }
    return { rows, balances };
  }

  /** The day totals of every batch planned, to write once at the end. */
  dayTotals(): unknown[] {
    return this.totals.rows();
  }
}

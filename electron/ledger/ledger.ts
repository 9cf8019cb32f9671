import type { IsoDate } from '../../shared/dates/iso-date';
import type { Cents } from '../../shared/money/cents';
import {
  type AccountId,
  type ClaimId,
  type ClaimLineId,
  type LedgerEntryId,
  type PayerId,
  type ReceiptId,
  type UserId,
  insertedId,
} from '../../shared/ids';
import type { LedgerKind, LedgerSide } from '../../shared/codes/enums';
import { conflict } from '../../shared/api/errors';
import type { Db, ReadDb } from '../db/open';
import { touchAccount } from '../core/touched';
import { cachedBalances, computeAging, type Aging, type AgingInput } from './aging';
import { all, prepare, run } from '../db/query';

export interface NewLedgerEntry {
  accountId: AccountId;
  claimId?: ClaimId | null;
  claimLineId?: ClaimLineId | null;
  kind: LedgerKind;
  side: LedgerSide;
  amount: Cents;
  postingDate: IsoDate;
  payerId?: PayerId | null;
  reference?: string | null;
  reasonCode?: string | null;
  memo?: string | null;
  reversesId?: LedgerEntryId | null;
  receiptId?: ReceiptId | null;
}

/**
 * The only way rows enter the ledger. It runs inside the request's transaction, appends
 * the rows and brings the accounts' cached balances along; the upkeep at commit does the
 * rest (queue columns and rank, plans, promises, credits).
 */
export function appendLedgerEntries(
  db: Db,
  entries: readonly NewLedgerEntry[],
  by: { userId: UserId; now: string; today: IsoDate },
): LedgerEntryId[] {
  if (!db.inTransaction) throw new Error('appendLedgerEntries must run inside a transaction');
  // positional parameters: binding a named object per row costs more than the insert
  const insert = prepare(
    db,
    `INSERT INTO ledger_entries (account_id, claim_id, claim_line_id, kind, side, amount,
       posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id, created_at,
       created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids: LedgerEntryId[] = [];
  const touched = new Set<AccountId>();
  const original = prepare<Reversible>(
    db,
    `SELECT l.account_id AS accountId, l.kind, l.side, l.amount, l.reverses_id AS reversesId,
       (SELECT id FROM ledger_entries r WHERE r.reverses_id = l.id) AS reversedBy
     FROM ledger_entries l WHERE l.id = ?`,
  );
  for (const e of entries) {
    if (e.reversesId != null) checkReversal(e, original.get(e.reversesId));
    const result = insert.run(
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
    ids.push(insertedId<LedgerEntryId>(result));
    touched.add(e.accountId);
  }
  for (const accountId of touched) refreshAccountBalance(db, accountId);
  return ids;
}

interface Reversible {
  accountId: AccountId;
  kind: LedgerKind;
  side: LedgerSide;
  amount: Cents;
  reversesId: number | null;
  reversedBy: number | null;
}

/** A reversal cancels exactly one entry, exactly once, on the same account and side. */
function checkReversal(e: NewLedgerEntry, o: Reversible | undefined): void {
  if (!o) throw conflict('The entry to reverse does not exist.');
  if (o.reversesId !== null)
    throw conflict('A reversal cannot itself be reversed; post a new entry instead.');
  if (o.reversedBy !== null) throw conflict('That entry has already been reversed.');
  if (
    o.accountId !== e.accountId ||
    o.side !== e.side ||
    o.kind !== e.kind ||
    o.amount !== -e.amount
  ) {
    throw conflict('A reversal must be the exact opposite of the entry it reverses.');
  }
}

const LEDGER_ROWS = `SELECT id, side, amount, posting_date AS postingDate, reverses_id AS reversesId
       FROM ledger_entries WHERE account_id = ?`;

export function accountAging(db: ReadDb, accountId: AccountId, today: IsoDate): Aging {
  return computeAging(all<AgingInput>(db, LEDGER_ROWS, accountId), today);
}

/**
 * Recomputes the account's cached balance columns from its ledger, in the writer's
 * transaction, and marks the account for the upkeep at commit (queue columns, plans).
 */
export function refreshAccountBalance(db: Db, accountId: AccountId): void {
  const aging = cachedBalances(all<AgingInput>(db, LEDGER_ROWS, accountId));
  run(
    db,
    `UPDATE accounts SET insurance_balance = ?, patient_balance = ?, oldest_open_date = ?
     WHERE id = ?`,
    aging.insuranceBalance,
    aging.patientBalance,
    aging.oldestOpenDate,
    accountId,
  );
  touchAccount(db, accountId);
}

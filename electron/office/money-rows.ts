import type { AccountId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { oneOrThrow, run } from '../db/query';
import { refreshAccountBalance } from '../ledger/ledger';
import { gidOf, gidOrNull, localIdOrNull, requireLocalId, takeUserId } from './gids';
import type { LedgerRow, ReceiptRow } from './wire';

/**
 * Receipts and ledger rows as they travel (by office-wide ids) and as this copy keeps
 * them. Both are insert-only everywhere: a row is written once, here or on the server,
 * and never changed; a reversal is a new row naming the one it cancels.
 */
interface LocalReceipt {
  accountId: number;
  kind: ReceiptRow['kind'];
  payerId: number | null;
  method: ReceiptRow['method'];
  checkNumber: string | null;
  reference: string | null;
  amount: number;
  receivedDate: string;
  memo: string | null;
  reversesId: number | null;
  createdAt: string;
  createdBy: number;
  remittancePayer: string | null;
  remittanceTrace: string | null;
  batchId: number | null;
}

export function readReceipt(db: ReadDb, id: number): ReceiptRow {
  const r = oneOrThrow<LocalReceipt>(
    db,
    `SELECT r.account_id AS accountId, r.kind, r.payer_id AS payerId, r.method,
         r.check_number AS checkNumber, r.reference, r.amount, r.received_date AS receivedDate,
         r.memo, r.reverses_id AS reversesId, r.created_at AS createdAt,
         r.created_by AS createdBy, m.payer_identifier AS remittancePayer,
         m.trace_number AS remittanceTrace, r.batch_id AS batchId
       FROM receipts r LEFT JOIN remittances m ON m.id = r.remittance_id
       WHERE r.id = ?`,
    id,
  );
  return {
    accountGid: gidOf(db, 'accounts', r.accountId),
    kind: r.kind,
    payerGid: gidOrNull(db, 'payers', r.payerId),
    method: r.method,
    checkNumber: r.checkNumber,
    reference: r.reference,
    amount: r.amount,
    receivedDate: r.receivedDate,
    memo: r.memo,
    reversesGid: gidOrNull(db, 'receipts', r.reversesId),
    createdAt: r.createdAt,
    createdBy: gidOf(db, 'users', r.createdBy),
    remittance:
      r.remittancePayer !== null && r.remittanceTrace !== null
        ? { payer: r.remittancePayer, trace: r.remittanceTrace }
        : null,
    batchGid: gidOrNull(db, 'deposit_batches', r.batchId),
  };
}

/**
 * Adds a receipt another desktop took, into the deposit batch it was posted into (the batch
 * travelled before it), moving that batch's running total and count as posting does here
 * (migration 10): they are this copy's sums of the receipts it holds. It belongs to no
 * remittance here: an 835 file and its remittance record stay the importing desk's. An 835
 * payment keeps its payer and trace number (migration 58), so a payer's reversal in an 835
 * imported here finds it; a reversal needs none, being reversed by nothing.
 */
export function insertReceipt(db: Db, r: ReceiptRow): number {
  const batchId = localIdOrNull(db, 'deposit_batches', r.batchGid ?? null);
  const result = run(
    db,
    `INSERT INTO receipts (batch_id, account_id, kind, payer_id, method, check_number,
         reference, amount, received_date, memo, reverses_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    batchId,
    requireLocalId(db, 'accounts', r.accountGid),
    r.kind,
    localIdOrNull(db, 'payers', r.payerGid),
    r.method,
    r.checkNumber,
    r.reference,
    r.amount,
    r.receivedDate,
    r.memo,
    localIdOrNull(db, 'receipts', r.reversesGid),
    r.createdAt,
    takeUserId(db, r.createdBy, r.createdAt),
  );
  const id = Number(result.lastInsertRowid);
  if (batchId !== null) {
    run(
      db,
      `UPDATE deposit_batches SET posted_total = posted_total + ?,
           receipt_count = receipt_count + ? WHERE id = ?`,
      r.amount,
      r.reversesGid === null ? 1 : -1,
      batchId,
    );
  }
  if (r.remittance && r.reversesGid === null) {
    run(
      db,
      `INSERT INTO office_remittance_payments (receipt_id, payer_identifier, trace_number)
         VALUES (?, ?, ?)`,
      id,
      r.remittance.payer,
      r.remittance.trace,
    );
  }
  return id;
}

interface LocalLedgerRow {
  accountId: number;
  claimId: number | null;
  claimLineId: number | null;
  kind: LedgerRow['kind'];
  side: LedgerRow['side'];
  amount: number;
  postingDate: string;
  payerId: number | null;
  reference: string | null;
  reasonCode: string | null;
  memo: string | null;
  reversesId: number | null;
  receiptId: number | null;
  createdAt: string;
  createdBy: number;
}

export function readLedgerRow(db: ReadDb, id: number): LedgerRow {
  const l = oneOrThrow<LocalLedgerRow>(
    db,
    `SELECT account_id AS accountId, claim_id AS claimId, claim_line_id AS claimLineId, kind,
         side, amount, posting_date AS postingDate, payer_id AS payerId, reference,
         reason_code AS reasonCode, memo, reverses_id AS reversesId, receipt_id AS receiptId,
         created_at AS createdAt, created_by AS createdBy
       FROM ledger_entries WHERE id = ?`,
    id,
  );
  return {
    accountGid: gidOf(db, 'accounts', l.accountId),
    claimGid: gidOrNull(db, 'claims', l.claimId),
    claimLineGid: gidOrNull(db, 'claim_lines', l.claimLineId),
    kind: l.kind,
    side: l.side,
    amount: l.amount,
    postingDate: l.postingDate,
    payerGid: gidOrNull(db, 'payers', l.payerId),
    reference: l.reference,
    reasonCode: l.reasonCode,
    memo: l.memo,
    reversesGid: gidOrNull(db, 'ledger_entries', l.reversesId),
    receiptGid: gidOrNull(db, 'receipts', l.receiptId),
    createdAt: l.createdAt,
    createdBy: gidOf(db, 'users', l.createdBy),
  };
}

/**
 * Adds a ledger row another desktop posted and recomputes the account's balances from this
 * copy's ledger; the upkeep at commit brings its aging and queue columns along. Balances
 * are never taken from another desktop: each copy sums its own ledger.
 */
export function insertLedgerRow(db: Db, l: LedgerRow): number {
  const accountId = requireLocalId(db, 'accounts', l.accountGid);
  const result = run(
    db,
    `INSERT INTO ledger_entries (account_id, claim_id, claim_line_id, kind, side, amount,
         posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id,
         created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    accountId,
    localIdOrNull(db, 'claims', l.claimGid),
    localIdOrNull(db, 'claim_lines', l.claimLineGid),
    l.kind,
    l.side,
    l.amount,
    l.postingDate,
    localIdOrNull(db, 'payers', l.payerGid),
    l.reference,
    l.reasonCode,
    l.memo,
    localIdOrNull(db, 'ledger_entries', l.reversesGid),
    localIdOrNull(db, 'receipts', l.receiptGid),
    l.createdAt,
    takeUserId(db, l.createdBy, l.createdAt),
  );
  refreshAccountBalance(db, accountId as AccountId);
  return Number(result.lastInsertRowid);
}

import type pg from 'pg';
import { formatCents } from '../../../shared/money/format';
import { cents } from '../../../shared/money/cents';
import { formatUsDate, isoDate } from '../../../shared/dates/iso-date';
import type { LedgerRow, ReceiptRow } from '../wire';
import { refuseClosedBatch } from './batches';
import { sqlState } from './connection';

/** The office refuses this money for a reason a person can read (and redo, if need be). */
export class MoneyRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Raised when a reversal names a row the office already has reversed. */
export class AlreadyReversed extends MoneyRefused {}

/**
 * Inserts a receipt or a ledger row. The unique reversal reference decides between two
 * desktops reversing one payment: the first to commit wins, the other waits on its index
 * entry and is refused, saying when the office's reversal was taken.
 */
export async function insertMoney(
  client: pg.ClientBase,
  desktopId: string,
  gid: string,
  change: { tbl: 'receipts'; row: ReceiptRow } | { tbl: 'ledger_entries'; row: LedgerRow },
): Promise<void> {
  await client.query('SAVEPOINT insert_money');
  try {
    if (change.tbl === 'receipts') await insertReceipt(client, desktopId, gid, change.row);
    else await insertLedgerRow(client, desktopId, gid, change.row);
    await client.query('RELEASE SAVEPOINT insert_money');
  } catch (error) {
    if (sqlState(error) !== '23505' || !reversedOnce(error) || change.row.reversesGid === null) {
      throw error;
    }
    await client.query('ROLLBACK TO SAVEPOINT insert_money');
    throw new AlreadyReversed(await alreadyReversed(client, change.tbl, change.row.reversesGid));
  }
}

function reversedOnce(error: unknown): boolean {
  const constraint = (error as { constraint?: unknown }).constraint;
  return typeof constraint === 'string' && constraint.endsWith('_reversed_once');
}

/**
 * An 835 payment is posted at one desktop only: the first to send a receipt from it holds
 * it (server migration 7), and another desktop's postings from the same payment are
 * refused, withdrawn there and listed, so the payer's money never lands twice office-wide.
 * The second waits on the first's uncommitted key, as a second reversal does.
 */
async function holdRemittance(
  client: pg.ClientBase,
  desktopId: string,
  remittance: NonNullable<ReceiptRow['remittance']>,
): Promise<void> {
  await client.query(
    `INSERT INTO remittances_posted (payer_identifier, trace_number, desktop_id)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [remittance.payer, remittance.trace, desktopId],
  );
  const { rows } = await client.query<{ desktop: string }>(
    `SELECT desktop_id::text AS desktop FROM remittances_posted
       WHERE payer_identifier = $1 AND trace_number = $2`,
    [remittance.payer, remittance.trace],
  );
  const held = rows[0];
  if (!held || held.desktop === desktopId) return;
  throw new MoneyRefused(
    `This 835 payment (trace ${remittance.trace}) was already posted at another desktop; ` +
      "this desktop's postings from it were withdrawn, so nothing was paid twice.",
  );
}

async function insertReceipt(
  client: pg.ClientBase,
  desktopId: string,
  gid: string,
  r: ReceiptRow,
): Promise<void> {
  if (r.remittance) await holdRemittance(client, desktopId, r.remittance);
  if (r.batchGid) await refuseClosedBatch(client, r.batchGid);
  await client.query(
    `INSERT INTO receipts (gid, account_gid, kind, payer_gid, method, check_number, reference,
         amount, received_date, memo, reverses_gid, created_at, created_by, desktop_id,
         batch_gid)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      gid,
      r.accountGid,
      r.kind,
      r.payerGid,
      r.method,
      r.checkNumber,
      r.reference,
      r.amount,
      r.receivedDate,
      r.memo,
      r.reversesGid,
      r.createdAt,
      r.createdBy,
      desktopId,
      r.batchGid ?? null,
    ],
  );
}

async function insertLedgerRow(
  client: pg.ClientBase,
  desktopId: string,
  gid: string,
  l: LedgerRow,
): Promise<void> {
  await client.query(
    `INSERT INTO ledger_entries (gid, account_gid, claim_gid, claim_line_gid, kind, side, amount,
         posting_date, payer_gid, reference, reason_code, memo, reverses_gid, receipt_gid,
         created_at, created_by, desktop_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      gid,
      l.accountGid,
      l.claimGid,
      l.claimLineGid,
      l.kind,
      l.side,
      l.amount,
      l.postingDate,
      l.payerGid,
      l.reference,
      l.reasonCode,
      l.memo,
      l.reversesGid,
      l.receiptGid,
      l.createdAt,
      l.createdBy,
      desktopId,
    ],
  );
}

/** The reason a person reads: what the office already has, in its own words. */
async function alreadyReversed(
  client: pg.ClientBase,
  tbl: 'receipts' | 'ledger_entries',
  reversesGid: string,
): Promise<string> {
  const { rows } = await client.query<{ amount: string; day: string; kind: string }>(
    tbl === 'receipts'
      ? `SELECT amount::text AS amount, received_date AS day, kind FROM receipts
           WHERE reverses_gid = $1`
      : `SELECT amount::text AS amount, posting_date AS day, kind FROM ledger_entries
           WHERE reverses_gid = $1`,
    [reversesGid],
  );
  const r = rows[0];
  const what =
    tbl === 'ledger_entries' ? 'This entry' : (RECEIPT_WHAT[r?.kind ?? ''] ?? 'This payment');
  if (!r) return `${what} was already reversed at another desktop.`;
  return `${what} was already reversed at another desktop (${formatCents(cents(Math.abs(Number(r.amount))))} on ${formatUsDate(isoDate(r.day))}); this reversal was withdrawn.`;
}

const RECEIPT_WHAT: Record<string, string> = {
  patient_payment: 'This payment',
  insurance_payment: "This payer's payment",
  refund: 'This refund',
};

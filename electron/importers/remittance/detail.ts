import type { ParsedInputOf } from '../../../shared/api/contract';
import { notFound } from '../../../shared/api/errors';
import type {
  RemittanceClaimLine,
  RemittanceDetail,
  RemittanceExceptionView,
  RemittanceReport,
  RemittanceTieOutRow,
} from '../../../shared/api/imports';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { ReadCtx } from '../../core/context';
import type { ReadDb } from '../../db/open';
import { providerAdjustmentViews } from './plb';
import { remittanceTieOut } from './tie-out';
import { all, one } from '../../db/query';

// the claim a receipt paid is on its ledger rows, or (a payment of $0.00 that moved
// nothing) on the codes the payer reported with it
const CLAIM_LINE_SQL = `SELECT x.id AS receiptId, x.account_id AS accountId,
    a.account_number AS accountNumber, p.last_name || ', ' || p.first_name AS patientName,
    x.amount, x.received_date AS receivedDate,
    coalesce(
      (SELECT c.claim_number FROM ledger_entries l JOIN claims c ON c.id = l.claim_id
         WHERE l.receipt_id = x.id LIMIT 1),
      (SELECT c.claim_number FROM claim_adjustments j JOIN claims c ON c.id = j.claim_id
         WHERE j.receipt_id = x.id LIMIT 1)) AS claimNumber
  FROM receipts x JOIN accounts a ON a.id = x.account_id JOIN people p ON p.id = a.patient_id
  WHERE x.remittance_id = ?`;

/** One remittance: its payer and payment, what it posted and what it left, and its tie-out. */
export function getRemittance(
  ctx: ReadCtx,
  input: ParsedInputOf<'getRemittance'>,
): RemittanceDetail {
  const { db } = ctx;
  const head = one<
    Omit<RemittanceDetail, 'claims' | 'reversals' | 'providerAdjustments' | 'exceptions' | 'tieOut'>
  >(
    db,
    `SELECT r.id, r.import_file_id AS importId, f.file_name AS fileName, r.payer_name AS payerName,
         r.trace_number AS traceNumber, r.remit_date AS remitDate,
         r.payment_method AS paymentMethod, r.payment_amount AS payment
       FROM remittances r JOIN import_files f ON f.id = r.import_file_id WHERE r.id = ?`,
    input.remittanceId,
  );
  if (!head) throw notFound('The remittance');
  return {
    ...head,
    claims: all<RemittanceClaimLine>(
      db,
      `${CLAIM_LINE_SQL} AND x.reverses_id IS NULL ORDER BY x.id`,
      head.id,
    ),
    reversals: all<RemittanceClaimLine>(
      db,
      `${CLAIM_LINE_SQL} AND x.reverses_id IS NOT NULL ORDER BY x.id`,
      head.id,
    ),
    providerAdjustments: providerAdjustmentViews(db, 'f.remittance_id = ?', head.id),
    exceptions: all<Omit<RemittanceExceptionView, 'postable'> & { postable: number }>(
      db,
      `SELECT e.id, r.payer_name AS payerName, r.trace_number AS traceNumber,
           r.remit_date AS remitDate, e.patient_control_number AS patientControlNumber,
           e.payer_claim_number AS payerClaimNumber, e.patient_name AS patientName, e.charge,
           e.paid, e.reason, e.postable, e.status, c.claim_number AS claimNumber, e.note
         FROM remittance_exceptions e JOIN remittances r ON r.id = e.remittance_id
         LEFT JOIN claims c ON c.id = e.claim_id
         WHERE e.remittance_id = ? ORDER BY e.id`,
      head.id,
    ).map((e) => ({ ...e, postable: e.postable === 1 })),
    tieOut: remittanceTieOut(db, head.id),
  };
}

/** The remittances dated on a day, each with its tie-out, for the day's cash summary. */
export function remittancesOn(db: ReadDb, date: IsoDate): RemittanceTieOutRow[] {
  return all<Omit<RemittanceTieOutRow, 'tieOut'>>(
    db,
    `SELECT id, payer_name AS payerName, trace_number AS traceNumber, remit_date AS remitDate,
         payment_method AS paymentMethod
       FROM remittances WHERE remit_date = ? ORDER BY id`,
    date,
  ).map((r) => ({ ...r, tieOut: remittanceTieOut(db, r.id) }));
}

/**
 * A stored report's remittances with their stored ids, for reports filed before the
 * report kept them: the detail view (and the tie-out it shows) opens from those too.
 */
export function withRemittanceIds(
  db: ReadDb,
  importId: number,
  remittances: readonly RemittanceReport[],
): RemittanceReport[] {
  return remittances.map((r) => {
    // a duplicate's trace belongs to an earlier file, so it finds nothing here
    if (r.remittanceId != null) return r;
    const found = one<{ id: number }>(
      db,
      `SELECT id FROM remittances WHERE import_file_id = ? AND trace_number = ? AND payer_name = ?`,
      importId,
      r.traceNumber,
      r.payerName,
    );
    return found ? { ...r, remittanceId: found.id } : r;
  });
}

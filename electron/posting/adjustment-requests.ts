import type { AccountId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { AdjustmentRequestView } from '../../shared/api/posting';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';

// what each kind asks for, as the approvals list and the account card name it
const REQUEST_SQL = `SELECT r.id, r.kind, r.account_id AS accountId,
    a.account_number AS accountNumber, p.last_name || ', ' || p.first_name AS patientName,
    c.claim_number AS claimNumber, r.side, r.amount, r.reason_code AS reasonCode,
    CASE r.kind
      WHEN 'write_off' THEN ar.label
      WHEN 'refund' THEN 'Refund by ' || CASE r.refund_method WHEN 'eft' THEN 'EFT' ELSE r.refund_method END
        || ' ' || r.refund_reference
      WHEN 'reverse_entry' THEN 'Reversal of a ' || te.kind || ' posted ' || te.posting_date
      ELSE 'Reversal of a ' || CASE tr.kind WHEN 'refund' THEN 'refund' ELSE 'payment' END
        || ' received ' || tr.received_date
    END AS reasonLabel,
    r.memo, r.status, r.requested_by AS requestedById, ru.display_name AS requestedBy,
    r.requested_at AS requestedAt, du.display_name AS decidedBy, r.decided_at AS decidedAt,
    r.decision_note AS decisionNote
  FROM adjustment_requests r
  JOIN accounts a ON a.id = r.account_id JOIN people p ON p.id = a.patient_id
  LEFT JOIN adjustment_reasons ar ON ar.code = r.reason_code
  LEFT JOIN ledger_entries te ON te.id = r.target_entry_id
  LEFT JOIN receipts tr ON tr.id = r.target_receipt_id
  JOIN users ru ON ru.id = r.requested_by LEFT JOIN users du ON du.id = r.decided_by
  LEFT JOIN claims c ON c.id = r.claim_id`;

/** Requests by status, oldest first: a supervisor's approval list. */
export function listAdjustmentRequests(
  ctx: ReadCtx,
  input: ParsedInputOf<'listAdjustmentRequests'>,
): AdjustmentRequestView[] {
  const order =
    input.status === 'pending' ? 'r.requested_at, r.id' : 'r.decided_at DESC, r.id DESC';
  return all<AdjustmentRequestView>(
    ctx.db,
    `${REQUEST_SQL} WHERE r.status = ? ORDER BY ${order} LIMIT +?`,
    input.status,
    input.limit,
  );
}

export function accountAdjustmentRequests(
  db: ReadDb,
  accountId: AccountId,
): AdjustmentRequestView[] {
  return all<AdjustmentRequestView>(
    db,
    `${REQUEST_SQL} WHERE r.account_id = ? ORDER BY r.status = 'pending' DESC, r.id DESC`,
    accountId,
  );
}

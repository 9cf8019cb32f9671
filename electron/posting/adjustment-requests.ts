import type { AccountId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import type { AdjustmentRequestView } from '../../shared/api/posting';
import type { ReadCtx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all } from '../db/query';

const REQUEST_SQL = `SELECT r.id, r.account_id AS accountId, a.account_number AS accountNumber,
    p.last_name || ', ' || p.first_name AS patientName, c.claim_number AS claimNumber, r.side,
    r.amount, r.reason_code AS reasonCode, ar.label AS reasonLabel, r.memo, r.status,
    ru.display_name AS requestedBy, r.requested_at AS requestedAt, du.display_name AS decidedBy,
    r.decided_at AS decidedAt, r.decision_note AS decisionNote
  FROM adjustment_requests r
  JOIN accounts a ON a.id = r.account_id JOIN people p ON p.id = a.patient_id
  JOIN adjustment_reasons ar ON ar.code = r.reason_code
  JOIN users ru ON ru.id = r.requested_by LEFT JOIN users du ON du.id = r.decided_by
  LEFT JOIN claims c ON c.id = r.claim_id`;

/** Write-offs by status, oldest request first: a supervisor's approval list. */
export function listAdjustmentRequests(
  ctx: ReadCtx,
  input: ParsedInputOf<'listAdjustmentRequests'>,
): AdjustmentRequestView[] {
  return all<AdjustmentRequestView>(
    ctx.db,
    `${REQUEST_SQL} WHERE r.status = ? ORDER BY r.requested_at, r.id LIMIT ?`,
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

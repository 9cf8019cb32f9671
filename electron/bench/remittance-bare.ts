import type { Ctx } from '../core/context';
import { one, prepare, run } from '../db/query';

/** What the bench remittance says about one claim, with our ids looked up beforehand. */
export interface BareRemitClaim {
  claimId: number;
  accountId: number;
  payerId: number | null;
  /** The claim's open claim-status follow-up, which the posting closes. */
  followUpId: number | null;
  paid: number;
  contractual: number;
  coinsurance: number;
  /** Denied in whole (no money moves; a denial follow-up opens). */
  denied: number;
  /** The payer's own number for the claim, which the posting keeps with our claim. */
  payerClaimNumber: string;
}

export function bareClaimIds(
  ctx: Ctx,
  claimNumber: string,
): Pick<BareRemitClaim, 'claimId' | 'accountId' | 'payerId' | 'followUpId'> {
  const row = one<Pick<BareRemitClaim, 'claimId' | 'accountId' | 'payerId' | 'followUpId'>>(
    ctx.db,
    `SELECT c.id AS claimId, c.account_id AS accountId, c.payer_id AS payerId,
         (SELECT id FROM follow_ups f WHERE f.account_id = c.account_id AND f.claim_id = c.id
            AND f.kind = 'claim_status' AND f.status = 'open') AS followUpId
       FROM claims c WHERE c.claim_number = ?`,
    claimNumber,
  );
  if (!row) throw new Error(`bench: claim ${claimNumber} not found`);
  return row;
}

/**
 * The rows a remittance posting writes, through bare better-sqlite3 with every id and
 * amount known in advance: per claim a receipt, its ledger rows, the adjustment codes,
 * the claim's status and the payer's claim number, the account's balance (summed from its
 * ledger, as the payments benchmark's bare side does), the claim-status follow-up closed
 * and a history row; per denial a follow-up, the denial, its remark and its history row.
 * No matching, checks, aging or queue columns. The caller rolls it back.
 */
export function postBareRemittance(ctx: Ctx, claims: readonly BareRemitClaim[]): number {
  const { db } = ctx;
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const user = ctx.userId;
  const fileId = run(
    db,
    `INSERT INTO import_files (kind, file_name, sha256, byte_size, status, summary, report,
         imported_at, imported_by) VALUES ('835', 'bare.835', '', 0, 'posted', '', '{}', ?, ?)`,
    now,
    user,
  ).lastInsertRowid;
  const remittanceId = run(
    db,
    `INSERT INTO remittances (import_file_id, payer_id, payer_name, payer_identifier,
         trace_number, payment_amount, payment_method, remit_date, claim_count)
       VALUES (?, NULL, 'Bench payer', 'BARE', 'BARE-1', 0, 'ACH', ?, ?)`,
    fileId,
    today,
    claims.length,
  ).lastInsertRowid;
  const receipt = prepare(
    db,
    `INSERT INTO receipts (batch_id, account_id, kind, payer_id, method, check_number, reference,
       amount, received_date, memo, reverses_id, remittance_id, created_at, created_by)
     VALUES (NULL, ?, 'insurance_payment', ?, 'eft', 'BARE-1', NULL, ?, ?, 'Remittance', NULL, ?, ?, ?)`,
  );
  const ledger = prepare(
    db,
    `INSERT INTO ledger_entries (account_id, claim_id, claim_line_id, kind, side, amount,
       posting_date, payer_id, reference, reason_code, memo, reverses_id, receipt_id, created_at,
       created_by)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 'ERA BARE-1', ?, NULL, NULL, ?, ?, ?)`,
  );
  const code = prepare(
    db,
    `INSERT INTO claim_adjustments (claim_id, claim_line_id, group_code, reason_code, amount,
       quantity, remit_date, receipt_id) VALUES (?, NULL, ?, ?, ?, NULL, ?, ?)`,
  );
  const history = prepare(
    db,
    `INSERT INTO activities (account_id, claim_id, kind, direction, party, outcome, body,
       user_id, occurred_at) VALUES (?, ?, 'system', NULL, NULL, NULL, ?, ?, ?)`,
  );
  const close = prepare(
    db,
    `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ? WHERE id = ?`,
  );
  const claimStatus = prepare(
    db,
    `UPDATE claims SET status = ?, remit_date = ?, payer_claim_number = coalesce(payer_claim_number, ?)
     WHERE id = ?`,
  );
  const balance = prepare(
    db,
    `UPDATE accounts SET
       insurance_balance = (SELECT ifnull(sum(amount), 0) FROM ledger_entries
                            WHERE account_id = ? AND side = 'insurance'),
       patient_balance = (SELECT ifnull(sum(amount), 0) FROM ledger_entries
                          WHERE account_id = ? AND side = 'patient')
     WHERE id = ?`,
  );
  const followUp = prepare(
    db,
    `INSERT INTO follow_ups (account_id, claim_id, kind, due_date, deadline_date, owner_id,
       reason, created_at, created_by) VALUES (?, ?, 'denial', ?, ?, NULL, 'Denied', ?, ?)`,
  );
  const denial = prepare(
    db,
    `INSERT INTO denials (claim_id, follow_up_id, remittance_id, category, action, codes, amount,
       remit_date, deadline_date, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, 'medical_necessity', 'appeal', 'CO-50 N115', ?, ?, ?, ?, ?, ?)`,
  );
  const remark = prepare(
    db,
    `INSERT INTO claim_remarks (claim_id, claim_line_id, code) VALUES (?, NULL, 'N115')`,
  );
  let posted = 0;
  for (const c of claims) {
    const receiptId = receipt.run(
      c.accountId,
      c.payerId,
      c.paid,
      today,
      remittanceId,
      now,
      user,
    ).lastInsertRowid;
    const row = (kind: string, side: string, amount: number, reason: string | null) =>
      ledger.run(
        c.accountId,
        c.claimId,
        kind,
        side,
        amount,
        today,
        c.payerId,
        reason,
        receiptId,
        now,
        user,
      );
    if (c.paid > 0) row('payment', 'insurance', -c.paid, null);
    if (c.contractual > 0) {
      row('adjustment', 'insurance', -c.contractual, 'CO-45');
      code.run(c.claimId, 'CO', '45', c.contractual, today, receiptId);
    }
    if (c.coinsurance > 0) {
      row('transfer', 'insurance', -c.coinsurance, 'PR-2');
      row('transfer', 'patient', c.coinsurance, 'PR-2');
      code.run(c.claimId, 'PR', '2', c.coinsurance, today, receiptId);
    }
    if (c.followUpId !== null) close.run(now, user, c.followUpId);
    if (c.denied > 0) {
      code.run(c.claimId, 'CO', '50', c.denied, today, receiptId);
      const followUpId = followUp.run(
        c.accountId,
        c.claimId,
        today,
        today,
        now,
        user,
      ).lastInsertRowid;
      denial.run(c.claimId, followUpId, remittanceId, c.denied, today, today, now, now, user);
      remark.run(c.claimId);
      history.run(c.accountId, c.claimId, 'Denied', user, now);
    }
    claimStatus.run(c.denied > 0 ? 'denied' : 'paid', today, c.payerClaimNumber, c.claimId);
    balance.run(c.accountId, c.accountId, c.accountId);
    history.run(c.accountId, c.claimId, 'Remittance BARE-1', user, now);
    posted += 1;
  }
  return posted;
}

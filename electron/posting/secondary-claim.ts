import { insertedId, type AccountId, type ClaimId, type PayerId } from '../../shared/ids';
import type { Cents } from '../../shared/money/cents';
import { conflict } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { insertFollowUp } from '../followups/store';
import { one, oneOrThrow, run } from '../db/query';

export interface SecondaryClaim {
  id: ClaimId;
  payerId: PayerId;
  claimNumber: string;
}

/**
 * The claim to the account's secondary payer that follows a primary claim, created (with
 * the primary's lines, unbilled, and a follow-up to bill it) the first time a patient
 * share is sent on to it.
 */
export function secondaryClaimFor(ctx: Ctx, primaryClaimId: ClaimId): SecondaryClaim {
  const { db } = ctx;
  const existing = one<SecondaryClaim>(
    db,
    `SELECT id, payer_id AS payerId, claim_number AS claimNumber FROM claims
       WHERE primary_claim_id = ?`,
    primaryClaimId,
  );
  if (existing) return existing;
  const primary = oneOrThrow<{
    accountId: AccountId;
    claimNumber: string;
    totalCharge: Cents;
    coverageId: number | null;
    priority: number | null;
  }>(
    db,
    `SELECT c.account_id AS accountId, c.claim_number AS claimNumber, c.total_charge AS totalCharge,
         c.coverage_id AS coverageId,
         (SELECT priority FROM coverages WHERE id = c.coverage_id) AS priority
       FROM claims c WHERE c.id = ?`,
    primaryClaimId,
  );
  const next = one<{ id: number; payerId: PayerId; payerName: string }>(
    db,
    `SELECT cv.id, cv.payer_id AS payerId, py.name AS payerName FROM coverages cv
       JOIN payers py ON py.id = cv.payer_id
       WHERE cv.account_id = ? AND cv.priority > ? ORDER BY cv.priority LIMIT 1`,
    primary.accountId,
    primary.priority ?? 1,
  );
  if (!next) {
    throw conflict(
      'This account has no secondary coverage on file; send the patient share to the patient, or add the coverage first.',
    );
  }
  const claimNumber = `${primary.claimNumber}-S`;
  const now = ctx.clock.now();
  const id = insertedId<ClaimId>(
    run(
      db,
      `INSERT INTO claims (claim_number, account_id, coverage_id, payer_id, status, total_charge,
           created_at, primary_claim_id)
         VALUES (?, ?, ?, ?, 'unbilled', ?, ?, ?)`,
      claimNumber,
      primary.accountId,
      next.id,
      next.payerId,
      primary.totalCharge,
      now,
      primaryClaimId,
    ),
  );
  run(
    db,
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge)
     SELECT ?, line_number, service_date, revenue_code, procedure_code, modifiers, units, charge
     FROM claim_lines WHERE claim_id = ?`,
    id,
    primaryClaimId,
  );
  insertFollowUp(ctx, {
    accountId: primary.accountId,
    claimId: id,
    kind: 'claim_status',
    dueDate: ctx.clock.today(),
    reason: `Bill ${next.payerName} (secondary) with the primary payer's EOB attached.`,
  });
  recordActivity(ctx, {
    accountId: primary.accountId,
    claimId: id,
    kind: 'system',
    text: `Secondary claim ${claimNumber} to ${next.payerName} created from claim ${primary.claimNumber}.`,
  });
  return { id, payerId: next.payerId, claimNumber };
}

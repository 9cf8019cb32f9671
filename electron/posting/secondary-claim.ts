import { insertedId, type AccountId, type ClaimId, type PayerId } from '../../shared/ids';
import type { Cents } from '../../shared/money/cents';
import { conflict } from '../../shared/api/errors';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import type { ReadDb } from '../db/open';
import { insertFollowUp } from '../followups/store';
import { one, oneOrThrow, run } from '../db/query';

export interface SecondaryClaim {
  id: ClaimId;
  payerId: PayerId;
  claimNumber: string;
}

/** The secondary claim a patient share goes on to: already on file, or to be made at apply. */
export type SecondaryClaimPlan =
  | { kind: 'existing'; claim: SecondaryClaim }
  | {
      kind: 'new';
      primaryClaimId: ClaimId;
      accountId: AccountId;
      claimNumber: string;
      primaryClaimNumber: string;
      totalCharge: Cents;
      coverageId: number;
      payerId: PayerId;
      payerName: string;
    };

/**
 * Finds the claim to the account's secondary payer that follows a primary claim, or plans
 * it from the next coverage; refuses when the account has no secondary coverage.
 */
export function planSecondaryClaim(db: ReadDb, primaryClaimId: ClaimId): SecondaryClaimPlan {
  const existing = one<SecondaryClaim>(
    db,
    `SELECT id, payer_id AS payerId, claim_number AS claimNumber FROM claims
       WHERE primary_claim_id = ?`,
    primaryClaimId,
  );
  if (existing) return { kind: 'existing', claim: existing };
  const primary = oneOrThrow<{
    accountId: AccountId;
    claimNumber: string;
    totalCharge: Cents;
    priority: number | null;
  }>(
    db,
    `SELECT c.account_id AS accountId, c.claim_number AS claimNumber, c.total_charge AS totalCharge,
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
  return {
    kind: 'new',
    primaryClaimId,
    accountId: primary.accountId,
    claimNumber: `${primary.claimNumber}-S`,
    primaryClaimNumber: primary.claimNumber,
    totalCharge: primary.totalCharge,
    coverageId: next.id,
    payerId: next.payerId,
    payerName: next.payerName,
  };
}

/**
 * The planned secondary claim on file: an existing one as it is; a new one created with the
 * primary's lines, unbilled, and a follow-up to bill it.
 */
export function secondaryClaimFor(ctx: Ctx, plan: SecondaryClaimPlan): SecondaryClaim {
  if (plan.kind === 'existing') return plan.claim;
  const { db } = ctx;
  const id = insertedId<ClaimId>(
    run(
      db,
      `INSERT INTO claims (claim_number, account_id, coverage_id, payer_id, status, total_charge,
           created_at, primary_claim_id)
         VALUES (?, ?, ?, ?, 'unbilled', ?, ?, ?)`,
      plan.claimNumber,
      plan.accountId,
      plan.coverageId,
      plan.payerId,
      plan.totalCharge,
      ctx.clock.now(),
      plan.primaryClaimId,
    ),
  );
  run(
    db,
    `INSERT INTO claim_lines (claim_id, line_number, service_date, revenue_code, procedure_code,
       modifiers, units, charge)
     SELECT ?, line_number, service_date, revenue_code, procedure_code, modifiers, units, charge
     FROM claim_lines WHERE claim_id = ?`,
    id,
    plan.primaryClaimId,
  );
  insertFollowUp(ctx, {
    accountId: plan.accountId,
    claimId: id,
    kind: 'claim_status',
    dueDate: ctx.clock.today(),
    reason: `Bill ${plan.payerName} (secondary) with the primary payer's EOB attached.`,
  });
  recordActivity(ctx, {
    accountId: plan.accountId,
    claimId: id,
    kind: 'system',
    text: `Secondary claim ${plan.claimNumber} to ${plan.payerName} created from claim ${plan.primaryClaimNumber}.`,
  });
  return { id, payerId: plan.payerId, claimNumber: plan.claimNumber };
}

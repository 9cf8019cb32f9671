import type { AccountId, ClaimId, PayerId } from '../../../shared/ids';
import type { ParsedInputOf } from '../../../shared/api/contract';
import { conflict, invalid, notFound } from '../../../shared/api/errors';
import type { Created } from '../../../shared/api/method';
import type { RemittanceExceptionView } from '../../../shared/api/imports';
import type { Ctx, ReadCtx } from '../../core/context';
import type { IsoDate } from '../../../shared/dates/iso-date';
import type { Claim } from '../x12/remittance-types';
import { claimsNowOnFile } from './late-claims';
import type { MatchedClaim } from './match';
import { UnpostableClaim } from './plan-claim';
import { postRemittanceClaim } from './post-claim';
import { all, one, run } from '../../db/query';

export function listRemittanceExceptions(
  ctx: ReadCtx,
  input: ParsedInputOf<'listRemittanceExceptions'>,
): RemittanceExceptionView[] {
  const onFile = input.status === 'open' ? claimsNowOnFile(ctx.db) : new Map<number, never>();
  return all<
    Omit<RemittanceExceptionView, 'postable' | 'claimOnFile'> & {
      postable: number;
    }
  >(
    ctx.db,
    `SELECT e.id, r.payer_name AS payerName, r.trace_number AS traceNumber,
           r.remit_date AS remitDate, e.patient_control_number AS patientControlNumber,
           e.payer_claim_number AS payerClaimNumber, e.patient_name AS patientName, e.charge,
           e.paid, e.reason, e.postable, e.status, c.claim_number AS claimNumber, e.note
         FROM remittance_exceptions e JOIN remittances r ON r.id = e.remittance_id
         LEFT JOIN claims c ON c.id = e.claim_id
         WHERE e.status = ? ORDER BY e.id LIMIT +?`,
    input.status,
    input.limit,
  ).map((e) => {
    const claim = onFile.get(e.id);
    return {
      ...e,
      postable: e.postable === 1,
      claimOnFile: claim
        ? {
            claimId: claim.claimId,
            claimNumber: claim.claimNumber,
            differences: claim.differences,
          }
        : null,
    };
  });
}

/** A waiting remittance claim as kept, with the remittance it came in. */
export interface WaitingClaim {
  claimJson: string;
  remittanceId: number;
  payerName: string;
  traceNumber: string;
  paymentMethod: string | null;
  remitDate: IsoDate;
}

interface ExceptionRow extends WaitingClaim {
  id: number;
  status: string;
  postable: number;
}

/**
 * Posts a waiting remittance claim to our claim as its remittance would have; throws
 * UnpostableClaim, before any write, for a claim that cannot post as sent.
 */
export function postExceptionTo(
  ctx: Ctx,
  e: WaitingClaim,
  claim: Omit<MatchedClaim, 'matchedBy'>,
): void {
  postRemittanceClaim(
    ctx,
    {
      remittanceId: e.remittanceId,
      payerName: e.payerName,
      traceNumber: e.traceNumber,
      method: e.paymentMethod === 'CHK' ? 'check' : 'eft',
      remitDate: e.remitDate,
    },
    JSON.parse(e.claimJson) as Claim,
    { ...claim, matchedBy: 'claim number' },
  );
}

/**
 * Resolves an exception: posts the remittance claim to the claim a person picked, or
 * sets it aside with a note. Claims that failed their checks can only be set aside.
 */
export function resolveRemittanceException(
  ctx: Ctx,
  input: ParsedInputOf<'resolveRemittanceException'>,
): Created {
  const { db } = ctx;
  const e = one<ExceptionRow>(
    db,
    `SELECT e.id, e.status, e.postable, e.claim_json AS claimJson, e.remittance_id AS remittanceId,
           r.payer_name AS payerName, r.trace_number AS traceNumber, r.payment_method AS paymentMethod,
           r.remit_date AS remitDate
         FROM remittance_exceptions e JOIN remittances r ON r.id = e.remittance_id WHERE e.id = ?`,
    input.exceptionId,
  );
  if (!e) throw notFound('The exception');
  if (e.status !== 'open') throw conflict('This exception has already been dealt with.');
  const now = ctx.clock.now();
  if (input.action === 'set_aside') {
    run(
      db,
      `UPDATE remittance_exceptions SET status = 'set_aside', resolved_at = ?, resolved_by = ?, note = ?
         WHERE id = ?`,
      now,
      ctx.userId,
      input.note,
      e.id,
    );
    return { id: e.id };
  }
  if (e.postable !== 1) {
    throw conflict(
      'This remittance claim failed its checks and cannot be posted; set it aside and ask the payer for a corrected remittance.',
    );
  }
  if (input.claimId == null) throw invalid('Choose the claim to post it to.', 'claimId');
  const claim = one<{
    id: ClaimId;
    accountId: AccountId;
    claimNumber: string;
    payerId: PayerId;
    status: string;
  }>(
    db,
    `SELECT id, account_id AS accountId, claim_number AS claimNumber, payer_id AS payerId, status
         FROM claims WHERE id = ?`,
    input.claimId,
  );
  if (!claim) throw notFound('The claim');
  try {
    postExceptionTo(ctx, e, claim);
  } catch (err) {
    if (err instanceof UnpostableClaim) throw conflict(err.message);
    throw err;
  }
  run(
    db,
    `UPDATE remittance_exceptions SET status = 'matched', claim_id = ?, resolved_at = ?, resolved_by = ?, note = ?
       WHERE id = ?`,
    claim.id,
    now,
    ctx.userId,
    input.note,
    e.id,
  );
  return { id: e.id };
}

import type { AccountId, ClaimId, PayerId } from '../../../shared/ids';
import type { ImportProblem } from '../../../shared/api/imports';
import type { Cents } from '../../../shared/money/cents';
import { formatCents } from '../../../shared/money/format';
import type { Ctx } from '../../core/context';
import type { ReadDb } from '../../db/open';
import { all, run } from '../../db/query';
import { postExceptionTo, type WaitingClaim } from './exceptions';
import { matchPayer } from './match';
import { UnpostableClaim } from './plan-claim';

/**
 * A remittance claim that arrived before its claim file: it waits in the exceptions as
 * matching nothing, and our claim with its number is now on file.
 */
export interface ClaimNowOnFile {
  claimId: ClaimId;
  accountId: AccountId;
  claimNumber: string;
  payerId: PayerId;
  status: string;
  /** Why it is not posted by itself; empty when payer and charge agree. */
  differences: string[];
}

interface WaitingRow {
  exceptionId: number;
  remitPayerId: PayerId | null;
  payerIdentifier: string;
  remitPayerName: string;
  charge: Cents;
  claimId: ClaimId;
  accountId: AccountId;
  claimNumber: string;
  payerId: PayerId;
  claimPayerName: string;
  status: string;
  totalCharge: Cents;
}

const WAITING = `SELECT e.id AS exceptionId, r.payer_id AS remitPayerId,
    r.payer_identifier AS payerIdentifier, r.payer_name AS remitPayerName, e.charge,
    c.id AS claimId, c.account_id AS accountId, c.claim_number AS claimNumber,
    c.payer_id AS payerId, py.name AS claimPayerName, c.status, c.total_charge AS totalCharge
  FROM remittance_exceptions e JOIN remittances r ON r.id = e.remittance_id
  CROSS JOIN claims c ON c.claim_number = e.patient_control_number
  JOIN payers py ON py.id = c.payer_id
  WHERE e.status = 'open' AND e.postable = 1 AND e.claim_id IS NULL`;

/**
 * The payer of the remittance is the claim's (by the id it was read with, or, when the
 * payer was not on file then, by its identifier or name now), and the charge the payer
 * adjudicated is the claim's total.
 */
function onFile(db: ReadDb, w: WaitingRow): ClaimNowOnFile {
  const differences: string[] = [];
  const remitPayer = w.remitPayerId ?? matchPayer(db, [w.payerIdentifier], w.remitPayerName);
  if (remitPayer !== w.payerId) {
    differences.push(
      `the remittance is from ${w.remitPayerName}, the claim is billed to ${w.claimPayerName}`,
    );
  }
  if (w.charge !== w.totalCharge) {
    differences.push(
      `the remittance's charge is ${formatCents(w.charge)}, the claim's ${formatCents(w.totalCharge)}`,
    );
  }
  if (w.status === 'voided') differences.push('the claim is voided');
  return {
    claimId: w.claimId,
    accountId: w.accountId,
    claimNumber: w.claimNumber,
    payerId: w.payerId,
    status: w.status,
    differences,
  };
}

/** Open exceptions whose claim is now on file, by exception id, for the exceptions list. */
export function claimsNowOnFile(db: ReadDb): Map<number, ClaimNowOnFile> {
  return new Map(all<WaitingRow>(db, WAITING).map((w) => [w.exceptionId, onFile(db, w)]));
}

/**
 * After a claim file is imported: remittance claims that were waiting in the exceptions
 * for a claim this file brought are posted when payer and charge agree, and otherwise
 * left for a person, who is offered the claim on the exceptions list. Returns what
 * happened, one line per remittance claim, for the import's report. Re-importing the
 * remittance itself stays refused as a duplicate; only its waiting claims move.
 */
export function postWaitingRemittanceClaims(ctx: Ctx, importFileId: number): ImportProblem[] {
  const { db } = ctx;
  // driven by the few open exceptions, not the file's claims: the CROSS JOIN in WAITING
  // keeps the planner off the import-file index, which scans the exceptions per claim
  const waiting = all<WaitingRow & WaitingClaim & { paid: Cents }>(
    db,
    `SELECT w.*, x.claim_json AS claimJson, x.remittance_id AS remittanceId,
         r.payer_name AS payerName, r.trace_number AS traceNumber,
         r.payment_method AS paymentMethod, r.remit_date AS remitDate, x.paid
       FROM (${WAITING} AND c.import_file_id = ?) w
       JOIN remittance_exceptions x ON x.id = w.exceptionId
       JOIN remittances r ON r.id = x.remittance_id`,
    importFileId,
  );
  const notes: ImportProblem[] = [];
  const say = (message: string) => notes.push({ message, segmentId: null, segmentIndex: null });
  for (const w of waiting) {
    const claim = onFile(db, w);
    const which = `Remittance ${w.traceNumber} from ${w.payerName} for claim ${w.claimNumber}`;
    if (claim.differences.length > 0) {
      say(
        `${which} waits on the exceptions list for a person to post it: ${claim.differences.join('; ')}.`,
      );
      continue;
    }
    try {
      postExceptionTo(ctx, w, { ...claim, id: claim.claimId });
    } catch (e) {
      if (!(e instanceof UnpostableClaim)) throw e;
      say(`${which} waits on the exceptions list: ${e.message}`);
      continue;
    }
    run(
      db,
      `UPDATE remittance_exceptions SET status = 'matched', claim_id = ?, resolved_at = ?,
         resolved_by = ?, note = ? WHERE id = ?`,
      claim.claimId,
      ctx.clock.now(),
      ctx.userId,
      'Posted when its claim arrived in a claim file.',
      w.exceptionId,
    );
    say(`${which}, waiting in the exceptions, is now posted (paid ${formatCents(w.paid)}).`);
  }
  return notes;
}

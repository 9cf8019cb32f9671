import type { ImportProblem, RemittanceReport, WorkProgress } from '../../../shared/api/imports';
import type { IsoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import type { Ctx } from '../../core/context';
import { progressCounter, type Steps } from '../../core/stepped';
import { read835 } from '../x12/read-835';
import type { X12Issue } from '../x12/issues';
import type { Claim, Remittance } from '../x12/remittance-types';
import { matchClaim, matchPayer } from './match';
import { UnpostableClaim, type RemittanceContext } from './plan-claim';
import { postRemittanceClaim } from './post-claim';
import { one, run } from '../../db/query';
import { codesInRemittance, noteCodesSeen } from '../../codes/unknown';
import { postProviderAdjustments } from './plb';
import { remittanceTieOut } from './tie-out';

export function problem(i: X12Issue): ImportProblem {
  return { message: i.message, segmentId: i.segmentId, segmentIndex: i.segmentIndex };
}

export interface Remittance835Outcome {
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  remittances: RemittanceReport[];
}

/**
 * Posts an 835 file in the caller's transaction (the whole file commits or nothing does).
 * A file whose envelope is not sound posts nothing; a transaction that fails its checks
 * is skipped; a claim that fails its checks or matches nothing goes to the exceptions.
 */
export function* post835(
  ctx: Ctx,
  importFileId: number,
  text: string,
): Steps<Remittance835Outcome> {
  const read = read835(text);
  const warnings = read.warnings.map(problem);
  if (read.envelopeErrors.length > 0 || read.transactions.length === 0) {
    const rejected = read.envelopeErrors.map(problem);
    if (rejected.length === 0) {
      rejected.push({
        message: 'The file holds no 835 transaction.',
        segmentId: null,
        segmentIndex: null,
      });
    }
    return { rejected, warnings, remittances: [] };
  }
  const next = progressCounter(
    'Claims posted',
    read.transactions.reduce((n, t) => n + t.claims.length, 0),
  );
  const remittances: RemittanceReport[] = [];
  for (const t of read.transactions)
    remittances.push(yield* postTransaction(ctx, importFileId, t, next));
  return { rejected: [], warnings, remittances };
}

function remitDateOf(t: Remittance, today: IsoDate): IsoDate {
  const date = t.payment?.date ?? t.dates.find((d) => d.qualifier === '405')?.date ?? today;
  // a payer's date ahead of ours is a clock difference, not money from the future
  return date > today ? today : date;
}

function* postTransaction(
  ctx: Ctx,
  importFileId: number,
  t: Remittance,
  next: () => WorkProgress,
): Steps<RemittanceReport> {
  const { db } = ctx;
  const payerName = t.payer?.name ?? 'Unknown payer';
  const traceNumber = t.trace?.traceNumber ?? t.controlNumber;
  const identifier = t.trace?.payerId ?? t.payer?.id ?? payerName;
  const report: RemittanceReport = {
    payerName,
    traceNumber,
    paymentAmount: t.payment?.amount ?? cents(0),
    duplicateOf: null,
    claimsPosted: 0,
    totalPaid: cents(0),
    adjustments: cents(0),
    patientResponsibility: cents(0),
    denialsCreated: 0,
    reversals: 0,
    exceptions: 0,
    providerAdjustments: cents(
      t.providerAdjustments.reduce((s, p) => s + p.items.reduce((x, i) => x + i.amount, 0), 0),
    ),
    failedChecks: t.errors.map(problem),
    remittanceId: null,
    tieOut: null,
  };
  const earlier = one<RemittanceReport['duplicateOf']>(
    db,
    `SELECT f.imported_at AS importedAt, f.file_name AS fileName FROM remittances r
       JOIN import_files f ON f.id = r.import_file_id
       WHERE r.payer_identifier = ? AND r.trace_number = ?`,
    identifier,
    traceNumber,
  );
  if (earlier) return { ...report, duplicateOf: earlier, providerAdjustments: cents(0) };
  if (t.errors.length > 0) return { ...report, providerAdjustments: cents(0) };

  const today = ctx.clock.today();
  const remitDate = remitDateOf(t, today);
  const payerId = matchPayer(
    db,
    [t.trace?.payerId, t.payer?.id].filter((x): x is string => !!x),
    payerName,
  );
  const remittanceId = Number(
    run(
      db,
      `INSERT INTO remittances (import_file_id, payer_id, payer_name, payer_identifier,
           trace_number, payment_amount, payment_method, remit_date, claim_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      importFileId,
      payerId,
      payerName,
      identifier,
      traceNumber,
      report.paymentAmount,
      t.payment?.method ?? null,
      remitDate,
      t.claims.length,
    ).lastInsertRowid,
  );
  const remit: RemittanceContext = {
    remittanceId,
    payerName,
    traceNumber,
    method: t.payment?.method === 'CHK' ? 'check' : 'eft',
    remitDate,
  };
  noteCodesSeen(ctx, codesInRemittance(t), {
    importFileId,
    label: `remittance ${traceNumber} from ${payerName}`,
  });
  let paid = 0;
  let adjustments = 0;
  let patient = 0;
  for (const claim of t.claims) {
    yield next();
    if (claim.errors.length > 0) {
      addException(ctx, remittanceId, claim, claim.errors.map((e) => e.message).join(' '), false);
      report.exceptions++;
      report.failedChecks.push(...claim.errors.map(problem));
      continue;
    }
    const ours = matchClaim(db, claim.patientControlNumber, claim.payerClaimNumber);
    if (!ours) {
      addException(
        ctx,
        remittanceId,
        claim,
        'No claim or account of ours has this patient control number or payer claim number.',
        true,
      );
      report.exceptions++;
      continue;
    }
    const posted = postOrException(ctx, remit, claim, ours, remittanceId);
    if (!posted) {
      report.exceptions++;
      continue;
    }
    report.claimsPosted++;
    if (posted.reversal) report.reversals++;
    if (posted.denial) report.denialsCreated++;
    paid += posted.paid;
    adjustments += posted.adjustments;
    patient += posted.patientResponsibility;
  }
  postProviderAdjustments(ctx, remit, t.providerAdjustments);
  return {
    ...report,
    totalPaid: cents(paid),
    adjustments: cents(adjustments),
    patientResponsibility: cents(patient),
    remittanceId,
    tieOut: remittanceTieOut(db, remittanceId),
  };
}

/**
 * Posts a matched claim; a claim that cannot be posted as sent becomes an exception. The
 * posting refuses before it writes anything, so a refusal needs nothing undone.
 */
function postOrException(
  ctx: Ctx,
  remit: RemittanceContext,
  claim: Claim,
  ours: Parameters<typeof postRemittanceClaim>[3],
  remittanceId: number,
): ReturnType<typeof postRemittanceClaim> | null {
  try {
    return postRemittanceClaim(ctx, remit, claim, ours);
  } catch (e) {
    if (!(e instanceof UnpostableClaim)) throw e;
    addException(
      ctx,
      remittanceId,
      claim,
      `Matched claim ${ours.claimNumber}: ${e.message}`,
      false,
    );
    return null;
  }
}

export function addException(
  ctx: Ctx,
  remittanceId: number,
  claim: Claim,
  reason: string,
  postable: boolean,
): void {
  const patient = claim.people.find((p) => p.entityCode === 'QC');
  const name = patient
    ? [patient.lastOrOrganizationName, patient.firstName].filter(Boolean).join(', ')
    : null;
  run(
    ctx.db,
    `INSERT INTO remittance_exceptions (remittance_id, patient_control_number, payer_claim_number,
         patient_name, charge, paid, reason, postable, claim_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    remittanceId,
    claim.patientControlNumber,
    claim.payerClaimNumber,
    name,
    claim.chargeAmount,
    claim.paidAmount,
    reason,
    postable ? 1 : 0,
    JSON.stringify(claim),
  );
}

import { touchAccount } from '../../core/touched';
import type { ClaimStatusReport, ImportProblem } from '../../../shared/api/imports';
import type { ClaimStatus as OurStatus } from '../../../shared/codes/enums';
import { plural } from '../../../shared/text/count';
import type { Ctx } from '../../core/context';
import { progressCounter, type Steps } from '../../core/stepped';
import { recordActivity } from '../../activities/record';
import { findOpenFollowUp, insertFollowUp } from '../../followups/store';
import { closeSystemFollowUps } from '../../followups/system';
import { problem } from '../remittance/import-835';
import { matchClaim, type MatchedClaim } from '../remittance/match';
import { read277 } from '../x12/read-277';
import type { ClaimStatus, ClaimStatusResponse, StatusCode } from '../x12/claim-status-types';
import { explainStatusCode } from '../x12/status-codes';
import { one, run } from '../../db/query';
import {
  claimRejected,
  entityRejected,
  explainClaim,
  explainStatuses,
  levelWords,
  senderOf,
} from './explain';

export interface ClaimStatusOutcome {
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  report: ClaimStatusReport | null;
}

/**
 * Statuses a 277 may move a claim out of; a claim already paid or denied keeps its
 * status. A rejected claim sent again may be acknowledged by a later 277.
 */
const STILL_WAITING: readonly OurStatus[] = [
  'unbilled',
  'billed',
  'acknowledged',
  'pending',
  'rejected',
];

const CLAIM_LEVELS: ReadonlySet<string> = new Set(['subscriber', 'dependent', 'patient']);

const none = (message: string): ImportProblem => ({ message, segmentId: null, segmentIndex: null });

/**
 * Applies a 277 claim status response or 277CA acknowledgment in the caller's
 * transaction. Acknowledgements and pends update the claim's status; a rejection marks
 * the claim rejected and opens a fix-and-resubmit follow-up with every code explained;
 * requests for information and errors open a claim-status follow-up saying what the
 * payer wants. Every status code is kept on the claim's record. A transaction whose HL
 * tree is broken is skipped; when every transaction is, the file is refused.
 */
export function* post277(ctx: Ctx, importFileId: number, text: string): Steps<ClaimStatusOutcome> {
  const read = read277(text);
  const warnings = read.warnings.map(problem);
  if (read.envelopeErrors.length > 0 || read.transactions.length === 0) {
    const rejected = read.envelopeErrors.map(problem);
    if (rejected.length === 0) rejected.push(none('The file holds no 277 transaction.'));
    return { rejected, warnings, report: null };
  }
  const usable = read.transactions.filter((t) => t.errors.length === 0);
  const broken = read.transactions.filter((t) => t.errors.length > 0);
  if (usable.length === 0) {
    return {
      rejected: [
        none(
          `Nothing was stored: ${broken.length === 1 ? 'the file’s only transaction' : `all ${broken.length} transactions`} failed ${broken.length === 1 ? 'its' : 'their'} checks.`,
        ),
        ...broken.flatMap((t) => t.errors.map(problem)),
      ],
      warnings,
      report: null,
    };
  }
  for (const t of broken) {
    warnings.push(
      none(
        `Transaction ${t.controlNumber} was skipped with its ${plural(t.claims.length, 'claim')}: ${t.errors[0]?.message ?? 'it failed its checks.'}`,
      ),
    );
  }
  const report: Required<ClaimStatusReport> = {
    claimsRead: usable.reduce((n, t) => n + t.claims.length, 0),
    claimsUpdated: 0,
    rejections: 0,
    followUpsCreated: 0,
    unmatched: 0,
    skipped: 0,
    alreadyRecorded: 0,
  };
  for (const t of usable) warnings.push(...levelRejections(t));
  const step = progressCounter('Claims updated', report.claimsRead);
  for (const t of usable) {
    for (const claim of t.claims) {
      yield step();
      applyClaim(ctx, importFileId, claim, report, warnings);
    }
  }
  return { rejected: [], warnings, report };
}

/** A rejection above the claims (the whole batch, or a provider) has no claim to attach to. */
function levelRejections(t: ClaimStatusResponse): ImportProblem[] {
  // a claim's own levels are the claims' business; these are the batch and its providers
  const above = t.entities.filter((e) => !CLAIM_LEVELS.has(e.level));
  return above.filter(entityRejected).map((e) => ({
    message: `Rejected for ${levelWords(e)}${e.name?.lastOrOrganizationName ? ` ${e.name.lastOrOrganizationName}` : ''}: ${explainStatuses(e.statuses).join('; ')}. The claims under it were not taken in; fix and send them again.`,
    segmentId: 'HL',
    segmentIndex: e.position?.segmentIndex ?? null,
  }));
}

function applyClaim(
  ctx: Ctx,
  importFileId: number,
  claim: ClaimStatus,
  report: Required<ClaimStatusReport>,
  warnings: ImportProblem[],
): void {
  const pcn = claim.patientControlNumber;
  if (claim.errors.length > 0) {
    report.skipped++;
    warnings.push(
      ...claim.errors.map((e) => ({
        ...problem(e),
        message: `Claim ${pcn || '(no number)'} skipped: ${e.message}`,
      })),
    );
    return;
  }
  const codes = [...claim.statuses, ...claim.serviceLines.flatMap((l) => l.statuses)].flatMap(
    (s) => s.codes,
  );
  const first = codes[0];
  if (!first) {
    report.skipped++;
    warnings.push({
      message: `Claim ${pcn} skipped: it carries no status (STC).`,
      segmentId: 'TRN',
      segmentIndex: claim.position?.segmentIndex ?? null,
    });
    return;
  }
  const ours = matchClaim(ctx.db, pcn, claim.payerClaimNumber);
  if (!ours) {
    report.unmatched++;
    return;
  }
  // the same file again, here or at another desk (the events travel): nothing is said twice
  if (recordedAlready(ctx, importFileId, ours)) {
    report.alreadyRecorded++;
    return;
  }
  recordEvents(ctx, importFileId, ours, claim, codes);
  const explained = explainClaim(claim);
  if (claimRejected(claim)) {
    setStatus(ctx, ours, 'rejected');
    const sender = senderOf(claim.payer);
    const reason = `Fix and resubmit: ${sender} rejected claim ${ours.claimNumber}: ${explained.join('; ')}.`;
    if (openOrUpdate(ctx, ours, reason)) report.followUpsCreated++;
    report.rejections++;
    recordActivity(ctx, {
      accountId: ours.accountId,
      claimId: ours.id,
      kind: 'system',
      text: `Claim rejected by ${sender}: ${explained.join('; ')}. It must be corrected and sent again.`,
    });
  } else {
    if (first.meaning === 'acknowledged' || first.meaning === 'pending') {
      setStatus(ctx, ours, first.meaning);
      // the corrected claim got through: its fix-and-resubmit follow-up is done
      if (ours.status === 'rejected') {
        closeSystemFollowUps(
          ctx,
          { accountId: ours.accountId, claimId: ours.id, kind: 'claim_status' },
          `${senderOf(claim.payer)} accepted the corrected claim ${ours.claimNumber}.`,
        );
      }
    }
    if (first.meaning === 'request-for-information' || first.meaning === 'error') {
      const what =
        first.meaning === 'error'
          ? 'Payer could not process the claim'
          : 'Payer requests information';
      if (openOrUpdate(ctx, ours, `${what}: ${explained.join('; ')}.`)) report.followUpsCreated++;
    }
    recordActivity(ctx, {
      accountId: ours.accountId,
      claimId: ours.id,
      kind: 'system',
      text: `Claim status from payer: ${explained.join('; ')}.`,
    });
  }
  touchAccount(ctx.db, ours.accountId);
  report.claimsUpdated++;
}

/**
 * Whether this claim's statuses were taken from this very file already, here or at another
 * desk of the office (each event keeps its file's SHA-256, which travels). Only the same
 * file: a new 277 saying the same codes on the same day (a corrected claim rejected again)
 * is news.
 */
function recordedAlready(ctx: Ctx, importFileId: number, ours: MatchedClaim): boolean {
  return (
    one(
      ctx.db,
      `SELECT 1 AS n FROM claim_status_events e, import_files f
        WHERE f.id = ? AND e.claim_id = ? AND e.file_sha256 = f.sha256`,
      importFileId,
      ours.id,
    ) !== undefined
  );
}

const effectiveOf = (claim: ClaimStatus) => claim.statuses[0]?.effectiveDate ?? null;

function recordEvents(
  ctx: Ctx,
  importFileId: number,
  ours: MatchedClaim,
  claim: ClaimStatus,
  codes: readonly StatusCode[],
): void {
  const effective = effectiveOf(claim);
  for (const code of codes) {
    run(
      ctx.db,
      `INSERT INTO claim_status_events (claim_id, import_file_id, category, status_code,
         effective_date, meaning, recorded_at, file_sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT sha256 FROM import_files WHERE id = ?))`,
      ours.id,
      importFileId,
      code.category,
      code.status,
      effective,
      explainStatusCode(code),
      ctx.clock.now(),
      importFileId,
    );
  }
}

function setStatus(ctx: Ctx, ours: MatchedClaim, next: OurStatus): void {
  if (STILL_WAITING.includes(ours.status as OurStatus)) {
    run(ctx.db, `UPDATE claims SET status = ? WHERE id = ?`, next, ours.id);
  }
}

/** Opens the claim's status follow-up, due today, or rewords the open one; true when opened. */
function openOrUpdate(ctx: Ctx, ours: MatchedClaim, reason: string): boolean {
  const today = ctx.clock.today();
  const open = findOpenFollowUp(ctx.db, ours.accountId, ours.id, 'claim_status');
  if (open) {
    run(
      ctx.db,
      `UPDATE follow_ups SET reason = ?, due_date = min(due_date, ?) WHERE id = ?`,
      reason,
      today,
      open.id,
    );
    return false;
  }
  insertFollowUp(ctx, {
    accountId: ours.accountId,
    claimId: ours.id,
    kind: 'claim_status',
    dueDate: today,
    reason,
  });
  return true;
}

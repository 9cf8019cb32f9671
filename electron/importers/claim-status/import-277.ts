import { touchAccount } from '../../core/touched';
import type { ClaimStatusReport, ImportProblem } from '../../../shared/api/imports';
import type { ClaimStatus as OurStatus } from '../../../shared/codes/enums';
import type { Ctx } from '../../core/context';
import { progressCounter, type Steps } from '../../core/stepped';
import { recordActivity } from '../../activities/record';
import { findOpenFollowUp, insertFollowUp } from '../../followups/store';
import { problem } from '../remittance/import-835';
import { matchClaim } from '../remittance/match';
import { read277 } from '../x12/read-277';
import { describeStatusCategory } from '../x12/status-codes';
import type { StatusReport } from '../x12/claim-status-types';
import { run } from '../../db/query';

export interface ClaimStatusOutcome {
  rejected: ImportProblem[];
  warnings: ImportProblem[];
  report: ClaimStatusReport | null;
}

/** Statuses a 277 may move a claim out of; a claim already paid or denied keeps its status. */
const STILL_WAITING: readonly OurStatus[] = ['unbilled', 'billed', 'acknowledged', 'pending'];

/**
 * Applies a 277 in the caller's transaction: acknowledgements and pends update the
 * claim's status; requests for information and errors open a claim-status follow-up
 * saying what the payer wants. Every status is kept on the claim's record.
 */
export function* post277(ctx: Ctx, importFileId: number, text: string): Steps<ClaimStatusOutcome> {
  const read = read277(text);
  const warnings = read.warnings.map(problem);
  if (read.envelopeErrors.length > 0 || read.transactions.length === 0) {
    const rejected = read.envelopeErrors.map(problem);
    if (rejected.length === 0) {
      rejected.push({
        message: 'The file holds no 277 transaction.',
        segmentId: null,
        segmentIndex: null,
      });
    }
    return { rejected, warnings, report: null };
  }
  const report: ClaimStatusReport = { claimsUpdated: 0, followUpsCreated: 0, unmatched: 0 };
  const { db } = ctx;
  const today = ctx.clock.today();
  const step = progressCounter(
    'Claims updated',
    read.transactions.reduce((n, t) => n + t.claims.length, 0),
  );
  for (const t of read.transactions) {
    for (const claim of t.claims) {
      yield step();
      const ours = matchClaim(db, claim.patientControlNumber, claim.payerClaimNumber);
      const latest: StatusReport | undefined = claim.statuses[0];
      const code = latest?.codes[0];
      if (!ours || !latest || !code) {
        report.unmatched++;
        continue;
      }
      const meaning = describeStatusCategory(code.category);
      run(
        db,
        `INSERT INTO claim_status_events (claim_id, import_file_id, category, status_code,
           effective_date, meaning, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ours.id,
        importFileId,
        code.category,
        code.status,
        latest.effectiveDate,
        meaning,
        ctx.clock.now(),
      );
      const next: OurStatus | null =
        code.meaning === 'acknowledged'
          ? 'acknowledged'
          : code.meaning === 'pending'
            ? 'pending'
            : null;
      if (next && STILL_WAITING.includes(ours.status as OurStatus)) {
        run(db, `UPDATE claims SET status = ? WHERE id = ?`, next, ours.id);
      }
      if (code.meaning === 'request-for-information' || code.meaning === 'error') {
        const reason = `${code.meaning === 'error' ? 'Payer could not process the claim' : 'Payer requests information'}: ${meaning}${code.status ? ` (status ${code.status})` : ''}${latest.message ? ` — ${latest.message}` : ''}.`;
        const open = findOpenFollowUp(db, ours.accountId, ours.id, 'claim_status');
        if (open) {
          run(
            db,
            `UPDATE follow_ups SET reason = ?, due_date = min(due_date, ?) WHERE id = ?`,
            reason,
            today,
            open.id,
          );
        } else {
          insertFollowUp(ctx, {
            accountId: ours.accountId,
            claimId: ours.id,
            kind: 'claim_status',
            dueDate: today,
            reason,
          });
          report.followUpsCreated++;
        }
        touchAccount(db, ours.accountId);
      }
      recordActivity(ctx, {
        accountId: ours.accountId,
        claimId: ours.id,
        kind: 'system',
        text: `Claim status from payer: ${meaning}${code.status ? ` (status ${code.status})` : ''}.`,
      });
      report.claimsUpdated++;
    }
  }
  return { rejected: [], warnings, report };
}

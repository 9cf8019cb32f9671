import type { ParsedInputOf } from '../../shared/api/contract';
import type { DocumentView } from '../../shared/api/documents';
import { conflict, invalid } from '../../shared/api/errors';
import type { DenialState } from '../../shared/codes/denials';
import { formatUsDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { moveDenial } from '../denials/update';
import { denialFacts } from '../letters/appeal-letter';
import { documentView, filedDocument } from './list';
import { run } from '../db/query';

/**
 * Records when a filed document went out; once, since the record is append-only. An
 * appeal (or corrected-claim letter) on a denial moves the denial to "appeal sent" (or
 * "corrected claim sent") with its follow-up counted from the day it was sent.
 */
export function markDocumentSent(ctx: Ctx, input: ParsedInputOf<'markDocumentSent'>): DocumentView {
  const { db } = ctx;
  const doc = filedDocument(db, input.documentId);
  if (doc.sentDate) {
    throw conflict(
      `"${doc.title}" was already marked sent on ${formatUsDate(doc.sentDate)} by ${doc.sentBy ?? 'someone'}; a sent date is recorded once.`,
    );
  }
  if (input.sentDate > ctx.clock.today()) {
    throw invalid('The sent date cannot be in the future.', 'sentDate');
  }
  if (input.sentDate < doc.documentDate) {
    throw invalid(
      `The sent date cannot be before the document was generated (${formatUsDate(doc.documentDate)}).`,
      'sentDate',
    );
  }
  run(
    db,
    `UPDATE documents SET sent_date = ?, sent_by = ?, sent_at = ? WHERE id = ? AND sent_date IS NULL`,
    input.sentDate,
    ctx.userId,
    ctx.clock.now(),
    doc.id,
  );

  const note = input.note ? ` ${input.note}` : '';
  if (doc.accountId !== null) {
    recordActivity(ctx, {
      accountId: doc.accountId,
      claimId: doc.claimId,
      kind: 'letter',
      direction: 'outbound',
      party: doc.denialId === null ? 'guarantor' : 'payer',
      text: `${doc.title} (document ${doc.id}) sent on ${formatUsDate(input.sentDate)}.${note}`,
    });
  }
  if (doc.denialId !== null && (doc.kind === 'appeal' || doc.kind === 'letter')) {
    const denial = denialFacts(ctx, doc.denialId);
    const state: DenialState = doc.kind === 'appeal' ? 'appeal_sent' : 'corrected_claim_sent';
    if (denial.state !== 'resolved' && denial.state !== state) {
      moveDenial(ctx, { denialId: denial.id, state, note: null }, { sentOn: input.sentDate });
    }
  }
  return documentView(db, doc.id);
}

import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { AssistanceTimeline } from '../../shared/api/fap';
import { formatUsDate } from '../../shared/dates/iso-date';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { run } from '../db/query';
import { noticeDeadline, read501r, suspendingApplication } from './clock';
import { fileFapLetter } from './letter';
import { timelineOf } from './timeline';

/**
 * Sends the written notice 501(r) asks for before any extraordinary collection action: the
 * actions the hospital may take, the deadline after which it may (30 days from today, never
 * before the 120-day notification period ends) and the plain-language summary of the
 * financial-assistance policy. Filed as a patient letter; the deadline is recorded so the
 * ECA gate counts from it.
 */
export async function sendEcaNotice(
  ctx: Ctx,
  input: ParsedInputOf<'sendEcaNotice'>,
): Promise<AssistanceTimeline> {
  const today = ctx.clock.today();
  const clock = read501r(ctx.db, input.accountId);
  if (!clock) throw notFound('The account');
  if (!clock.bound) {
    throw conflict(
      'No notice was made: the billing rules say this facility is not bound by section 501(r).',
    );
  }
  const open = suspendingApplication(clock, today);
  if (open) {
    throw conflict(
      `No notice was made: the financial-assistance application received ${formatUsDate(open.receivedOn)} is not decided, and collection actions are suspended until it is.`,
    );
  }
  const deadline = noticeDeadline(clock, today);
  if (!deadline) {
    throw conflict(
      'No notice was made: no billing statement has gone out since the episode of care ended, and the notice counts from the first one.',
    );
  }
  return fileFapLetter(
    ctx,
    input.accountId,
    'eca-notice',
    { final_action_date: deadline },
    (documentId) => {
      run(
        ctx.db,
        `INSERT INTO eca_notices (account_id, document_id, sent_on, deadline, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?)`,
        input.accountId,
        documentId,
        today,
        deadline,
        ctx.clock.now(),
        ctx.userId,
      );
      recordActivity(ctx, {
        accountId: input.accountId,
        kind: 'system',
        text: `Written notice of extraordinary collection actions sent: none before ${formatUsDate(deadline)}.`,
      });
      return timelineOf(ctx, input.accountId);
    },
  );
}

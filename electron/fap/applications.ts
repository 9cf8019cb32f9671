import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import {
  APPLICATION_STATUS,
  type ApplicationStatus,
  type AssistanceTimeline,
} from '../../shared/api/fap';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { cents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { one, run } from '../db/query';
import { fileFapLetter } from './letter';
import { reverseActionsTaken } from './actions';
import { settleEligible } from './eligible';
import { timelineOf } from './timeline';

/** The time an incomplete-application notice gives the applicant to send what is missing. */
const COMPLETION_DAYS = 30;

interface ApplicationRow {
  id: number;
  accountId: AccountId;
  receivedOn: IsoDate;
  status: ApplicationStatus;
}

function requireApplication(ctx: Ctx, applicationId: number): ApplicationRow {
  const row = one<ApplicationRow>(
    ctx.db,
    `SELECT id, account_id AS accountId, received_on AS receivedOn, status
       FROM assistance_applications WHERE id = ?`,
    applicationId,
  );
  if (!row) throw notFound('The application');
  if (row.status === 'eligible' || row.status === 'ineligible') {
    throw conflict(
      `That application was already decided: ${APPLICATION_STATUS.labels[row.status].toLowerCase()}.`,
    );
  }
  return row;
}

/** The statement hold an open application keeps on the account (statement/holds.ts reads it). */
function setAssistanceHold(ctx: Ctx, accountId: AccountId, open: boolean): void {
  const held = one<{ id: number }>(
    ctx.db,
    `SELECT id FROM collection_holds WHERE account_id = ? AND kind = 'assistance' AND closed_at IS NULL`,
    accountId,
  );
  if (open && !held) {
    run(
      ctx.db,
      `INSERT INTO collection_holds (account_id, kind, note, opened_on, opened_at, opened_by)
         VALUES (?, 'assistance', 'Financial-assistance application received', ?, ?, ?)`,
      accountId,
      ctx.clock.today(),
      ctx.clock.now(),
      ctx.userId,
    );
  } else if (!open && held) {
    run(
      ctx.db,
      `UPDATE collection_holds SET closed_at = ?, closed_by = ? WHERE id = ?`,
      ctx.clock.now(),
      ctx.userId,
      held.id,
    );
  }
}

/**
 * A financial-assistance application came in: extraordinary collection actions are
 * suspended and statements held until it is decided. One open application per account.
 */
export function receiveAssistanceApplication(
  ctx: Ctx,
  input: ParsedInputOf<'receiveAssistanceApplication'>,
): AssistanceTimeline {
  const today = ctx.clock.today();
  if (input.receivedOn > today) {
    throw invalid(
      `The date received ${formatUsDate(input.receivedOn)} is in the future.`,
      'receivedOn',
    );
  }
  const before = timelineOf(ctx, input.accountId);
  if (before.applications.some((a) => a.status === 'pending' || a.status === 'incomplete')) {
    throw conflict('This account already has an application waiting for a decision.');
  }
  run(
    ctx.db,
    `INSERT INTO assistance_applications (account_id, received_on, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?)`,
    input.accountId,
    input.receivedOn,
    ctx.clock.now(),
    ctx.userId,
  );
  setAssistanceHold(ctx, input.accountId, true);
  const late =
    before.applicationEnds && input.receivedOn > before.applicationEnds
      ? ` It came after the 240-day application period (ended ${formatUsDate(before.applicationEnds)}).`
      : '';
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text: `Financial-assistance application received ${formatUsDate(input.receivedOn)}; extraordinary collection actions are suspended and statements held until it is decided.${late}`,
  });
  touchAccount(ctx.db, input.accountId);
  return timelineOf(ctx, input.accountId);
}

/**
 * The application lacks something the policy asks for: it stays open (ECAs stay
 * suspended) and the applicant gets a notice of what is missing, filed on the account.
 */
export async function markApplicationIncomplete(
  ctx: Ctx,
  input: ParsedInputOf<'markApplicationIncomplete'>,
): Promise<AssistanceTimeline> {
  const app = requireApplication(ctx, input.applicationId);
  const completeBy = addDays(ctx.clock.today(), COMPLETION_DAYS);
  const missing = input.missing.join('; ');
  return fileFapLetter(
    ctx,
    app.accountId,
    'assistance-incomplete',
    { missing_items: missing, reply_by_date: completeBy },
    (documentId) => {
      run(
        ctx.db,
        `UPDATE assistance_applications SET status = 'incomplete', missing = ?, complete_by = ?
           WHERE id = ?`,
        JSON.stringify(input.missing),
        completeBy,
        app.id,
      );
      recordActivity(ctx, {
        accountId: app.accountId,
        kind: 'system',
        text: `Financial-assistance application of ${formatUsDate(app.receivedOn)} is incomplete: ${missing}. Notice sent asking for it by ${formatUsDate(completeBy)} (document ${documentId}).`,
      });
      touchAccount(ctx.db, app.accountId);
      return timelineOf(ctx, app.accountId);
    },
  );
}

/**
 * A supervisor decides an application. Eligible: what the patient owes for the episode
 * becomes the discounted amount (a charity adjustment), every ECA taken is reversed, and
 * what was paid above the discounted amount is refunded through the refund path.
 * Not eligible: the hold ends and the 501(r) dates apply again.
 */
export function decideAssistanceApplication(
  ctx: Ctx,
  input: ParsedInputOf<'decideAssistanceApplication'>,
): AssistanceTimeline {
  const app = requireApplication(ctx, input.applicationId);
  const today = ctx.clock.today();
  const eligible = input.decision === 'eligible';
  const discounted: Cents | null = eligible ? input.discountedAmount : null;
  if (!eligible && input.discountedAmount !== 0) {
    throw invalid(
      'An application that is not eligible has no discounted amount.',
      'discountedAmount',
    );
  }
  run(
    ctx.db,
    `UPDATE assistance_applications SET status = ?, discounted_amount = ?, decided_on = ?,
         decision_note = ?, decided_by = ? WHERE id = ?`,
    input.decision,
    discounted,
    today,
    input.note,
    ctx.userId,
    app.id,
  );
  setAssistanceHold(ctx, app.accountId, false);
  if (eligible) {
    const settled = settleEligible(ctx, app.accountId, cents(input.discountedAmount), {
      applicationId: app.id,
      refundMethod: input.refundMethod ?? null,
      refundReference: input.refundReference,
    });
    const reversed = reverseActionsTaken(
      ctx,
      app.accountId,
      'the patient was found eligible for financial assistance',
    );
    recordActivity(ctx, {
      accountId: app.accountId,
      kind: 'system',
      text: `Financial-assistance application of ${formatUsDate(app.receivedOn)} decided: eligible; the patient owes ${formatCents(cents(input.discountedAmount))} for this episode. ${settled}${reversed > 0 ? ` ${reversed} extraordinary collection action${reversed === 1 ? '' : 's'} reversed.` : ''} ${input.note}`,
    });
  } else {
    recordActivity(ctx, {
      accountId: app.accountId,
      kind: 'system',
      text: `Financial-assistance application of ${formatUsDate(app.receivedOn)} decided: not eligible. ${input.note}`,
    });
  }
  touchAccount(ctx.db, app.accountId);
  return timelineOf(ctx, app.accountId);
}

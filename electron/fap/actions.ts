import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict } from '../../shared/api/errors';
import { ECA_ACTION, type AssistanceTimeline } from '../../shared/api/fap';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import { openPlacement, recallPlacement } from '../agencies/recall';
import { ecaRefusal, recordEcaTaken } from '../collections/eca';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { all, run } from '../db/query';
import { timelineOf } from './timeline';

/**
 * A supervisor records an extraordinary collection action taken on the account (a credit
 * report, a sale of the debt, a lawsuit filed, a referral), after the one gate allows it.
 */
export function recordExtraordinaryAction(
  ctx: Ctx,
  input: ParsedInputOf<'recordExtraordinaryAction'>,
): AssistanceTimeline {
  if (input.action === 'agency_referral') {
    // a placement records its own referral; two records of one would be reversed twice
    throw conflict(
      'An agency referral is recorded by placing the account with the agency (Office, Collection agencies).',
    );
  }
  const refusal = ecaRefusal(ctx.db, input.accountId, input.action, ctx.clock.today());
  if (refusal) throw conflict(refusal.message);
  recordEcaTaken(ctx, input.accountId, input.action, input.note);
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text: `Extraordinary collection action: ${ECA_ACTION.labels[input.action].toLowerCase()}. ${input.note}`,
  });
  touchAccount(ctx.db, input.accountId);
  return timelineOf(ctx, input.accountId);
}

/**
 * Marks every ECA still standing on the account reversed, each with a line in the history
 * saying what has to be undone outside ClaimDesk (a credit report deleted, an agency
 * recall, a judgment vacated). Returns how many.
 */
export function reverseActionsTaken(ctx: Ctx, accountId: AccountId, why: string): number {
  const standing = all<{ id: number; action: keyof typeof ECA_ACTION.labels }>(
    ctx.db,
    `SELECT id, action FROM extraordinary_actions WHERE account_id = ? AND reversed_on IS NULL`,
    accountId,
  );
  for (const a of standing) {
    run(
      ctx.db,
      `UPDATE extraordinary_actions SET reversed_on = ?, reversed_at = ?, reversed_by = ?,
           reversal_reason = ? WHERE id = ?`,
      ctx.clock.today(),
      ctx.clock.now(),
      ctx.userId,
      why,
      a.id,
    );
    const placement = a.action === 'agency_referral' ? openPlacement(ctx.db, accountId) : undefined;
    if (placement) recallPlacement(ctx, placement, `an ECA reversed because ${why}`);
    recordActivity(ctx, {
      accountId,
      kind: 'system',
      text: `Reversed: ${ECA_ACTION.labels[a.action].toLowerCase()}, because ${why}. ${placement ? RECALLED : UNDO[a.action]}`,
    });
  }
  return standing.length;
}

/** Said when ClaimDesk recalled the account itself: what the agency still has to undo. */
const RECALLED = 'The account was recalled from the agency; have it remove any credit report.';

const UNDO: Record<keyof typeof ECA_ACTION.labels, string> = {
  agency_referral: 'Recall the account from the agency and have it remove any credit report.',
  credit_report: 'Ask each credit bureau reported to to remove the entry.',
  debt_sale: 'Buy the debt back or have the buyer return it.',
  legal_action: 'Have any judgment vacated and any lien or garnishment released.',
};

import type { AccountId, ClaimId, DenialId, FollowUpId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import {
  APPEAL_LEVEL,
  APPEAL_RESPONSE,
  DENIAL_RESOLUTION,
  DENIAL_STATE,
  type AppealLevel,
  type DenialState,
} from '../../shared/codes/denials';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { billingRules } from '../rules/billing-rules';
import { one, run } from '../db/query';

/**
 * Moves a denial through its workflow. Every change lands in the account's history with
 * who and when; sending an appeal or a corrected claim sets the follow-up to check on it
 * (30 days by default), and resolving closes the follow-up.
 */
export function updateDenial(ctx: Ctx, input: ParsedInputOf<'updateDenial'>): Created {
  return moveDenial(ctx, input);
}

/**
 * updateDenial for callers that know when the appeal actually went out (marking a filed
 * letter sent): the follow-up counts from that day instead of today.
 */
export function moveDenial(
  ctx: Ctx,
  input: ParsedInputOf<'updateDenial'>,
  options: { sentOn?: IsoDate } = {},
): Created {
  const { db } = ctx;
  const d = one<{
    id: DenialId;
    state: DenialState;
    appealLevel: AppealLevel;
    followUpId: FollowUpId;
    accountId: AccountId;
    claimId: ClaimId;
  }>(
    db,
    `SELECT d.id, d.state, d.appeal_level AS appealLevel, d.follow_up_id AS followUpId,
           c.account_id AS accountId, c.id AS claimId
         FROM denials d JOIN claims c ON c.id = d.claim_id WHERE d.id = ?`,
    input.denialId,
  );
  if (!d) throw notFound('The denial');
  if (d.state === 'resolved' && input.state === 'resolved') {
    throw conflict('This denial is already resolved.');
  }
  if (input.state === 'resolved' && !input.resolution) {
    throw invalid(
      'Say how the denial was resolved: paid, partly paid, upheld or written off.',
      'resolution',
    );
  }
  if (input.state !== 'resolved' && input.resolution) {
    throw invalid('A resolution is only given when the denial is resolved.', 'resolution');
  }
  const level = input.appealLevel ?? d.appealLevel;
  const now = ctx.clock.now();
  const today = ctx.clock.today();
  const response = input.response ? recordResponse(ctx, d.id, d.appealLevel, input.response) : '';
  run(
    db,
    `UPDATE denials SET state = ?, appeal_level = ?, resolution = ?, updated_at = ?, updated_by = ?
       WHERE id = ?`,
    input.state,
    level,
    input.resolution ?? null,
    now,
    ctx.userId,
    d.id,
  );

  let followUp = '';
  if (input.state === 'appeal_sent' || input.state === 'corrected_claim_sent') {
    const due = addDays(options.sentOn ?? today, billingRules(db).appealFollowUpDays);
    run(
      db,
      `UPDATE follow_ups SET due_date = ?, status = 'open', completed_at = NULL, completed_by = NULL
         WHERE id = ?`,
      due,
      d.followUpId,
    );
    followUp = ` Follow up on ${formatUsDate(due)}.`;
  } else if (input.state === 'resolved') {
    run(
      db,
      `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ? WHERE id = ? AND status = 'open'`,
      now,
      ctx.userId,
      d.followUpId,
    );
  }
  touchAccount(db, d.accountId);
  const resolution = input.resolution
    ? ` (${DENIAL_RESOLUTION.labels[input.resolution].toLowerCase()})`
    : '';
  const levelText = level !== d.appealLevel ? `, ${APPEAL_LEVEL.labels[level].toLowerCase()}` : '';
  recordActivity(ctx, {
    accountId: d.accountId,
    claimId: d.claimId,
    kind: 'system',
    text: `Denial moved from ${DENIAL_STATE.labels[d.state].toLowerCase()} to ${DENIAL_STATE.labels[input.state].toLowerCase()}${resolution}${levelText}.${response}${followUp}${input.note ? ` ${input.note}` : ''}`,
  });
  return { id: d.id };
}

/**
 * Keeps the payer's answer to the appeal at `level` (the level the denial was at when the
 * answer came, before any move to the next one) and says it in words for the history.
 */
function recordResponse(
  ctx: Ctx,
  denialId: DenialId,
  level: AppealLevel,
  response: NonNullable<ParsedInputOf<'updateDenial'>['response']>,
): string {
  if (response.letterDate > ctx.clock.today()) {
    throw invalid("The payer's letter cannot be dated after today.", 'response.letterDate');
  }
  run(
    ctx.db,
    `INSERT INTO appeal_responses (denial_id, level, kind, letter_date, reference, recorded_at, recorded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    denialId,
    level,
    response.kind,
    response.letterDate,
    response.reference,
    ctx.clock.now(),
    ctx.userId,
  );
  const reference = response.reference ? `, reference ${response.reference}` : '';
  return ` Payer's answer to the ${APPEAL_LEVEL.labels[level].toLowerCase()} appeal: ${APPEAL_RESPONSE.labels[response.kind].toLowerCase()} (letter of ${formatUsDate(response.letterDate)}${reference}).`;
}

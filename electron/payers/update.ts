import type { AccountId, ClaimId, DenialId, FollowUpId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { notFound } from '../../shared/api/errors';
import type { PayerAddress, PayerSaved } from '../../shared/api/payers';
import { APPEAL_LEVEL, type AppealLevel } from '../../shared/codes/denials';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { recordActivity } from '../activities/record';
import { all, one, oneOrThrow, run } from '../db/query';
import { readPayer } from './queries';

type Windows = Record<AppealLevel, number | null>;

interface OpenDenial {
  id: DenialId;
  followUpId: FollowUpId;
  accountId: AccountId;
  claimId: ClaimId;
  remitDate: IsoDate;
  deadlineDate: IsoDate;
}

const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** "180 days", or "not set" for a window nobody has given. */
const windowText = (days: number | null) => (days === null ? 'not set' : plural(days));

/**
 * Moves the appeal deadline of every open denial of the payer at one level to its
 * remittance date plus the new window, as recordDenial set it from the old one. Each
 * moved denial gets a history row on its account saying from when to when and who
 * changed the window; the follow-up carries the new deadline so the queue ranks by it.
 */
function moveDeadlines(
  ctx: Ctx,
  payer: { id: number; name: string },
  level: AppealLevel,
  change: { from: number | null; to: number },
  changedBy: string,
): number {
  const open = all<OpenDenial>(
    ctx.db,
    `SELECT d.id, d.follow_up_id AS followUpId, c.account_id AS accountId, c.id AS claimId,
         d.remit_date AS remitDate, d.deadline_date AS deadlineDate
       FROM denials d JOIN claims c ON c.id = d.claim_id
       WHERE d.state <> 'resolved' AND d.appeal_level = ? AND c.payer_id = ?
       ORDER BY d.id`,
    level,
    payer.id,
  );
  const now = ctx.clock.now();
  const levelName = APPEAL_LEVEL.labels[level].toLowerCase();
  let moved = 0;
  for (const d of open) {
    const deadline = addDays(d.remitDate, change.to);
    if (deadline === d.deadlineDate) continue;
    run(
      ctx.db,
      `UPDATE denials SET deadline_date = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      deadline,
      now,
      ctx.userId,
      d.id,
    );
    // the follow-up's reason names the deadline ("appeal by 09/12/2026"): keep it true
    run(
      ctx.db,
      `UPDATE follow_ups SET deadline_date = ?, reason = replace(reason, ?, ?) WHERE id = ?`,
      deadline,
      `appeal by ${formatUsDate(d.deadlineDate)}`,
      `appeal by ${formatUsDate(deadline)}`,
      d.followUpId,
    );
    recordActivity(ctx, {
      accountId: d.accountId,
      claimId: d.claimId,
      kind: 'system',
      text:
        `Appeal deadline moved from ${formatUsDate(d.deadlineDate)} to ${formatUsDate(deadline)}: ` +
        `${changedBy} changed ${payer.name}'s ${levelName} appeal window from ` +
        `${windowText(change.from)} to ${plural(change.to)} (counted from the remittance date ` +
        `${formatUsDate(d.remitDate)}).`,
    });
    touchAccount(ctx.db, d.accountId);
    moved++;
  }
  return moved;
}

const addressColumns = (a: PayerAddress | null) => [
  a?.line1 ?? null,
  a?.line2 ?? null,
  a?.city ?? null,
  a?.state ?? null,
  a?.zip ?? null,
];

/**
 * Changes a payer's name, addresses, numbers and windows; supervisors only (dispatch
 * checks). A changed appeal window moves the deadlines of the payer's open denials at that
 * level; a window cleared to "not set" leaves them where they are, as nothing says
 * otherwise. Letters already filed keep what they printed.
 */
export function updatePayer(ctx: Ctx, input: ParsedInputOf<'updatePayer'>): PayerSaved {
  const before = one<{ name: string } & Windows>(
    ctx.db,
    `SELECT name, appeal_window_days AS first, second_appeal_window_days AS second,
         external_review_window_days AS external
       FROM payers WHERE id = ?`,
    input.payerId,
  );
  if (!before) throw notFound('The payer');
  run(
    ctx.db,
    `UPDATE payers SET name = ?, appeal_window_days = ?, second_appeal_window_days = ?,
         external_review_window_days = ?, timely_filing_days = ?,
         claims_line1 = ?, claims_line2 = ?, claims_city = ?, claims_state = ?, claims_zip = ?,
         appeals_line1 = ?, appeals_line2 = ?, appeals_city = ?, appeals_state = ?, appeals_zip = ?,
         phone = ?, fax = ?, appeals_fax = ?, updated_at = ?, updated_by = ?
       WHERE id = ?`,
    input.name,
    input.appealWindowDays,
    input.secondAppealWindowDays,
    input.externalReviewWindowDays,
    input.timelyFilingDays,
    ...addressColumns(input.claimsAddress),
    ...addressColumns(input.appealsAddress),
    input.phone,
    input.fax,
    input.appealsFax,
    ctx.clock.now(),
    ctx.userId,
    input.payerId,
  );
  const after: Windows = {
    first: input.appealWindowDays,
    second: input.secondAppealWindowDays,
    external: input.externalReviewWindowDays,
  };
  const changedBy = oneOrThrow<{ name: string }>(
    ctx.db,
    `SELECT display_name AS name FROM users WHERE id = ?`,
    ctx.userId,
  ).name;
  let deadlinesMoved = 0;
  for (const level of APPEAL_LEVEL.keys) {
    const to = after[level];
    if (to === null || to === before[level]) continue;
    deadlinesMoved += moveDeadlines(
      ctx,
      { id: input.payerId, name: input.name },
      level,
      { from: before[level], to },
      changedBy,
    );
  }
  return { payer: readPayer(ctx, input.payerId), deadlinesMoved };
}

import type { EcaAction } from '../../shared/api/fap';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { run } from '../db/query';
import { gate, read501r } from '../fap/clock';

/**
 * An extraordinary collection action (IRS section 501(r)): agency referral that reports to
 * credit bureaus, sale of the debt, legal action, credit reporting.
 */
export type ExtraordinaryAction = EcaAction;

/**
 * Why an extraordinary collection action may not be taken on the account today, with the date it
 * becomes allowed where there is one; null when it may. The one gate every ECA path asks.
 *
 * Refused while a financial-assistance application is pending or incomplete, before a billing
 * statement has gone out after the episode, without a written notice, and before both the
 * 120-day notification period and 30 days after the notice have passed (electron/fap/clock.ts).
 * A facility the billing rules say is not bound by 501(r) is never refused here.
 */
export function ecaRefusal(
  db: ReadDb,
  accountId: AccountId,
  action: ExtraordinaryAction,
  today: IsoDate,
): { message: string; allowedFrom: IsoDate | null } | null {
  const clock = read501r(db, accountId);
  if (!clock) return { message: 'The account was not found.', allowedFrom: null };
  return gate(clock, action, today);
}

/**
 * Keeps an extraordinary collection action as taken today, so the account's 501(r) timeline
 * shows it and an eligible assistance decision reverses it. The caller asked the gate first
 * and writes the history line in its own words.
 */
export function recordEcaTaken(
  ctx: Ctx,
  accountId: AccountId,
  action: ExtraordinaryAction,
  note: string,
): void {
  run(
    ctx.db,
    `INSERT INTO extraordinary_actions (account_id, action, taken_on, note, taken_at, taken_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    accountId,
    action,
    ctx.clock.today(),
    note,
    ctx.clock.now(),
    ctx.userId,
  );
}

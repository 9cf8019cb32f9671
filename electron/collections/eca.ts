import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import type { ReadDb } from '../db/open';

/**
 * An extraordinary collection action (IRS section 501(r)): agency referral that reports to
 * credit bureaus, sale of the debt, legal action, credit reporting.
 */
export type ExtraordinaryAction =
  'agency_referral' | 'debt_sale' | 'legal_action' | 'credit_report';

/**
 * Why an extraordinary collection action may not be taken on the account today, with the date it
 * becomes allowed where there is one; null when it may. The one gate every ECA path asks.
 *
 * The 501(r) clock (first post-discharge statement, 120-day notification period, the 30-day
 * written notice, financial-assistance applications) answers here once it is recorded; until then
 * nothing is refused on its account.
 */
export function ecaRefusal(
  _db: ReadDb,
  _accountId: AccountId,
  _action: ExtraordinaryAction,
  _today: IsoDate,
): { message: string; allowedFrom: IsoDate | null } | null {
  return null;
}

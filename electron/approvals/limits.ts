import type { AccountId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, type Cents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import { oneOrThrow } from '../db/query';

/*
 * The approval limits are per account per day, so ten write-offs at the limit cannot pass
 * where one over it would not. What counts is what posted on the account today without a
 * supervisor's approval: a request's own posting (adjustment_requests.ledger_entry_id /
 * receipt_id) was approved for its amount and does not use up the day's allowance, and a
 * reversal of a write-off does not give any back (a write-off reversed and posted again
 * would otherwise pass the limit twice).
 */

/** Write-offs (adjustments for a reason from the office's list) posted today, unapproved. */
export function writeOffsToday(db: ReadDb, accountId: AccountId, today: IsoDate): Cents {
  const row = oneOrThrow<{ total: number }>(
    db,
    `SELECT ifnull(-sum(l.amount), 0) AS total FROM ledger_entries l
       WHERE l.account_id = ? AND l.posting_date = ? AND l.kind = 'adjustment' AND l.amount < 0
         AND l.receipt_id IS NULL AND l.reverses_id IS NULL
         AND l.reason_code IN (SELECT code FROM adjustment_reasons)
         AND NOT EXISTS (SELECT 1 FROM adjustment_requests r WHERE r.ledger_entry_id = l.id)`,
    accountId,
    today,
  );
  return cents(row.total);
}

/**
 * Reversals posted today, unapproved: single ledger rows (charges, adjustments) by their
 * size, whole payments and refunds by the receipt's amount. A remittance's own reversal
 * (the payer took its payment back in an 835) is the payer's act, not a person's.
 */
export function reversalsToday(db: ReadDb, accountId: AccountId, today: IsoDate): Cents {
  const row = oneOrThrow<{ total: number }>(
    db,
    `SELECT
       (SELECT ifnull(sum(abs(l.amount)), 0) FROM ledger_entries l
          WHERE l.account_id = ? AND l.posting_date = ? AND l.reverses_id IS NOT NULL
            AND l.receipt_id IS NULL
            -- undoing a move to bad debt is a supervisor's own method, kept in bad_debt_moves
            AND ifnull(l.reason_code, '') NOT IN ('BAD_DEBT', 'BAD_DEBT_RECOVERY')
            AND NOT EXISTS (SELECT 1 FROM adjustment_requests r WHERE r.ledger_entry_id = l.id))
     + (SELECT ifnull(sum(abs(x.amount)), 0) FROM receipts x JOIN receipts o ON o.id = x.reverses_id
          WHERE x.account_id = ? AND x.received_date = ? AND o.remittance_id IS NULL
            AND NOT EXISTS (SELECT 1 FROM adjustment_requests r WHERE r.receipt_id = x.id))
       AS total`,
    accountId,
    today,
    accountId,
    today,
  );
  return cents(row.total);
}

import type { AccountId, ClaimId, ReceiptId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { appendLedgerEntries } from '../ledger/ledger';

/** The reason of a move to bad debt (adjustment_reasons, category bad_debt). */
export const BAD_DEBT = 'BAD_DEBT';
/** The reason that puts written-off money back when a payment comes in after the move. */
export const BAD_DEBT_RECOVERY = 'BAD_DEBT_RECOVERY';
export const BAD_DEBT_REASONS: readonly string[] = [BAD_DEBT, BAD_DEBT_RECOVERY];

/** Recovered since the move: recovery adjustments, net of their reversals. */
export function recoveredSince(db: ReadDb, accountId: AccountId, movedAt: string): Cents {
  return cents(
    oneOrThrow<{ n: number }>(
      db,
      `SELECT ifnull(sum(amount), 0) AS n FROM ledger_entries
         WHERE account_id = ? AND reason_code = ? AND created_at >= ?`,
      accountId,
      BAD_DEBT_RECOVERY,
      movedAt,
    ).n,
  );
}

/**
 * A patient payment on an account in bad debt is a recovery: before the payment posts,
 * as much as it pays (no more than is still written off) is put back on the claims it was
 * written off from, as a bad-debt recovery adjustment belonging to the payment's receipt,
 * so the payment pays real balances, reports count the recovery apart, and reversing the
 * payment (a returned check) takes the recovery back with it. Returns the amount.
 */
export function recoverBadDebt(
  ctx: Ctx,
  account: { id: AccountId; status: string },
  amount: Cents,
  postingDate: IsoDate,
  receiptId: ReceiptId,
): Cents {
  if (account.status !== 'bad_debt') return cents(0);
  const written = all<{ claimId: ClaimId | null; open: number }>(
    ctx.db,
    `SELECT claim_id AS claimId, -sum(amount) AS open FROM ledger_entries
       WHERE account_id = ? AND side = 'patient' AND kind = 'adjustment'
         AND reason_code IN (?, ?)
       GROUP BY claim_id HAVING -sum(amount) > 0 ORDER BY min(id)`,
    account.id,
    BAD_DEBT,
    BAD_DEBT_RECOVERY,
  );
  let left: number = amount;
  const back: { claimId: ClaimId | null; amount: Cents }[] = [];
  for (const w of written) {
    if (left === 0) break;
    const take = Math.min(left, w.open);
    back.push({ claimId: w.claimId, amount: cents(take) });
    left -= take;
  }
  if (back.length === 0) return cents(0);
  appendLedgerEntries(
    ctx.db,
    back.map((b) => ({
      accountId: account.id,
      claimId: b.claimId,
      kind: 'adjustment' as const,
      side: 'patient' as const,
      amount: b.amount,
      postingDate,
      reasonCode: BAD_DEBT_RECOVERY,
      memo: 'Bad debt recovery: payment received after the write-off',
      receiptId,
    })),
    { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
  );
  const recovered = cents(amount - left);
  recordActivity(ctx, {
    accountId: account.id,
    kind: 'system',
    text: `Payment on a bad-debt account: ${formatCents(recovered)} recovered from bad debt.`,
  });
  return recovered;
}

import type { AccountId, ClaimId, ReceiptId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import type { Db, ReadDb } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';
import { appendLedgerEntries, type NewLedgerEntry } from '../ledger/ledger';

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
 * Keeps the standing move's sum recovered after a recovery or its reversal, so that either
 * changes the move's row: in an office its entry then carries a versioned change of the
 * move, and it and the move's undoing at another desk (which reverses only the recoveries
 * that desk knows of) cannot both be accepted. Nothing changes when no move stands.
 */
export function noteRecovered(db: Db, accountId: AccountId): void {
  run(
    db,
    `UPDATE bad_debt_moves SET recovered = (
         SELECT ifnull(sum(l.amount), 0) FROM ledger_entries l
          WHERE l.account_id = bad_debt_moves.account_id AND l.reason_code = ?
            AND l.created_at >= bad_debt_moves.moved_at)
       WHERE account_id = ? AND undone_at IS NULL`,
    BAD_DEBT_RECOVERY,
    accountId,
  );
}

/** Where the money that recovers bad debt came from. */
export type RecoverySource =
  | { readonly from: 'patient' | 'agency' }
  /**
   * An insurer paid a claim after its patient share was written off. The move needs the
   * insurance side settled, so the payment leaves that claim's insurance side in credit;
   * `amount` is no more than that credit, and the recovered money is moved from the
   * patient side to the insurance side of the claim, so the credit is what it pays off.
   */
  | { readonly from: 'insurance'; readonly claimId: ClaimId };

const MEMO: Record<RecoverySource['from'], string> = {
  patient: 'Bad debt recovery: payment received after the write-off',
  agency: 'Bad debt recovery: collection agency payment received after the write-off',
  insurance: 'Bad debt recovery: insurance payment received after the write-off',
};

/**
 * A payment on an account in bad debt (from the patient, an agency or an insurer) is a
 * recovery: as much as it pays (no more than is still written off) is put back on the
 * claims it was written off from, as a bad-debt recovery adjustment belonging to the
 * payment's receipt, so the payment pays real balances, reports count the recovery apart,
 * and reversing the payment (a returned check, a payer's reversal) takes the recovery back
 * with it. Every payment source goes through here. Returns the amount.
 */
export function recoverBadDebt(
  ctx: Ctx,
  account: { id: AccountId; status: string },
  amount: Cents,
  postingDate: IsoDate,
  receiptId: ReceiptId,
  source: RecoverySource = { from: 'patient' },
): Cents {
  if (account.status !== 'bad_debt' || amount <= 0) return cents(0);
  const onClaim = source.from === 'insurance' ? source.claimId : null;
  const written = all<{ claimId: ClaimId | null; open: number }>(
    ctx.db,
    `SELECT claim_id AS claimId, -sum(amount) AS open FROM ledger_entries
       WHERE account_id = ? AND side = 'patient' AND kind = 'adjustment'
         AND reason_code IN (?, ?) AND (? IS NULL OR claim_id = ?)
       GROUP BY claim_id HAVING -sum(amount) > 0 ORDER BY min(id)`,
    account.id,
    BAD_DEBT,
    BAD_DEBT_RECOVERY,
    onClaim,
    onClaim,
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
  const memo = MEMO[source.from];
  const entries: NewLedgerEntry[] = back.map((b) => ({
    accountId: account.id,
    claimId: b.claimId,
    kind: 'adjustment' as const,
    side: 'patient' as const,
    amount: b.amount,
    postingDate,
    reasonCode: BAD_DEBT_RECOVERY,
    memo,
    receiptId,
  }));
  if (source.from === 'insurance') {
    for (const b of back) {
      const transfer = { accountId: account.id, claimId: b.claimId, kind: 'transfer' as const };
      const at = { postingDate, memo, receiptId };
      entries.push({ ...transfer, ...at, side: 'patient', amount: negate(b.amount) });
      entries.push({ ...transfer, ...at, side: 'insurance', amount: b.amount });
    }
  }
  appendLedgerEntries(ctx.db, entries, {
    userId: ctx.userId,
    now: ctx.clock.now(),
    today: ctx.clock.today(),
  });
  noteRecovered(ctx.db, account.id);
  const recovered = cents(amount - left);
  const who = { patient: 'Payment', agency: 'Agency payment', insurance: 'Insurance payment' };
  recordActivity(ctx, {
    accountId: account.id,
    kind: 'system',
    text: `${who[source.from]} on a bad-debt account: ${formatCents(recovered)} recovered from bad debt.`,
  });
  return recovered;
}

import { invalid } from '../../shared/api/errors';
import type { AccountId } from '../../shared/ids';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import { oneOrThrow } from '../db/query';
import { appendLedgerEntries } from '../ledger/ledger';
import { requireReason } from '../posting/adjustment';
import { requirePostableAccount } from '../posting/account-state';
import { postRefund } from '../posting/refund';

/** The office's reason for what financial assistance takes off a bill. */
const CHARITY = 'CHARITY';

/** What the patient side has paid, net of refunds already made. */
function patientPaidNet(ctx: Ctx, accountId: AccountId): Cents {
  return cents(
    oneOrThrow<{ paid: number }>(
      ctx.db,
      `SELECT ifnull(-sum(amount), 0) AS paid FROM ledger_entries
         WHERE account_id = ? AND side = 'patient' AND kind IN ('payment', 'refund')`,
      accountId,
    ).paid,
  );
}

/**
 * Brings the patient's share of the episode down to the discounted amount: a charity
 * adjustment of the difference, and when the patient has already paid more than the
 * discounted amount, a refund of the excess through the refund path (a supervisor's
 * refund posts; anyone else's waits for one). Returns what it did, in words.
 */
export function settleEligible(
  ctx: Ctx,
  accountId: AccountId,
  discounted: Cents,
  how: {
    applicationId: number;
    refundMethod: 'check' | 'card' | 'eft' | null;
    refundReference: string | null;
  },
): string {
  const account = requirePostableAccount(ctx.db, accountId);
  const paid = patientPaidNet(ctx, accountId);
  const share = account.patientBalance + paid;
  const adjust = share - discounted;
  const words: string[] = [];
  if (adjust > 0) {
    const reason = requireReason(ctx.db, CHARITY);
    appendLedgerEntries(
      ctx.db,
      [
        {
          accountId,
          kind: 'adjustment',
          side: 'patient',
          amount: negate(cents(adjust)),
          postingDate: ctx.clock.today(),
          reasonCode: reason.code,
          memo: `${reason.label}: financial-assistance application ${how.applicationId}, discounted amount ${formatCents(discounted)}`,
        },
      ],
      { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
    );
    touchAccount(ctx.db, accountId);
    words.push(`${formatCents(cents(adjust))} adjusted as financial assistance.`);
  } else {
    words.push(
      `The patient's share (${formatCents(cents(share))}) is not above the discounted amount; nothing adjusted.`,
    );
  }
  const excess = paid - discounted;
  if (excess > 0) {
    if (!how.refundMethod || !how.refundReference) {
      throw invalid(
        `The patient paid ${formatCents(paid)}, ${formatCents(cents(excess))} more than the discounted amount; say how the refund is paid (method and reference).`,
        'refundMethod',
      );
    }
    const refund = postRefund(ctx, {
      accountId,
      side: 'patient',
      amount: cents(excess),
      method: how.refundMethod,
      reference: how.refundReference,
      memo: `Paid above the discounted amount of financial-assistance application ${how.applicationId}`,
    });
    words.push(refund.message);
  }
  return words.join(' ');
}

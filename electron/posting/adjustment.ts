import type { AccountId, ClaimId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid } from '../../shared/api/errors';
import type { AdjustmentReason, AdjustmentResult } from '../../shared/api/posting';
import { LEDGER_SIDE, type LedgerSide } from '../../shared/codes/enums';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { requireClaimOnAccount } from '../accounts/lookup';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import type { Db } from '../db/open';
import { appendLedgerEntries } from '../ledger/ledger';
import { billingRules } from '../rules/billing-rules';
import { claimSideBalance, requirePostableAccount } from './account-state';
import { one } from '../db/query';
import { writeOffsToday } from '../approvals/limits';
import { fileRequest } from '../approvals/requests';

export function requireReason(db: Db, code: string): AdjustmentReason {
  const row = one<Omit<AdjustmentReason, 'active'> & { active: number }>(
    db,
    `SELECT code, label, category, active FROM adjustment_reasons WHERE code = ?`,
    code,
  );
  if (!row) throw invalid('Choose an adjustment reason from the list.', 'reasonCode');
  if (row.active !== 1) {
    throw invalid(`"${row.label}" is no longer in use; choose another reason.`, 'reasonCode');
  }
  return { ...row, active: true };
}

export interface WriteOff {
  accountId: AccountId;
  claimId: ClaimId | null;
  side: LedgerSide;
  amount: Cents;
  reasonCode: string;
  memo: string;
}

/** What may be written off: no more than is open on that side (of that claim). */
export function checkWriteOff(
  db: Db,
  w: WriteOff,
  account: { insuranceBalance: number; patientBalance: number },
): void {
  const open =
    w.claimId !== null
      ? claimSideBalance(db, w.claimId, w.side)
      : cents(w.side === 'insurance' ? account.insuranceBalance : account.patientBalance);
  if (w.amount > open) {
    const where = w.claimId !== null ? 'on that claim' : 'on the account';
    throw invalid(
      `Only ${formatCents(cents(Math.max(0, open)))} is open on the ${LEDGER_SIDE.labels[w.side].toLowerCase()} side ${where}; an adjustment of ${formatCents(w.amount)} would create a credit.`,
      'amount',
    );
  }
}

/** Appends the write-off to the ledger; the caller holds the transaction. */
export function postWriteOff(ctx: Ctx, w: WriteOff, reason: AdjustmentReason): number {
  const [id] = appendLedgerEntries(
    ctx.db,
    [
      {
        accountId: w.accountId,
        claimId: w.claimId,
        kind: 'adjustment',
        side: w.side,
        amount: negate(w.amount),
        postingDate: ctx.clock.today(),
        reasonCode: reason.code,
        memo: `${reason.label}: ${w.memo}`,
      },
    ],
    { userId: ctx.userId, now: ctx.clock.now(), today: ctx.clock.today() },
  );
  if (id === undefined) throw new Error('the write-off was not appended');
  touchAccount(ctx.db, w.accountId);
  return id;
}

/**
 * Writes off part of a balance for a reason from the maintained list. When it would take
 * the day's write-offs on the account above the office's approval limit it is recorded as
 * a request and posts only when a supervisor (not the one who asked) approves.
 */
export function postAdjustment(ctx: Ctx, input: ParsedInputOf<'postAdjustment'>): AdjustmentResult {
  const { db } = ctx;
  const account = requirePostableAccount(db, input.accountId);
  const claimId = input.claimId ?? null;
  if (claimId !== null) requireClaimOnAccount(db, claimId, account.id);
  const reason = requireReason(db, input.reasonCode);
  if (reason.category === 'bad_debt') {
    throw conflict(
      "Bad debt is not posted as an adjustment: ask for the move from the account's Bad debt card, and a supervisor approves it.",
    );
  }
  const w: WriteOff = { ...input, claimId, reasonCode: reason.code };
  checkWriteOff(db, w, account);
  const limit = billingRules(db).writeOffApprovalLimit;
  const earlier = writeOffsToday(db, account.id, ctx.clock.today());
  if (earlier + w.amount > limit) {
    const already = earlier > 0 ? ` with the ${formatCents(earlier)} written off today` : '';
    const message = `${reason.label} of ${formatCents(w.amount)}${already} is above the ${formatCents(limit)} daily approval limit; it waits for a supervisor and has not posted.`;
    const requestId = fileRequest(ctx, { kind: 'write_off', ...w }, `${message} ${w.memo}`);
    return { status: 'pending_approval', entryId: null, requestId, message };
  }
  const entryId = postWriteOff(ctx, w, reason);
  const message = `${reason.label} of ${formatCents(w.amount)} posted.`;
  recordActivity(ctx, {
    accountId: account.id,
    claimId,
    kind: 'system',
    text: `${message} ${w.memo}`,
  });
  return { status: 'posted', entryId, requestId: null, message };
}

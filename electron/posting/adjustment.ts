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
import { one, oneOrThrow, run } from '../db/query';

function requireReason(db: Db, code: string): AdjustmentReason {
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
function checkWriteOff(
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
 * Writes off part of a balance for a reason from the maintained list. Above the office's
 * approval limit it is recorded as a request and posts only when a supervisor approves.
 */
export function postAdjustment(ctx: Ctx, input: ParsedInputOf<'postAdjustment'>): AdjustmentResult {
  const { db } = ctx;
  const account = requirePostableAccount(db, input.accountId);
  const claimId = input.claimId ?? null;
  if (claimId !== null) requireClaimOnAccount(db, claimId, account.id);
  const reason = requireReason(db, input.reasonCode);
  const w: WriteOff = { ...input, claimId, reasonCode: reason.code };
  checkWriteOff(db, w, account);
  const limit = billingRules(db).writeOffApprovalLimit;
  if (input.amount > limit) {
    const pending = oneOrThrow<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM adjustment_requests WHERE account_id = ? AND status = 'pending'`,
      account.id,
    );
    if (pending.n > 0) {
      throw conflict(
        'This account already has a write-off waiting for approval; decide that one first.',
      );
    }
    const requestId = Number(
      run(
        db,
        `INSERT INTO adjustment_requests (account_id, claim_id, side, amount, reason_code, memo,
               requested_at, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        account.id,
        claimId,
        w.side,
        w.amount,
        reason.code,
        w.memo,
        ctx.clock.now(),
        ctx.userId,
      ).lastInsertRowid,
    );
    const message = `${reason.label} of ${formatCents(w.amount)} is above the ${formatCents(limit)} approval limit; it waits for a supervisor and has not posted.`;
    recordActivity(ctx, { accountId: account.id, claimId, kind: 'system', text: message });
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

/** A supervisor approves (posting it now, if it still fits the balance) or rejects a request. */
export function decideAdjustment(
  ctx: Ctx,
  input: ParsedInputOf<'decideAdjustment'>,
): AdjustmentResult {
  const { db } = ctx;
  const r = one<
    WriteOff & { id: number; status: string; requestedBy: number; memo: string | null }
  >(
    db,
    `SELECT id, account_id AS accountId, claim_id AS claimId, side, amount, reason_code AS reasonCode,
           memo, status, requested_by AS requestedBy
         FROM adjustment_requests WHERE id = ?`,
    input.requestId,
  );
  if (!r) throw invalid('That write-off request was not found.', 'requestId');
  if (r.status !== 'pending') throw conflict(`That write-off was already ${r.status}.`);
  const now = ctx.clock.now();
  const w: WriteOff = { ...r, memo: r.memo ?? '' };
  if (input.decision === 'reject') {
    run(
      db,
      `UPDATE adjustment_requests SET status = 'rejected', decided_at = ?, decided_by = ?,
           decision_note = ? WHERE id = ?`,
      now,
      ctx.userId,
      input.note,
      r.id,
    );
    const message = `Write-off of ${formatCents(r.amount)} rejected${input.note ? `: ${input.note}` : '.'}`;
    recordActivity(ctx, {
      accountId: r.accountId,
      claimId: r.claimId,
      kind: 'system',
      text: message,
    });
    return { status: 'rejected', entryId: null, requestId: r.id, message };
  }
  const account = requirePostableAccount(db, r.accountId);
  checkWriteOff(db, w, account);
  const reason = requireReason(db, r.reasonCode);
  const entryId = postWriteOff(ctx, w, reason);
  run(
    db,
    `UPDATE adjustment_requests SET status = 'approved', decided_at = ?, decided_by = ?,
         decision_note = ?, ledger_entry_id = ? WHERE id = ?`,
    now,
    ctx.userId,
    input.note,
    entryId,
    r.id,
  );
  const message = `${reason.label} of ${formatCents(r.amount)} approved and posted.`;
  recordActivity(ctx, {
    accountId: r.accountId,
    claimId: r.claimId,
    kind: 'system',
    text: message,
  });
  return { status: 'posted', entryId, requestId: r.id, message };
}

import type { BadDebtView } from '../../shared/api/bad-debt';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, notFound } from '../../shared/api/errors';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId, ClaimId, LedgerEntryId } from '../../shared/ids';
import { cents, negate, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { recordActivity } from '../activities/record';
import { fileRequest } from '../approvals/requests';
import type { Ctx, ReadCtx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { all, one, oneOrThrow, run } from '../db/query';
import { appendLedgerEntries } from '../ledger/ledger';
import { isSupervisor } from '../users/users';
import { BAD_DEBT, BAD_DEBT_REASONS, recoveredSince } from './recovery';

interface AccountRow {
  id: AccountId;
  accountNumber: string;
  status: string;
  patientBalance: Cents;
  insuranceBalance: Cents;
}

function requireAccount(db: ReadDb, accountId: AccountId): AccountRow {
  const row = one<AccountRow>(
    db,
    `SELECT id, account_number AS accountNumber, status, patient_balance AS patientBalance,
         insurance_balance AS insuranceBalance FROM accounts WHERE id = ?`,
    accountId,
  );
  if (!row) throw notFound('The account');
  return row;
}

/** What the patient owes per claim (null: not on a claim); a move writes off each. */
function patientItems(
  db: ReadDb,
  accountId: AccountId,
): { claimId: ClaimId | null; open: number }[] {
  return all<{ claimId: ClaimId | null; open: number }>(
    db,
    `SELECT claim_id AS claimId, sum(amount) AS open FROM ledger_entries
       WHERE account_id = ? AND side = 'patient' GROUP BY claim_id HAVING sum(amount) <> 0
       ORDER BY min(id)`,
    accountId,
  );
}

/**
 * What must be true to move the balance, asked and approved alike: an open account, the
 * patient's share final (nothing left with insurance), something owed, no credit on any
 * claim to settle first, and no financial-assistance application waiting.
 */
function checkMovable(db: ReadDb, a: AccountRow): void {
  const no = `Account ${a.accountNumber} cannot move to bad debt:`;
  if (a.status !== 'open') throw conflict(`${no} it is ${a.status.replace('_', ' ')}, not open.`);
  if (a.insuranceBalance > 0) {
    throw conflict(
      `${no} ${formatCents(a.insuranceBalance)} is still with insurance; the patient's share is not final.`,
    );
  }
  if (a.patientBalance <= 0) throw conflict(`${no} the patient owes nothing.`);
  if (patientItems(db, a.id).some((i) => i.open < 0)) {
    throw conflict(`${no} a claim on it has a patient credit; settle the credit first.`);
  }
  const waiting = one(
    db,
    `SELECT 1 AS n FROM assistance_applications
       WHERE account_id = ? AND status IN ('pending', 'incomplete')`,
    a.id,
  );
  if (waiting) {
    throw conflict(`${no} a financial-assistance application is waiting for a decision.`);
  }
}

export function badDebtView(
  ctx: { db: ReadDb; userId: ReadCtx['userId'] },
  accountId: AccountId,
): BadDebtView {
  const a = requireAccount(ctx.db, accountId);
  const pending = one<{ id: number; amount: Cents; requestedAt: string; byName: string }>(
    ctx.db,
    `SELECT r.id, r.amount, r.requested_at AS requestedAt, u.display_name AS byName
       FROM adjustment_requests r JOIN users u ON u.id = r.requested_by
       WHERE r.account_id = ? AND r.kind = 'write_off' AND r.reason_code = ? AND r.status = 'pending'`,
    accountId,
    BAD_DEBT,
  );
  const move = one<{ amount: Cents; movedOn: IsoDate; movedAt: string; approvedBy: string }>(
    ctx.db,
    `SELECT m.amount, m.moved_on AS movedOn, m.moved_at AS movedAt, u.display_name AS approvedBy
       FROM bad_debt_moves m JOIN users u ON u.id = m.moved_by
       WHERE m.account_id = ? AND m.undone_at IS NULL`,
    accountId,
  );
  return {
    accountId,
    status: a.status,
    patientBalance: a.patientBalance,
    insuranceBalance: a.insuranceBalance,
    pendingRequest: pending
      ? {
          id: pending.id,
          amount: pending.amount,
          requestedOn: pending.requestedAt.slice(0, 10) as IsoDate,
          byName: pending.byName,
        }
      : null,
    standing: move
      ? {
          amount: move.amount,
          movedOn: move.movedOn,
          approvedBy: move.approvedBy,
          recovered: recoveredSince(ctx.db, accountId, move.movedAt),
        }
      : null,
    canUndo: isSupervisor(ctx.db, ctx.userId),
  };
}

export function getBadDebt(ctx: ReadCtx, input: ParsedInputOf<'getBadDebt'>): BadDebtView {
  return badDebtView(ctx, input.accountId);
}

/**
 * Asks to move the whole patient balance to bad debt. It always waits for a supervisor,
 * whoever asks, and the one who asked cannot decide it (Approvals).
 */
export function requestBadDebt(ctx: Ctx, input: ParsedInputOf<'requestBadDebt'>): BadDebtView {
  const a = requireAccount(ctx.db, input.accountId);
  checkMovable(ctx.db, a);
  fileRequest(
    ctx,
    {
      kind: 'write_off',
      accountId: a.id,
      side: 'patient',
      amount: a.patientBalance,
      reasonCode: BAD_DEBT,
      memo: input.memo,
    },
    `Move of ${formatCents(a.patientBalance)} to bad debt asked for; it waits for a supervisor's approval and has not posted. ${input.memo}`,
  );
  return badDebtView(ctx, a.id);
}

/** Whether an approved write-off request is a move to bad debt (decided by postBadDebt). */
export function isBadDebtRequest(reasonCode: string | null): boolean {
  return reasonCode === BAD_DEBT;
}

/**
 * Posts an approved move: one bad-debt adjustment per claim the patient owes on, the
 * account's status set to bad debt (statements stop), the move recorded. Refused when the
 * balance is no longer what was asked for, so nobody approves a figure that has changed.
 */
export function postBadDebt(
  ctx: Ctx,
  r: { id: number; accountId: AccountId; amount: Cents; memo: string | null },
): LedgerEntryId {
  const a = requireAccount(ctx.db, r.accountId);
  checkMovable(ctx.db, a);
  if (a.patientBalance !== r.amount) {
    throw conflict(
      `The patient balance is now ${formatCents(a.patientBalance)}, not the ${formatCents(r.amount)} asked for; refuse this request and ask again.`,
    );
  }
  const today = ctx.clock.today();
  const ids = appendLedgerEntries(
    ctx.db,
    patientItems(ctx.db, a.id).map((i) => ({
      accountId: a.id,
      claimId: i.claimId,
      kind: 'adjustment' as const,
      side: 'patient' as const,
      amount: negate(cents(i.open)),
      postingDate: today,
      reasonCode: BAD_DEBT,
      memo: `Bad debt write-off: ${r.memo ?? ''}`.trim(),
    })),
    { userId: ctx.userId, now: ctx.clock.now(), today },
  );
  run(ctx.db, `UPDATE accounts SET status = 'bad_debt' WHERE id = ?`, a.id);
  run(
    ctx.db,
    `INSERT INTO bad_debt_moves (account_id, request_id, amount, moved_on, moved_at, moved_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    a.id,
    r.id,
    r.amount,
    today,
    ctx.clock.now(),
    ctx.userId,
  );
  touchAccount(ctx.db, a.id);
  recordActivity(ctx, {
    accountId: a.id,
    kind: 'system',
    text: `Account moved to bad debt: ${formatCents(r.amount)} written off as bad debt, kept apart from contractual adjustments; statements stop, and a payment from now on counts as a recovery.`,
  });
  const first = ids[0];
  if (first === undefined) throw new Error('the bad-debt move posted no entry');
  return first;
}

/**
 * A supervisor undoes a move by reversal: every bad-debt and recovery adjustment still
 * standing is reversed (payments stay), so the balance is what the patient still owes, and
 * the account is open again.
 */
export function undoBadDebt(ctx: Ctx, input: ParsedInputOf<'undoBadDebt'>): BadDebtView {
  const a = requireAccount(ctx.db, input.accountId);
  const move = one<{ id: number }>(
    ctx.db,
    `SELECT id FROM bad_debt_moves WHERE account_id = ? AND undone_at IS NULL`,
    a.id,
  );
  if (a.status !== 'bad_debt' || !move) {
    throw conflict(`Account ${a.accountNumber} is not in bad debt.`);
  }
  const today = ctx.clock.today();
  const rows = all<{
    id: LedgerEntryId;
    claimId: ClaimId | null;
    amount: Cents;
    reasonCode: string;
    receiptId: number | null;
  }>(
    ctx.db,
    `SELECT l.id, l.claim_id AS claimId, l.amount, l.reason_code AS reasonCode,
         l.receipt_id AS receiptId
       FROM ledger_entries l
       WHERE l.account_id = ? AND l.kind = 'adjustment' AND l.reverses_id IS NULL
         AND l.reason_code IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses_id = l.id)
       ORDER BY l.id`,
    a.id,
    JSON.stringify(BAD_DEBT_REASONS),
  );
  appendLedgerEntries(
    ctx.db,
    rows.map((e) => ({
      accountId: a.id,
      claimId: e.claimId,
      kind: 'adjustment' as const,
      side: 'patient' as const,
      amount: negate(e.amount),
      postingDate: today,
      reasonCode: e.reasonCode,
      memo: `Reversal: bad debt undone: ${input.reason}`,
      reversesId: e.id,
    })),
    { userId: ctx.userId, now: ctx.clock.now(), today },
  );
  run(ctx.db, `UPDATE accounts SET status = 'open' WHERE id = ?`, a.id);
  run(
    ctx.db,
    `UPDATE bad_debt_moves SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?`,
    ctx.clock.now(),
    ctx.userId,
    input.reason,
    move.id,
  );
  touchAccount(ctx.db, a.id);
  const balance = oneOrThrow<{ b: number }>(
    ctx.db,
    `SELECT patient_balance AS b FROM accounts WHERE id = ?`,
    a.id,
  ).b;
  recordActivity(ctx, {
    accountId: a.id,
    kind: 'system',
    text: `Bad debt undone by reversal; the account is open again with ${formatCents(cents(balance))} owed by the patient. ${input.reason}`,
  });
  return badDebtView(ctx, a.id);
}

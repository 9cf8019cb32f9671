import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import { PROMISE_KIND } from '../../shared/codes/enums';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { formatCents } from '../../shared/money/format';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { patientPaidTotal, requirePostableAccount } from '../posting/account-state';
import { oneOrThrow, run } from '../db/query';

/** A promise or an extension longer than this is really a payment plan. */
export const MAX_PROMISE_DAYS = 90;

/**
 * Records a promise to pay an amount by a date, or a credit extension (the whole patient
 * balance by a new due date). The daily check marks it kept when the money arrives, or
 * broken, with a follow-up in the queue, when the date passes without it.
 */
export function recordPromise(ctx: Ctx, input: ParsedInputOf<'recordPromise'>): Created {
  const { db } = ctx;
  const today = ctx.clock.today();
  if (input.dueDate < today) {
    throw invalid(`The date ${formatUsDate(input.dueDate)} has already passed.`, 'dueDate');
  }
  if (input.dueDate > addDays(today, MAX_PROMISE_DAYS)) {
    throw invalid(
      `The date is more than ${MAX_PROMISE_DAYS} days away; set up a payment plan instead.`,
      'dueDate',
    );
  }
  const account = requirePostableAccount(db, input.accountId);
  if (account.patientBalance <= 0) {
    throw invalid('There is no patient balance to promise.', 'accountId');
  }
  const amount = input.kind === 'extension' ? account.patientBalance : input.amount;
  if (amount == null) throw invalid('A promise to pay needs its amount.', 'amount');
  if (amount > account.patientBalance) {
    throw invalid(
      `The promise of ${formatCents(amount)} is more than the patient balance of ${formatCents(account.patientBalance)}.`,
      'amount',
    );
  }
  const open = oneOrThrow<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM promises WHERE account_id = ? AND status = 'open'`,
    account.id,
  );
  if (open.n > 0) {
    throw conflict('This account already has an open promise; wait for it or record the payment.');
  }
  const id = Number(
    run(
      db,
      `INSERT INTO promises (account_id, kind, amount, due_date, paid_before, note, created_at,
             created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      account.id,
      input.kind,
      amount,
      input.dueDate,
      patientPaidTotal(db, account.id),
      input.note,
      ctx.clock.now(),
      ctx.userId,
    ).lastInsertRowid,
  );
  recordActivity(ctx, {
    accountId: account.id,
    kind: 'system',
    text: `${PROMISE_KIND.labels[input.kind]}: ${formatCents(amount)} by ${formatUsDate(input.dueDate)}.${input.note ? ` ${input.note}` : ''}`,
  });
  return { id };
}

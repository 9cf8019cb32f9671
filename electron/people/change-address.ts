import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Created } from '../../shared/api/method';
import { formatUsDate } from '../../shared/dates/iso-date';
import { requireAccount } from '../accounts/lookup';
import type { Ctx } from '../core/context';
import { recordActivity } from '../activities/record';
import { one, run } from '../db/query';
import { endSkipTrace } from '../collections/returned-mail';

/**
 * Records a new address for the patient or guarantor of an account. Earlier addresses
 * stay as history; a new address clears the returned-mail flag, since mail can go out again.
 */
export function changeAddress(ctx: Ctx, input: ParsedInputOf<'changeAddress'>): Created {
  if (input.effectiveDate > ctx.clock.today()) {
    throw new ApiError({
      code: 'invalid_input',
      message: `The effective date ${formatUsDate(input.effectiveDate)} is in the future; record the change when it takes effect.`,
      details: [{ path: 'effectiveDate', message: 'Choose today or an earlier date.' }],
    });
  }
  const { db } = ctx;
  requireAccount(db, input.accountId);
  const link = one<{ name: string; role: string }>(
    db,
    `SELECT p.first_name || ' ' || p.last_name AS name,
                CASE WHEN a.patient_id = p.id THEN 'patient' ELSE 'guarantor' END AS role
         FROM accounts a JOIN people p ON p.id IN (a.patient_id, a.guarantor_id)
         WHERE a.id = ? AND p.id = ?`,
    input.accountId,
    input.personId,
  );
  if (!link) {
    throw new ApiError({
      code: 'invalid_input',
      message: 'That person is not the patient or guarantor on this account.',
    });
  }
  const zip = input.zip.length === 9 ? `${input.zip.slice(0, 5)}-${input.zip.slice(5)}` : input.zip;
  const result = run(
    db,
    `INSERT INTO addresses (person_id, line1, line2, city, state, zip, effective_date, reason,
           recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    input.personId,
    input.line1,
    input.line2,
    input.city,
    input.state,
    zip,
    input.effectiveDate,
    input.reason,
    ctx.clock.now(),
    ctx.userId,
  );
  run(db, `UPDATE people SET returned_mail = 0 WHERE id = ?`, input.personId);
  endSkipTrace(ctx, input.personId);
  const where = [input.line1, input.line2, `${input.city}, ${input.state} ${zip}`]
    .filter(Boolean)
    .join(', ');
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text: `Address of the ${link.role} changed to ${where}, effective ${formatUsDate(input.effectiveDate)}${input.reason ? ` (${input.reason})` : ''}.`,
  });
  return { id: Number(result.lastInsertRowid) };
}

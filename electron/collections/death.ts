import type { DeathRecorded } from '../../shared/api/collections';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import { requireAccount } from '../accounts/lookup';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { Db } from '../db/open';
import { all, one, run } from '../db/query';
import { openSystemFollowUp } from '../followups/system';
import { billingRules } from '../rules/billing-rules';
import { estateRepresentative, estateWords, recordEstateRepresentative } from './estate';

interface PersonOnAccount {
  name: string;
  dateOfBirth: IsoDate | null;
  deceasedDate: IsoDate | null;
}

/** The person, who must be the patient or guarantor on the account. */
function personOnAccount(db: Db, accountId: AccountId, personId: number): PersonOnAccount {
  requireAccount(db, accountId);
  const person = one<PersonOnAccount>(
    db,
    `SELECT p.first_name || ' ' || p.last_name AS name, p.date_of_birth AS dateOfBirth,
            p.deceased_date AS deceasedDate
       FROM accounts a JOIN people p ON p.id IN (a.patient_id, a.guarantor_id)
       WHERE a.id = ? AND p.id = ?`,
    accountId,
    personId,
  );
  if (!person) {
    throw new ApiError({
      code: 'invalid_input',
      message: 'That person is not the patient or guarantor on this account.',
    });
  }
  return person;
}

function checkDate(ctx: Ctx, date: IsoDate, person: PersonOnAccount): void {
  const problem =
    date > ctx.clock.today()
      ? `The date of death ${formatUsDate(date)} is in the future.`
      : person.dateOfBirth && date < person.dateOfBirth
        ? `The date of death ${formatUsDate(date)} is before the date of birth ${formatUsDate(person.dateOfBirth)}.`
        : null;
  if (problem) {
    throw new ApiError({
      code: 'invalid_input',
      message: problem,
      details: [{ path: 'deceasedDate', message: problem }],
    });
  }
}

/** Every account the person is patient or guarantor on, with its role there. */
function accountsOf(db: Db, personId: number) {
  return all<{ id: AccountId; status: string; role: string }>(
    db,
    `SELECT id, status, CASE WHEN patient_id = ? THEN 'patient' ELSE 'guarantor' END AS role
       FROM accounts WHERE patient_id = ? OR guarantor_id = ? ORDER BY id`,
    personId,
    personId,
    personId,
  );
}

/**
 * Saves the date and its source, and the estate's representative when the form names one
 * (the same record the estate letter writes to); says who speaks for the estate now.
 */
function saveDeath(
  ctx: Ctx,
  input: ParsedInputOf<'recordDeath'> | ParsedInputOf<'correctDeath'>,
): string {
  run(
    ctx.db,
    `UPDATE people SET deceased_date = ?, deceased_source = ? WHERE id = ?`,
    input.deceasedDate,
    input.deceasedDate ? input.source : null,
    input.personId,
  );
  const representative = input.representative
    ? recordEstateRepresentative(ctx, input.personId, input.representative)
    : estateRepresentative(ctx.db, input.personId);
  return estateWords(representative);
}

/**
 * Opens the probate claim follow-up on each open account: the claim against the estate
 * must be filed within the office's probate rule counted from the date of death.
 */
function openProbate(ctx: Ctx, accounts: ReturnType<typeof accountsOf>, died: IsoDate) {
  const deadline = addDays(died, billingRules(ctx.db).probateClaimDays);
  const today = ctx.clock.today();
  const ids: number[] = [];
  for (const a of accounts) {
    if (a.status === 'closed') continue;
    const { id } = openSystemFollowUp(ctx, {
      accountId: a.id,
      kind: 'probate',
      dueDate: today,
      reason: `File the claim against the estate by ${formatUsDate(deadline)}.`,
    });
    run(ctx.db, `UPDATE follow_ups SET deadline_date = ? WHERE id = ?`, deadline, id);
    ids.push(id);
  }
  return { deadline, ids };
}

/**
 * Records a date of death told by a family member, an obituary or a death index. Statements
 * stop through the deceased hold; a second recording is a correction, a supervisor's.
 */
export function recordDeath(ctx: Ctx, input: ParsedInputOf<'recordDeath'>): DeathRecorded {
  const person = personOnAccount(ctx.db, input.accountId, input.personId);
  if (person.deceasedDate) {
    throw new ApiError({
      code: 'conflict',
      message: `${person.name}'s date of death is already recorded as ${formatUsDate(person.deceasedDate)}; a supervisor can correct it.`,
    });
  }
  checkDate(ctx, input.deceasedDate, person);
  const estate = saveDeath(ctx, input);
  const accounts = accountsOf(ctx.db, input.personId);
  const probate = openProbate(ctx, accounts, input.deceasedDate);
  for (const a of accounts) {
    touchAccount(ctx.db, a.id);
    recordActivity(ctx, {
      accountId: a.id,
      kind: 'system',
      text: `The ${a.role}, ${person.name}, died on ${formatUsDate(input.deceasedDate)} (source: ${input.source}). Statements stop; a claim against the estate is due by ${formatUsDate(probate.deadline)}.${estate}`,
    });
  }
  return {
    accountIds: accounts.map((a) => a.id),
    followUpIds: probate.ids,
    probateDeadline: probate.deadline,
  };
}

/** A supervisor's correction of a recorded death: a new date, new estate details, or none. */
export function correctDeath(ctx: Ctx, input: ParsedInputOf<'correctDeath'>): DeathRecorded {
  const person = personOnAccount(ctx.db, input.accountId, input.personId);
  if (input.deceasedDate) checkDate(ctx, input.deceasedDate, person);
  const estate = saveDeath(ctx, input);
  const accounts = accountsOf(ctx.db, input.personId);
  const was = person.deceasedDate ? formatUsDate(person.deceasedDate) : 'none';
  let probate: { deadline: IsoDate | null; ids: number[] } = { deadline: null, ids: [] };
  if (input.deceasedDate) {
    probate = openProbate(ctx, accounts, input.deceasedDate);
  } else {
    for (const a of accounts) {
      run(
        ctx.db,
        `UPDATE follow_ups SET status = 'cancelled', completed_at = ?, completed_by = ?
           WHERE account_id = ? AND kind = 'probate' AND status = 'open'`,
        ctx.clock.now(),
        ctx.userId,
        a.id,
      );
    }
  }
  for (const a of accounts) {
    touchAccount(ctx.db, a.id);
    const now = input.deceasedDate
      ? `${formatUsDate(input.deceasedDate)} (source: ${input.source})`
      : 'not deceased; statements may resume and the probate follow-up is cancelled';
    recordActivity(ctx, {
      accountId: a.id,
      kind: 'system',
      text: `Date of death of the ${a.role}, ${person.name}, corrected from ${was} to ${now}. Reason: ${input.reason}.${input.deceasedDate ? estate : ''}`,
    });
  }
  return {
    accountIds: accounts.map((a) => a.id),
    followUpIds: probate.ids,
    probateDeadline: probate.deadline,
  };
}

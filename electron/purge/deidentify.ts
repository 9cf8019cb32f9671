import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError, notFound } from '../../shared/api/errors';
import { REMOVED, type Deidentified } from '../../shared/api/purge';
import { addMonths, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { formatCents } from '../../shared/money/format';
import { cents } from '../../shared/money/cents';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { ReadDb } from '../db/open';
import { all, one, run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { removeFiledFiles } from './files';
import { personIdentifiers, scrubPersonRows } from './scrub';

interface Person {
  id: number;
  firstName: string;
  middleName: string | null;
  lastName: string;
  phone: string | null;
  deceasedDate: IsoDate | null;
  done: number;
}

interface AccountFacts {
  id: AccountId;
  accountNumber: string;
  status: string;
  balance: number;
  openFollowUps: number;
  lastPosting: IsoDate | null;
}

/** Every reason the person may not be de-identified yet; empty when they may. */
function refusals(db: ReadDb, p: Person, accounts: AccountFacts[], today: IsoDate): string[] {
  const out: string[] = [];
  if (p.done) return ['This person was already de-identified.'];
  if (!p.deceasedDate) out.push('No date of death is recorded for this person.');
  for (const a of accounts) {
    if (a.status !== 'closed') out.push(`Account ${a.accountNumber} is not closed.`);
    if (a.balance !== 0) {
      out.push(`Account ${a.accountNumber} has a balance of ${formatCents(cents(a.balance))}.`);
    }
    if (a.openFollowUps > 0) {
      out.push(`Account ${a.accountNumber} has ${a.openFollowUps} open follow-up(s).`);
    }
  }
  const dates = [p.deceasedDate, ...accounts.map((a) => a.lastPosting)].filter(
    (d): d is IsoDate => d !== null,
  );
  const last = dates.sort().at(-1);
  const years = billingRules(db).retentionYears;
  if (last) {
    const from = addMonths(last, years * 12);
    if (from > today) {
      out.push(
        `Records are kept ${years} years after ${formatUsDate(last)} (the last posting or the death): not before ${formatUsDate(from)}.`,
      );
    }
  }
  return out;
}

/**
 * After the retention period a supervisor replaces a deceased person's names, addresses,
 * date of birth and phones by a marker. Their accounts must be closed, owe nothing and have
 * nothing open; the money rows are not touched, so every balance and total stays as it was.
 * History rows that named them keep their place with the marker in the name's place.
 */
export function deidentifyPerson(ctx: Ctx, input: ParsedInputOf<'deidentifyPerson'>): Deidentified {
  const p = one<Person>(
    ctx.db,
    `SELECT p.id, p.first_name AS firstName, p.middle_name AS middleName, p.last_name AS lastName,
        p.phone, p.deceased_date AS deceasedDate,
        -- de-identified here, or at another desk of the office and taken from it
        EXISTS (SELECT 1 FROM deidentifications WHERE person_id = p.id)
          OR (p.first_name = @removed AND p.last_name = @removed) AS done
      FROM people p JOIN accounts a ON p.id IN (a.patient_id, a.guarantor_id)
      WHERE a.id = @accountId AND p.id = @personId`,
    { removed: REMOVED, accountId: input.accountId, personId: input.personId },
  );
  if (!p) throw notFound('The patient or guarantor of this account');
  const accounts = all<AccountFacts>(
    ctx.db,
    `SELECT a.id, a.account_number AS accountNumber, a.status,
        a.insurance_balance + a.patient_balance AS balance,
        (SELECT count(*) FROM follow_ups f WHERE f.account_id = a.id AND f.status = 'open')
          AS openFollowUps,
        (SELECT max(posting_date) FROM ledger_entries l WHERE l.account_id = a.id) AS lastPosting
      FROM accounts a WHERE ? IN (a.patient_id, a.guarantor_id) ORDER BY a.account_number`,
    p.id,
  );
  const problems = refusals(ctx.db, p, accounts, ctx.clock.today());
  if (problems.length > 0) {
    throw new ApiError({
      code: 'conflict',
      message: `Not de-identified: ${problems.join(' ')}`,
      details: problems.map((message) => ({ path: 'personId', message })),
    });
  }
  const accountIds = accounts.map((a) => a.id);
  run(
    ctx.db,
    `INSERT INTO deidentifications (person_id, account_id, reason, done_at, done_by)
       VALUES (?, ?, ?, ?, ?)`,
    p.id,
    input.accountId,
    input.reason,
    ctx.clock.now(),
    ctx.userId,
  );
  // the rows that name the person first, while their names are still here to be found
  const rewritten = scrubPersonRows(
    ctx.db,
    p.id,
    accountIds,
    personIdentifiers(ctx.db, p, accountIds),
  );
  run(
    ctx.db,
    `UPDATE people SET first_name = @removed, last_name = @removed, middle_name = NULL, date_of_birth = NULL,
        phone = NULL, phone_digits = NULL, deceased_source = NULL
      WHERE id = @id`,
    { removed: REMOVED, id: p.id },
  );
  for (const a of accounts) {
    recordActivity(ctx, {
      accountId: a.id,
      kind: 'system',
      text: `De-identified after the retention period: the deceased person's names, addresses, date of birth and phones were replaced by ${REMOVED}. Balances and postings are unchanged. Reason: ${input.reason}`,
    });
    touchAccount(ctx.db, a.id);
  }
  // last: the files are set aside only once every row of the request is written
  const filesRemoved = removeFiledFiles(ctx, accountIds);
  return { personId: p.id, accountIds, historyRowsRewritten: rewritten, filesRemoved };
}

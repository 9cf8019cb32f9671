import type { PatientLetter } from '../../shared/api/patient-letters';
import { conflict } from '../../shared/api/errors';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { all, one } from '../db/query';
import type { Db } from '../db/open';
import type { LetterFields } from '../documents/letter-data';
import { statementFields } from '../documents/statement-text';
import { billingRules } from '../rules/billing-rules';
import { referralDate } from '../statements/dunning';
import type { AccountState } from '../statements/holds';
import { loadStatementData } from '../statements/statement-data';

/** How long a patient is given to answer a letter that asks for a reply. */
const REPLY_DAYS = 30;

export interface Representative {
  name: string;
  addressLines: string[];
}

interface PersonRow {
  id: number;
  name: string;
  deceasedDate: IsoDate | null;
}

/** Whose estate a letter is about: the patient when the patient died, else the guarantor. */
export function deceasedPerson(db: Db, accountId: AccountId): PersonRow | null {
  const people = all<PersonRow & { role: string }>(
    db,
    `SELECT p.id, p.first_name || ' ' || p.last_name AS name, p.deceased_date AS deceasedDate,
       CASE WHEN p.id = a.patient_id THEN 0 ELSE 1 END AS role
     FROM accounts a JOIN people p ON p.id IN (a.patient_id, a.guarantor_id)
     WHERE a.id = ? AND p.deceased_date IS NOT NULL ORDER BY role`,
    accountId,
  );
  return people[0] ?? null;
}

function ordinal(day: number): string {
  const teen = day % 100 >= 11 && day % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

/** The active plan's terms as the agreement prints them; the payments add up to its total. */
function planFields(db: Db, accountId: AccountId): LetterFields {
  const plan = one<{ id: number; firstDueDate: IsoDate; downPayment: number }>(
    db,
    `SELECT id, first_due_date AS firstDueDate, down_payment AS downPayment
     FROM payment_plans WHERE account_id = ? AND status = 'active'`,
    accountId,
  );
  if (!plan) {
    throw conflict(
      'This account has no active payment plan. Set up the plan first; the agreement prints its terms.',
    );
  }
  const installments = all<{ number: number; amount: number }>(
    db,
    `SELECT number, amount FROM plan_installments WHERE plan_id = ? ORDER BY number`,
    plan.id,
  );
  const monthly = installments.filter((i) => i.number > 0).map((i) => cents(i.amount));
  const down = cents(installments.find((i) => i.number === 0)?.amount ?? plan.downPayment);
  const monthlyTotal = sumCents(monthly);
  // rounding leaves one payment different from the others; the letter names each run of
  // equal payments so what it lists adds up to the plan's total
  const runs: { amount: Cents; count: number }[] = [];
  for (const amount of monthly) {
    const previous = runs[runs.length - 1];
    if (previous?.amount === amount) previous.count += 1;
    else runs.push({ amount, count: 1 });
  }
  const count =
    runs.length === 1
      ? `${monthly.length} (${formatCents(monthlyTotal)} in all)`
      : `${monthly.length}: ${runs.map((r) => `${r.count} of ${formatCents(r.amount)}`).join(', then ')}; ${formatCents(monthlyTotal)} in all`;
  return {
    plan_total: sumCents([down, monthlyTotal]),
    plan_down_payment: down,
    plan_monthly_amount: monthly[0] ?? cents(0),
    plan_installments: count,
    plan_first_payment_date: plan.firstDueDate,
    plan_day_of_month: ordinal(Number(plan.firstDueDate.slice(8, 10))),
  };
}

/** Everything a patient letter may print about this account, for this letter. */
export function patientLetterFields(
  db: Db,
  state: AccountState,
  letter: PatientLetter,
  today: IsoDate,
  representative: Representative | null,
): { fields: LetterFields; warnings: readonly string[] } {
  const loaded = loadStatementData(db, state.accountId, today);
  if (!loaded) throw conflict('The account could not be read.');
  // a notice that calls a balance past due must be true on the day it is dated
  if ((letter === 'past-due-notice' || letter === 'final-notice') && loaded.data.daysPastDue <= 0) {
    throw conflict(
      `No ${letter === 'final-notice' ? 'final' : 'past-due'} notice was made: nothing on this account is past due yet.`,
    );
  }
  const patient = one<{ name: string }>(
    db,
    `SELECT p.first_name || ' ' || p.last_name AS name FROM accounts a JOIN people p ON p.id = a.patient_id WHERE a.id = ?`,
    state.accountId,
  );
  const balance: Cents = state.patientBalance;
  let fields: LetterFields = {
    ...statementFields(loaded.data),
    patient_name: patient?.name,
    balance_due: balance,
    final_action_date: undefined,
    days_past_due: undefined,
  };
  if (letter === 'final-notice') {
    fields = { ...fields, final_action_date: referralDate(today, billingRules(db)) };
  }
  if (letter === 'payment-plan-agreement')
    fields = { ...fields, ...planFields(db, state.accountId) };
  if (letter === 'address-verification')
    fields = { ...fields, reply_by_date: addDays(today, REPLY_DAYS) };
  if (letter === 'estate-letter') {
    const deceased = deceasedPerson(db, state.accountId);
    if (!deceased || !representative)
      throw conflict('No estate letter was made: no one on the account is recorded as deceased.');
    fields = {
      ...fields,
      patient_name: deceased.name,
      guarantor_name: representative.name,
      guarantor_address: representative.addressLines.join('\n'),
      estate_contact_name: representative.name,
    };
  }
  return { fields, warnings: loaded.warnings };
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId, PersonId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all, run } from '../db/query';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { balanceDrift, createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let eleanor: PersonId;
let accountId: AccountId;
let then: Ctx;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  then = { ...ctx, clock: fixedClock(isoDate('2015-06-01')) };
  eleanor = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1931-05-02' });
  run(ctx.db, `UPDATE people SET phone = '207-555-0101', phone_digits = '2075550101'`);
  addAddress(ctx, eleanor, '77 Lantern Way');
  accountId = addAccount(then, { patientId: eleanor, number: 'D-1' }).accountId;
  addBilledClaim(then, accountId, addPayer(ctx), [12_500], 'patient');
  call(then, 'postPatientPayment', {
    accountId,
    amount: 12_500,
    method: 'check',
    checkNumber: '88',
    receivedDate: '2015-06-01',
  });
  call(then, 'addActivity', {
    accountId,
    kind: 'note',
    text: 'Eleanor Testwell paid in full; daughter confirmed 77 Lantern Way.',
  });
  call(then, 'recordDeath', {
    accountId,
    personId: eleanor,
    deceasedDate: '2015-05-20',
    source: 'Obituary',
  });
  closeAccount();
});
afterEach(() => ctx.close());

function closeAccount() {
  run(ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, accountId);
  run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, accountId);
}

const money = () => ({
  ledger: all(ctx.db, `SELECT * FROM ledger_entries ORDER BY id`),
  receipts: all(ctx.db, `SELECT * FROM receipts ORDER BY id`),
  balances: all(ctx.db, `SELECT id, insurance_balance, patient_balance FROM accounts ORDER BY id`),
  cash: call(ctx, 'getCashSummary', { date: '2015-06-01' }),
});

const deidentify = { accountId: 0, personId: 0, reason: 'Retention period over' };

describe('de-identifying a deceased person', () => {
  it('replaces names, addresses, birth date and phones, leaving every figure as it was', () => {
    const before = money();
    const result = call(ctx, 'deidentifyPerson', {
      ...deidentify,
      accountId,
      personId: eleanor,
    });
    expect(result).toEqual({
      personId: eleanor,
      accountIds: [accountId],
      historyRowsRewritten: 2,
      filesRemoved: 0,
    });
    expect(money()).toEqual(before);
    expect(balanceDrift(ctx)).toBe(0);
    expect(
      all(
        ctx.db,
        `SELECT first_name AS f, last_name AS l, date_of_birth AS dob, phone, phone_digits AS d,
            deceased_date AS died FROM people WHERE id = ?`,
        eleanor,
      ),
    ).toEqual([
      { f: '[removed]', l: '[removed]', dob: null, phone: null, d: null, died: '2015-05-20' },
    ]);
    expect(all(ctx.db, `SELECT line1, city, state, zip FROM addresses`)).toEqual([
      { line1: '[removed]', city: '[removed]', state: 'ME', zip: '[removed]' },
    ]);
    const view = call(ctx, 'getAccount', { accountId });
    const history = view.activities.map((a) => a.text).join('\n');
    expect(history).not.toMatch(/Eleanor|Testwell|Lantern/);
    expect(history).toMatch(/\[removed\] paid in full; daughter confirmed \[removed\]\./);
    expect(view.activities[0]?.text).toMatch(
      /^De-identified after the retention period: .*Reason: Retention period over$/,
    );
    expect(view.patient.fullName).not.toMatch(/Eleanor/);

    expectRefused(
      ctx,
      'deidentifyPerson',
      { ...deidentify, accountId, personId: eleanor },
      /already de-identified/,
    );
  });

  it('refuses while the retention period runs, a balance or a follow-up remains, writing nothing', () => {
    run(ctx.db, `UPDATE accounts SET status = 'open' WHERE id = ?`, accountId);
    call(ctx, 'setFollowUp', { accountId, dueDate: '2026-04-01', reason: 'Check estate' });
    const input = { ...deidentify, accountId, personId: eleanor };
    expectRefused(ctx, 'deidentifyPerson', input, /Account D-1 is not closed\. .*1 open follow-up/);
    closeAccount();

    makeSupervisor(ctx);
    call(ctx, 'saveBillingRules', { retentionYears: 12 });
    expectRefused(
      ctx,
      'deidentifyPerson',
      input,
      /kept 12 years after 06\/01\/2015 \(the last posting or the death\): not before 06\/01\/2027/,
    );
  });

  it('refuses a person with no date of death, and a balance still owed', () => {
    const living = addPerson(ctx, { first: 'Ben', last: 'Adeyemi' });
    const other = addAccount(then, { patientId: living, number: 'D-2' }).accountId;
    addBilledClaim(then, other, addPayer(ctx), [4_000], 'patient');
    run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, other);
    expectRefused(
      ctx,
      'deidentifyPerson',
      { ...deidentify, accountId: other, personId: living },
      /No date of death .* Account D-2 has a balance of \$40\.00\./,
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountId, PersonId } from '../../shared/ids';
import { all, one } from '../db/query';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  allowStatementRuns,
  makeSupervisor,
} from '../testing/builders';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { pdfText } from '../documents/test-pdf';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
let personId: PersonId;
let first: AccountId;
let second: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  allowStatementRuns(ctx);
  const payerId = addPayer(ctx);
  personId = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1941-05-02' });
  addAddress(ctx, personId);
  first = addAccount(ctx, { patientId: personId, number: 'D-1' }).accountId;
  second = addAccount(ctx, { patientId: personId, number: 'D-2' }).accountId;
  addBilledClaim(ctx, first, payerId, [4_500], 'patient');
  addBilledClaim(ctx, second, payerId, [7_000], 'patient');
});
afterEach(() => ctx.close());

interface Representative {
  name: string;
  line1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

const n = (sql: string) => one<{ n: number }>(ctx.db, sql)?.n;

const death = (
  over: {
    deceasedDate?: string;
    source?: string;
    personId?: number;
    representative?: Representative | null;
  } = {},
) => ({
  accountId: first as number,
  personId: personId as number,
  deceasedDate: '2026-02-20',
  source: 'Daughter called',
  representative: {
    name: 'Jonathan Testwell, executor',
    line1: '12 Probate Row',
    city: 'Portland',
    state: 'ME',
    zip: '04101',
  } as Representative | null,
  ...over,
});

const probate = (accountId: AccountId) =>
  all<{ due: string; deadline: string | null; status: string }>(
    ctx.db,
    `SELECT due_date AS due, deadline_date AS deadline, status FROM follow_ups
       WHERE account_id = ? AND kind = 'probate'`,
    accountId,
  );

describe('recording a date of death', () => {
  it('refuses a date in the future or before birth, writing nothing', () => {
    expectRefused(ctx, 'recordDeath', death({ deceasedDate: '2026-03-17' }), /in the future/);
    expectRefused(
      ctx,
      'recordDeath',
      death({ deceasedDate: '1941-05-01' }),
      /before the date of birth/,
    );
    expectRefused(ctx, 'recordDeath', death({ source: ' ' }), /Source is required/);
  });

  it('stops statements, keeps the estate contact and opens probate follow-ups due by the rule', () => {
    const held = call(ctx, 'listStatementCandidates', {});
    expect(held.accounts[0]?.held ?? []).toEqual([]);

    const result = call(ctx, 'recordDeath', death());
    // 2026-02-20 + 120 days (the default probate rule)
    expect(result.probateDeadline).toBe('2026-06-20');
    expect(result.accountIds).toEqual([first, second]);
    expect(probate(first)).toEqual([{ due: '2026-03-16', deadline: '2026-06-20', status: 'open' }]);
    expect(probate(second)).toEqual([
      { due: '2026-03-16', deadline: '2026-06-20', status: 'open' },
    ]);

    const person = one<Record<string, string>>(
      ctx.db,
      `SELECT deceased_date AS date, deceased_source AS source FROM people WHERE id = ?`,
      personId,
    );
    expect(person).toEqual({ date: '2026-02-20', source: 'Daughter called' });
    // the estate's representative is kept in the one record the estate letter writes to
    expect(
      all(
        ctx.db,
        `SELECT person_id AS person, name, line1, line2, city, state, zip FROM estate_representatives`,
      ),
    ).toEqual([
      {
        person: personId,
        name: 'Jonathan Testwell, executor',
        line1: '12 Probate Row',
        line2: null,
        city: 'Portland',
        state: 'ME',
        zip: '04101',
      },
    ]);

    // the statement hold picks it up on both accounts and cannot be released
    const listed = call(ctx, 'listStatementCandidates', {});
    expect(listed.accounts[0]).toMatchObject({ allHeld: true, accountIds: [] });
    expect(listed.accounts[0]?.held.map((h) => [h.hold, h.releasable])).toEqual([
      ['deceased', false],
      ['deceased', false],
    ]);
    expectRefused(ctx, 'startStatementRun', { accountIds: [first] }, /died on 02\/20\/2026/);

    // the history of each account says so
    for (const id of [first, second]) {
      const history = call(ctx, 'getAccount', { accountId: id as number }).activities;
      expect(history.map((h) => h.text).join('\n')).toMatch(
        /died on 02\/20\/2026 \(source: Daughter called\).*by 06\/20\/2026.*12 Probate Row, Portland/,
      );
    }
  });

  it('follows the probate rule a supervisor set', () => {
    makeSupervisor(ctx);
    call(ctx, 'saveBillingRules', { probateClaimDays: 90 });
    expect(call(ctx, 'recordDeath', death()).probateDeadline).toBe('2026-05-21');
    expect(probate(first)[0]?.deadline).toBe('2026-05-21');
  });

  it('lets only a supervisor correct a recorded date, with a reason', () => {
    call(ctx, 'recordDeath', death());
    expectRefused(ctx, 'recordDeath', death({ deceasedDate: '2026-02-21' }), /already recorded/);
    const correction = { ...death({ deceasedDate: '2026-02-10' }), reason: 'Death certificate' };
    expectRefused(ctx, 'correctDeath', correction, /Only a supervisor/);
    makeSupervisor(ctx);
    expect(call(ctx, 'correctDeath', correction).probateDeadline).toBe('2026-06-10');
    expect(probate(first)).toEqual([{ due: '2026-03-16', deadline: '2026-06-10', status: 'open' }]);

    // recorded in error: statements may resume and the probate follow-up is cancelled
    call(ctx, 'correctDeath', {
      ...death(),
      deceasedDate: null,
      reason: 'Wrong Eleanor Testwell',
    });
    expect(probate(first)[0]?.status).toBe('cancelled');
    const listed = call(ctx, 'listStatementCandidates', {});
    expect(listed.accounts[0]?.held ?? []).toEqual([]);
    const text = call(ctx, 'getAccount', { accountId: first as number })
      .activities.map((h) => h.text)
      .join('\n');
    expect(text).toMatch(/corrected from 02\/20\/2026 to 02\/10\/2026.*Death certificate/);
    expect(text).toMatch(/corrected from 02\/10\/2026 to not deceased.*Wrong Eleanor Testwell/);
  });

  it('refuses a person who is not on the account', () => {
    const stranger = addPerson(ctx, { last: 'Other' });
    expectRefused(
      ctx,
      'recordDeath',
      death({ personId: stranger }),
      /not the patient or guarantor/,
    );
  });

  it('takes an executor named before the address, refuses half an address, and the estate letter writes to the one record', async () => {
    const nameOnly = { name: 'Jonathan Testwell', line1: null, city: null, state: '', zip: '' };
    expectRefused(
      ctx,
      'recordDeath',
      death({ representative: { ...nameOnly, line1: '12 Probate Row' } }),
      /City is needed too: give the whole address or none of it/,
    );
    call(ctx, 'recordDeath', death({ representative: nameOnly }));
    const history = call(ctx, 'getAccount', { accountId: first as number }).activities;
    expect(history.map((h) => h.text).join('\n')).toContain(
      'Estate representative: Jonathan Testwell; no mailing address yet.',
    );
    // the letter knows the executor from the death form, and asks only for the address
    await expectRefusedAsync(
      ctx,
      'generatePatientLetter',
      { accountId: first, letter: 'estate-letter' },
      /\(Jonathan Testwell is recorded, without a whole mailing address\)/,
    );
    makeSupervisor(ctx);
    call(ctx, 'correctDeath', { ...death(), reason: 'Executor sent his address' });
    const letter = await callAsync(ctx, 'generatePatientLetter', {
      accountId: first,
      letter: 'estate-letter',
    });
    const file = await callAsync(ctx, 'getDocumentFile', { documentId: letter.documentId });
    const text = pdfText(Buffer.from(file.pdfBase64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain('Jonathan Testwell, executor');
    expect(text).toContain('12 Probate Row');
    expect(n(`SELECT count(*) AS n FROM estate_representatives`)).toBe(2);
  });
});

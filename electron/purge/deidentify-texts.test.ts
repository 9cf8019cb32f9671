import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId, PersonId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, run } from '../db/query';
import { addAccount, addPerson, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { addRecordsNaming, personTextsOf } from '../testing/person-texts';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { scrubbedText } from './scrub-records';

let ctx: TestCtx;
let eleanor: PersonId;
let accountId: AccountId;
let other: AccountId;
beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  const then = { ...ctx, clock: fixedClock(isoDate('2015-06-01')) };
  eleanor = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1931-05-02' });
  accountId = addAccount(then, { patientId: eleanor, number: 'D-1' }).accountId;
  other = addAccount(then, { number: 'D-2' }).accountId;
  call(then, 'recordDeath', {
    accountId,
    personId: eleanor,
    deceasedDate: '2015-05-20',
    source: 'Obituary',
  });
  run(ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, accountId);
  run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, accountId);
  for (const a of [accountId, other]) addRecordsNaming(ctx.db, a, ctx.userId, 'Eleanor Testwell');
});
afterEach(() => ctx.close());

describe("de-identifying takes her name out of the collection records' texts", () => {
  it('scrubs every free text on her accounts, keeps the attorney and the other account', () => {
    const before = personTextsOf(ctx.db, [accountId]);
    expect(before).toHaveLength(14);
    for (const t of before) expect(t).toMatch(/Eleanor Testwell/);

    call(ctx, 'deidentifyPerson', { accountId, personId: eleanor, reason: 'Retention over' });

    const after = personTextsOf(ctx.db, [accountId]);
    expect(after).toEqual(before.map((t) => t.replaceAll('Eleanor Testwell', REMOVED)));
    // the missing items stay a JSON array of texts, the quotes in one kept
    const missing = after.find((t) => t.startsWith('assistance_applications.missing: '));
    expect(JSON.parse(missing?.split(': ').slice(1).join(': ') ?? '')).toEqual([
      `${REMOVED}'s pay stubs`,
      'Bank "savings" statement',
    ]);
    // the attorney's own name is the attorney's; another patient's account keeps its texts
    expect(
      ctx.db
        .prepare(`SELECT attorney_name FROM contact_restrictions WHERE account_id = ?`)
        .get(accountId),
    ).toEqual({ attorney_name: 'Paul Attorney' });
    for (const t of personTextsOf(ctx.db, [other])) expect(t).toMatch(/Eleanor Testwell/);
  });

  it("scrubs a request's memo and decision note, decided or waiting, another account's kept", () => {
    const requests = (a: AccountId) =>
      all(
        ctx.db,
        `SELECT status, memo, decision_note AS note FROM adjustment_requests
          WHERE account_id = ? ORDER BY id`,
        a,
      );
    // besides the refused write-off, one still waiting for a supervisor
    run(
      ctx.db,
      `INSERT INTO adjustment_requests (kind, account_id, side, amount, reason_code, memo,
         requested_at, requested_by)
       VALUES ('write_off', ?, 'patient', 900, 'ADMIN', 'Testwell, Eleanor asked twice.', ?, ?)`,
      accountId,
      ctx.clock.now(),
      ctx.userId,
    );
    call(ctx, 'deidentifyPerson', { accountId, personId: eleanor, reason: 'Retention over' });
    expect(requests(accountId)).toEqual([
      {
        status: 'rejected',
        memo: `Write off per ${REMOVED}'s hardship call.`,
        note: `${REMOVED} has not sent the hardship letter.`,
      },
      { status: 'pending', memo: `${REMOVED} asked twice.`, note: null },
    ]);
    expect(requests(other)).toMatchObject([
      { memo: "Write off per Eleanor Testwell's hardship call." },
    ]);
  });

  it('lets nothing else rewrite a kept record: not before de-identifying, nor without the marker', () => {
    const refused = [
      `UPDATE statement_hold_releases SET reason = 'x ${REMOVED}' WHERE account_id = ${accountId}`,
      `UPDATE contact_restrictions SET lift_reason = 'x ${REMOVED}' WHERE account_id = ${accountId}`,
      `UPDATE agency_placements SET recall_reason = 'x ${REMOVED}' WHERE account_id = ${accountId}`,
    ];
    for (const sql of refused) expect(() => run(ctx.db, sql), sql).toThrow(/kept/);
    call(ctx, 'deidentifyPerson', { accountId, personId: eleanor, reason: 'Retention over' });
    const rewritten = [
      `UPDATE statement_hold_releases SET reason = 'Paid' WHERE account_id = ${accountId}`,
      `UPDATE contact_restrictions SET lift_reason = 'Paid' WHERE account_id = ${accountId}`,
      `UPDATE contact_restrictions SET lifted_by = NULL, lifted_at = NULL, lift_reason = NULL
        WHERE account_id = ${accountId}`,
      `UPDATE agency_placements SET recall_reason = 'Paid' WHERE account_id = ${accountId}`,
      `UPDATE statement_hold_releases SET reason = '${REMOVED}' WHERE account_id = ${other}`,
    ];
    for (const sql of rewritten) expect(() => run(ctx.db, sql), sql).toThrow(/kept/);
  });

  it('keeps a list that is not JSON a text, scrubbed as one', () => {
    expect(scrubbedText('Ann; Ann Lee', true, ['Ann Lee', 'Ann'])).toBe(`${REMOVED}; ${REMOVED}`);
    expect(scrubbedText('["Annual", "Ann"]', true, ['Ann'])).toBe(`["Annual","${REMOVED}"]`);
    expect(scrubbedText('["Annual"]', true, ['Ann'])).toBe('["Annual"]');
  });
});

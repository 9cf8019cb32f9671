import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId, PersonId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import {
  addAccount,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

/*
 * A money row's memo is free text a person typed: a write-off's explanation, a payment's or
 * a refund's note. De-identifying the patient takes her names out of it as out of the notes,
 * and nothing else of the row changes: every amount, balance and ledger sum stays as posted.
 */

let ctx: TestCtx;
let eleanor: PersonId;
let hers: AccountId;
let other: AccountId;

const THEN = isoDate('2015-06-01');

/** Her account paid in part and the rest written off, each memo naming her; another likewise. */
function paidAndWrittenOff(accountId: AccountId): void {
  const then = { ...ctx, clock: fixedClock(THEN) };
  addBilledClaim(then, accountId, addPayer(then), [20_000], 'patient');
  call(then, 'takePayment', {
    accountId,
    amount: 5_000,
    method: 'cash',
    receivedDate: THEN,
    memo: 'Eleanor Testwell paid at the window.',
  });
  call(then, 'postAdjustment', {
    accountId,
    side: 'patient',
    amount: 15_000,
    reasonCode: 'SMALL_BALANCE',
    memo: "Write off per Eleanor Testwell's hardship call.",
  });
}

const memos = (accountId: AccountId) =>
  all<{ memo: string | null }>(
    ctx.db,
    `SELECT memo FROM receipts WHERE account_id = ?
     UNION ALL SELECT memo FROM ledger_entries WHERE account_id = ? AND memo IS NOT NULL`,
    accountId,
    accountId,
  ).map((r) => r.memo);

/** Every money column but the memo, and the ledger's sum and the cached balances. */
const money = (accountId: AccountId) => ({
  ledger: all(
    ctx.db,
    `SELECT id, account_id, claim_id, claim_line_id, kind, side, amount, posting_date, payer_id,
        reference, reason_code, reverses_id, created_at, created_by, receipt_id
      FROM ledger_entries WHERE account_id = ? ORDER BY id`,
    accountId,
  ),
  receipts: all(
    ctx.db,
    `SELECT id, batch_id, kind, method, amount, received_date, reverses_id, created_at
      FROM receipts WHERE account_id = ? ORDER BY id`,
    accountId,
  ),
  sum: oneOrThrow<{ s: number }>(
    ctx.db,
    `SELECT sum(amount) AS s FROM ledger_entries WHERE account_id = ?`,
    accountId,
  ).s,
  balances: oneOrThrow(
    ctx.db,
    `SELECT insurance_balance, patient_balance FROM accounts WHERE id = ?`,
    accountId,
  ),
  days: all(ctx.db, `SELECT * FROM ledger_day_totals ORDER BY 1, 2, 3`),
});

beforeEach(() => {
  ctx = createTestCtx(); // today 2026-03-16
  makeSupervisor(ctx);
  const then = { ...ctx, clock: fixedClock(THEN) };
  eleanor = addPerson(ctx, { first: 'Eleanor', last: 'Testwell', dob: '1931-05-02' });
  hers = addAccount(then, { patientId: eleanor, number: 'D-1' }).accountId;
  other = addAccount(then, { number: 'D-2' }).accountId;
  for (const a of [hers, other]) paidAndWrittenOff(a);
  call(then, 'recordDeath', {
    accountId: hers,
    personId: eleanor,
    deceasedDate: '2015-05-20',
    source: 'Obituary',
  });
  run(ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, hers);
  run(ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, hers);
});
afterEach(() => ctx.close());

describe("de-identifying takes her name out of her money rows' memos", () => {
  it("scrubs a receipt's, its payment's and a write-off's memo, every amount and sum unchanged", () => {
    expect(memos(hers)).toEqual([
      'Eleanor Testwell paid at the window.',
      'Eleanor Testwell paid at the window.',
      "Small balance write-off: Write off per Eleanor Testwell's hardship call.",
    ]);
    const before = money(hers);
    expect(before.sum).toBe(0);

    call(ctx, 'deidentifyPerson', { accountId: hers, personId: eleanor, reason: 'Retention over' });

    expect(memos(hers)).toEqual([
      `${REMOVED} paid at the window.`,
      `${REMOVED} paid at the window.`,
      `Small balance write-off: Write off per ${REMOVED}'s hardship call.`,
    ]);
    expect(money(hers)).toEqual(before);
    // another patient's account keeps its memos as typed
    expect(memos(other)).toEqual([
      'Eleanor Testwell paid at the window.',
      'Eleanor Testwell paid at the window.',
      "Small balance write-off: Write off per Eleanor Testwell's hardship call.",
    ]);
  });

  it('still refuses any other change to a money row, and a memo of someone not de-identified', () => {
    call(ctx, 'deidentifyPerson', { accountId: hers, personId: eleanor, reason: 'Retention over' });
    const entry = (a: AccountId) =>
      oneOrThrow<{ id: number }>(
        ctx.db,
        `SELECT id FROM ledger_entries WHERE account_id = ? AND kind = 'adjustment'`,
        a,
      ).id;
    const receipt = (a: AccountId) =>
      oneOrThrow<{ id: number }>(ctx.db, `SELECT id FROM receipts WHERE account_id = ?`, a).id;
    const update = (sql: string, id: number) => () => run(ctx.db, sql, id);
    // on her account: the amount, or the memo to a text without the marker
    expect(update(`UPDATE ledger_entries SET amount = -1 WHERE id = ?`, entry(hers))).toThrow(
      /append-only/,
    );
    expect(
      update(
        `UPDATE ledger_entries SET memo = '${REMOVED}', amount = -1 WHERE id = ?`,
        entry(hers),
      ),
    ).toThrow(/append-only/);
    expect(
      update(`UPDATE ledger_entries SET memo = 'Other words' WHERE id = ?`, entry(hers)),
    ).toThrow(/append-only/);
    expect(update(`UPDATE receipts SET amount = 1 WHERE id = ?`, receipt(hers))).toThrow(
      /append-only/,
    );
    // on another patient's account, even the marker
    expect(
      update(`UPDATE ledger_entries SET memo = '${REMOVED}' WHERE id = ?`, entry(other)),
    ).toThrow(/append-only/);
    expect(update(`UPDATE receipts SET memo = '${REMOVED}' WHERE id = ?`, receipt(other))).toThrow(
      /append-only/,
    );
    expect(() => run(ctx.db, `DELETE FROM ledger_entries WHERE id = ?`, entry(hers))).toThrow(
      /append-only/,
    );
  });
});

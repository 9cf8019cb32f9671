import { expect } from 'vitest';
import { addDays } from '../../../shared/dates/iso-date';
import type { AccountId, PersonId } from '../../../shared/ids';
import { fixedClock, type Ctx } from '../../core/context';
import { all, oneOrThrow, run } from '../../db/query';
import { addAddress } from '../builders';
import { call } from '../call';
import { TEST_TODAY } from '../test-db';
import { withCaptureOff } from '../../office/capture';
import type { ServerConfig } from '../../office/server/connection';
import { asRequest, desktopsOf, everyoneSupervisor, syncAll, type Desktop } from './desktops';

/** What names the deceased patient of these tests, wherever it is written. */
export const NAME = /eleanor|testwell|lantern|harbor light|555-0101/i;

/** A deceased patient past the retention period, her account closed: ready to de-identify. */
export function eleanor(ctx: Ctx, accountId: AccountId): void {
  everyoneSupervisor(ctx);
  const { id } = oneOrThrow<{ id: PersonId }>(
    ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    accountId,
  );
  run(
    ctx.db,
    `UPDATE people SET first_name = 'Eleanor', last_name = 'Testwell', phone = '207-555-0101',
       phone_digits = '2075550101', deceased_date = '2015-05-20', deceased_source = 'Obituary'
     WHERE id = ?`,
    id,
  );
  addAddress(ctx, id, '77 Lantern Way');
  call(ctx, 'addActivity', {
    accountId,
    kind: 'note',
    text: 'Eleanor Testwell paid in full; daughter confirmed 77 Lantern Way.',
  });
}

/**
 * Nothing open and nothing owed on the account, as de-identifying asks: written on this
 * desk alone (not sent), as if it had always been so, rather than a change of its own that
 * the next request would carry and another desk's same change would refuse.
 */
export function closeAccount(d: Desktop, accountId: AccountId): void {
  withCaptureOff(d.ctx.db, () => {
    run(d.ctx.db, `UPDATE follow_ups SET status = 'done' WHERE account_id = ?`, accountId);
    run(d.ctx.db, `UPDATE accounts SET status = 'closed' WHERE id = ?`, accountId);
  });
}

export const patientOf = (d: Desktop, accountId: AccountId) =>
  oneOrThrow<{ id: PersonId }>(
    d.ctx.db,
    `SELECT patient_id AS id FROM accounts WHERE id = ?`,
    accountId,
  ).id;

/** Everything a copy holds that could name her, as text. */
export function whatNamesHer(d: Desktop): string {
  return [
    ...all<{ t: string }>(
      d.ctx.db,
      `SELECT first_name || ' ' || last_name || ' ' || ifnull(phone, '') AS t FROM people`,
    ),
    ...all<{ t: string }>(
      d.ctx.db,
      `SELECT line1 || ' ' || ifnull(line2, '') || ' ' || city || ' ' || zip AS t FROM addresses`,
    ),
    ...all<{ t: string }>(d.ctx.db, `SELECT body AS t FROM activities`),
    ...all<{ t: string }>(
      d.ctx.db,
      `SELECT ifnull(patient_name, '') || ' ' || ifnull(reason, '') AS t FROM follow_ups`,
    ),
    ...all<{ t: string }>(d.ctx.db, `SELECT original_name AS t FROM correspondence`),
  ]
    .map((r) => r.t)
    .join('\n');
}

/** The account's patient de-identified at a desk, the retention period over. */
export const deidentifyAt = (d: Desktop, accountId: AccountId) =>
  call(d.ctx, 'deidentifyPerson', {
    accountId,
    personId: patientOf(d, accountId),
    reason: 'Retention period over',
  });

/**
 * Eleanor on the first account of the copy the office starts from (pass it as `prepare`);
 * any other account is someone else's.
 */
export function eleanorFirst(ctx: Ctx, accountId: AccountId): void {
  const first = oneOrThrow<{ id: AccountId }>(ctx.db, `SELECT min(id) AS id FROM accounts`).id;
  if (accountId === first) eleanor(ctx, accountId);
}

/** Two desks over an office whose first account is Eleanor's; the second is someone else's. */
export async function eleanorsOffice(server: ServerConfig) {
  const { desktops, accountIds } = await desktopsOf(server, 2, 2, eleanorFirst);
  const [a, b] = desktops as [Desktop, Desktop];
  const [hers, other] = accountIds as [AccountId, AccountId];
  return { a, b, hers, other };
}

/** What her write-off asks for, in her name. */
const HER_WRITE_OFF = "Write off per Eleanor Testwell's hardship call.";

/**
 * A write-off of $15.00 asked for at the desk by plain SQL, as its user (`at`: when; now if
 * not given), sent with the desk's next sync.
 */
export function askWriteOffBySql(
  d: Desktop,
  accountId: AccountId,
  memo: string,
  at: string = d.ctx.clock.now(),
): void {
  asRequest(d, () =>
    run(
      d.ctx.db,
      `INSERT INTO adjustment_requests (kind, account_id, side, amount, reason_code, memo,
         requested_at, requested_by)
       VALUES ('write_off', ?, 'patient', 1500, 'SMALL_BALANCE', ?, ?, ?)`,
      accountId,
      memo,
      at,
      d.ctx.userId,
    ),
  );
}

/**
 * Eleanor's office with her write-off asked at A two days ago, waiting at both desks, and
 * her account closed at both: ready for a decision of it to arrive late.
 */
export async function herWriteOffWaiting(server: ServerConfig) {
  const office = await eleanorsOffice(server);
  const { a, b, hers } = office;
  askWriteOffBySql(a, hers, HER_WRITE_OFF, `${addDays(TEST_TODAY, -2)}T09:00:00.000Z`);
  await syncAll(a, b);
  for (const d of [a, b]) closeAccount(d, hers);
  return office;
}

/**
 * B refuses the one request it holds (her write-off) the day before, not yet synced, its
 * note naming her: a decision that reaches the office after A de-identifies her.
 */
export function refusedAtBTheDayBefore(b: Desktop): void {
  const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
  call(dayBefore, 'decideAdjustment', {
    requestId: oneOrThrow<{ id: number }>(b.ctx.db, `SELECT id FROM adjustment_requests`).id,
    decision: 'reject',
    note: 'Eleanor Testwell has not sent the hardship letter.',
  });
}

const requestIdAt = (d: Desktop, accountId: AccountId) =>
  oneOrThrow<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM adjustment_requests WHERE account_id = ?`,
    accountId,
  ).id;

/**
 * Three desks over an office whose first account is Eleanor's (one more, someone else's, for
 * each of `others`). Her returned mail at B names her on the server (a first-copy person
 * never changed after joining is named nowhere there: the purge has no names to look for);
 * C asks for her write-off, and one of each of `others` on the other accounts; then two
 * supervisors refuse hers at once: A's refusal first, so B's is refused, the office's reason
 * quoting A's note ("Eleanor Testwell has not sent the hardship letter.").
 */
export async function herRefusalRefused(server: ServerConfig, others: readonly string[] = []) {
  const { desktops, accountIds } = await desktopsOf(server, 3, 1 + others.length, eleanorFirst);
  const [a, b, c] = desktops as [Desktop, Desktop, Desktop];
  const [hers, ...theirs] = accountIds as [AccountId, ...AccountId[]];
  call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
  askWriteOffBySql(c, hers, HER_WRITE_OFF);
  others.forEach((memo, i) => askWriteOffBySql(c, theirs[i] as AccountId, memo));
  await syncAll(b, c, a);
  call(a.ctx, 'decideAdjustment', {
    requestId: requestIdAt(a, hers),
    decision: 'reject',
    note: 'Eleanor Testwell has not sent the hardship letter.',
  });
  call(b.ctx, 'decideAdjustment', {
    requestId: requestIdAt(b, hers),
    decision: 'reject',
    note: 'Ask Eleanor Testwell for proof of income.',
  });
  await a.sync.sync();
  expect((await b.sync.sync()).push).toMatchObject({ refused: 1 });
  await syncAll(a, b, c);
  return { a, b, c, hers, theirs };
}

import type { AccountId, PersonId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all, oneOrThrow, run } from '../../db/query';
import { addAddress } from '../builders';
import { call } from '../call';
import { withCaptureOff } from '../../office/capture';
import type { ServerConfig } from '../../office/server/connection';
import { desktopsOf, everyoneSupervisor, type Desktop } from './desktops';

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

/** Two desks over an office whose first account is Eleanor's; the second is someone else's. */
export async function eleanorsOffice(server: ServerConfig) {
  let first = true;
  const { desktops, accountIds } = await desktopsOf(server, 2, 2, (ctx, accountId) => {
    if (first) eleanor(ctx, accountId);
    first = false;
  });
  const [a, b] = desktops as [Desktop, Desktop];
  const [hers, other] = accountIds as [AccountId, AccountId];
  return { a, b, hers, other };
}

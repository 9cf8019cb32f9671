import type { ReturnedMailRecorded } from '../../shared/api/collections';
import type { ParsedInputOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import type { Ctx } from '../core/context';
import { touchAccount } from '../core/touched';
import type { Db } from '../db/open';
import { all, one, run } from '../db/query';
import { findOpenFollowUp } from '../followups/store';
import { closeSystemFollowUps, openSystemFollowUp } from '../followups/system';

/** Days given to find a better address before the skip-trace follow-up is due. */
const SKIP_TRACE_DAYS = 7;

interface Guarantor {
  accountId: AccountId;
  accountNumber: string;
  personId: number;
  name: string;
  addressId: number | null;
  address: string | null;
}

function guarantorOf(db: Db, where: 'id' | 'number', value: number | string) {
  // the current address is the latest effective one, ties to the latest recorded
  return one<Guarantor>(
    db,
    `SELECT a.id AS accountId, a.account_number AS accountNumber, p.id AS personId,
            p.first_name || ' ' || p.last_name AS name, ad.id AS addressId,
            ad.line1 || ', ' || ad.city || ', ' || ad.state || ' ' || ad.zip AS address
       FROM accounts a JOIN people p ON p.id = a.guarantor_id
       LEFT JOIN addresses ad ON ad.id = (
         SELECT id FROM addresses WHERE person_id = p.id
           ORDER BY effective_date DESC, id DESC LIMIT 1)
       WHERE ${where === 'id' ? 'a.id' : 'a.account_number'} = ?`,
    value,
  );
}

function checkReceived(ctx: Ctx, receivedOn: IsoDate): void {
  if (receivedOn > ctx.clock.today()) {
    const message = `The date received ${formatUsDate(receivedOn)} is in the future.`;
    throw new ApiError({
      code: 'invalid_input',
      message,
      details: [{ path: 'receivedOn', message }],
    });
  }
}

/**
 * Marks the guarantor's current address bad on every account they guarantee: statements
 * hold on returned mail, and a skip-trace follow-up asks for a better address.
 */
function markReturned(
  ctx: Ctx,
  g: Guarantor,
  receivedOn: IsoDate,
  via: 'account' | 'batch',
): { accountIds: AccountId[]; opened: number } {
  run(
    ctx.db,
    `INSERT INTO returned_mail (person_id, address_id, account_id, received_on, via,
         recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    g.personId,
    g.addressId,
    g.accountId,
    receivedOn,
    via,
    ctx.clock.now(),
    ctx.userId,
  );
  run(ctx.db, `UPDATE people SET returned_mail = 1 WHERE id = ?`, g.personId);
  const accounts = all<{ id: AccountId; status: string }>(
    ctx.db,
    `SELECT id, status FROM accounts WHERE guarantor_id = ? ORDER BY id`,
    g.personId,
  );
  let opened = 0;
  for (const a of accounts) {
    touchAccount(ctx.db, a.id);
    recordActivity(ctx, {
      accountId: a.id,
      kind: 'system',
      text: `Mail to the guarantor, ${g.name}, came back${via === 'batch' ? ` (envelope for account ${g.accountNumber})` : ''}, received ${formatUsDate(receivedOn)}. The address ${g.address ?? '(none on file)'} is marked bad; statements hold until a new address is recorded.`,
    });
    if (a.status === 'closed') continue;
    const f = openSystemFollowUp(ctx, {
      accountId: a.id,
      kind: 'skip_trace',
      dueDate: addDays(ctx.clock.today(), SKIP_TRACE_DAYS),
      reason: `Find a current address for ${g.name}: mail came back.`,
    });
    if (f.created) opened += 1;
  }
  return { accountIds: accounts.map((a) => a.id), opened };
}

export function recordReturnedMail(
  ctx: Ctx,
  input: ParsedInputOf<'recordReturnedMail'>,
): ReturnedMailRecorded {
  checkReceived(ctx, input.receivedOn);
  const g = guarantorOf(ctx.db, 'id', input.accountId);
  if (!g) throw new ApiError({ code: 'not_found', message: 'The account was not found.' });
  const r = markReturned(ctx, g, input.receivedOn, 'account');
  return { accountIds: r.accountIds, followUpsOpened: r.opened };
}

/**
 * A stack of returned envelopes, one account number a line: every number must be found
 * before anything is written, and each one that is not is named with its line.
 */
export function recordReturnedMailBatch(
  ctx: Ctx,
  input: ParsedInputOf<'recordReturnedMailBatch'>,
): ReturnedMailRecorded {
  checkReceived(ctx, input.receivedOn);
  const found: Guarantor[] = [];
  const problems: { path: string; message: string }[] = [];
  const seen = new Map<string, number>();
  input.accountNumbers.forEach((number, i) => {
    const line = i + 1;
    const path = `accountNumbers.${i}`;
    if (number === '') {
      problems.push({ path, message: `Line ${line}: no account number.` });
      return;
    }
    const first = seen.get(number);
    if (first !== undefined) {
      problems.push({ path, message: `Line ${line}: ${number} is already on line ${first}.` });
      return;
    }
    seen.set(number, line);
    const g = guarantorOf(ctx.db, 'number', number);
    if (g) found.push(g);
    else problems.push({ path, message: `Line ${line}: no account ${number}.` });
  });
  if (problems.length > 0) {
    throw new ApiError({
      code: 'invalid_input',
      message: `${problems.length} of ${input.accountNumbers.length} lines cannot be recorded; nothing was recorded.`,
      details: problems,
    });
  }
  const accountIds = new Set<AccountId>();
  let opened = 0;
  for (const g of found) {
    const r = markReturned(ctx, g, input.receivedOn, 'batch');
    r.accountIds.forEach((id) => accountIds.add(id));
    opened += r.opened;
  }
  return { accountIds: [...accountIds], followUpsOpened: opened };
}

/**
 * A new address ends the returned-mail hold: the skip-trace follow-ups of the accounts the
 * person guarantees are closed, saying so in their history.
 */
export function endSkipTrace(ctx: Ctx, personId: number): void {
  const accounts = all<{ id: AccountId }>(
    ctx.db,
    `SELECT id FROM accounts WHERE guarantor_id = ?`,
    personId,
  );
  for (const a of accounts) {
    if (!findOpenFollowUp(ctx.db, a.id, null, 'skip_trace')) continue;
    closeSystemFollowUps(
      ctx,
      { accountId: a.id, kind: 'skip_trace' },
      'a new address was recorded.',
    );
  }
}

import { expect } from 'vitest';
import type { AccountId, UserId } from '../../../shared/ids';
import type { BillingRules } from '../../../shared/api/rules';
import { cents } from '../../../shared/money/cents';
import type { Ctx } from '../../core/context';
import { all, oneOrThrow, run } from '../../db/query';
import { migration076 } from '../../db/migrations/076-adjustment-requests-from-the-office';
import { writeBillingRules } from '../../rules/billing-rules';
import { ensureUser } from '../../users/users';
import { keepCaptureWithLink } from '../../office/capture-triggers';
import { gidOf } from '../../office/gids';
import type { ServerConfig } from '../../office/server/connection';
import { makeSupervisor } from '../builders';
import { call } from '../call';
import { TEST_TODAY } from '../test-db';
import { twoDesktops, type Desktop } from './desktops';
import { owing } from './money';
import { unsentByAnOlderVersion } from './older-version';

/**
 * The office the tests of requests waiting for approval start from (pass it as `prepare`):
 * the first copy's user (rep.one, desk A's) and rep.2 (desk B's) are representatives; Dana
 * Reyes and Lee Park are the office's supervisors, each of whom may sit at either desk; the
 * patient owes $200.00. `limits` are low, so that what a representative asks waits: by
 * default a write-off above $50.00 a day.
 */
export function approvalsOffice(
  ctx: Ctx,
  account: AccountId,
  limits: Partial<BillingRules> = { writeOffApprovalLimit: cents(5_000) },
): void {
  owing(ctx, account);
  for (const [name, shown] of [
    ['dana.reyes', 'Dana Reyes'],
    ['lee.park', 'Lee Park'],
  ] as const) {
    makeSupervisor(ctx, ensureUser(ctx.db, name, shown, ctx.clock.now()));
  }
  writeBillingRules(ctx.db, limits, { userId: ctx.userId, now: ctx.clock.now() });
}

/**
 * The same office with a write-off of $60.00 waiting in the first copy, on its first account
 * only, asked at 08:00 on the test day: before the link, as an older version filed it.
 */
export function officeWithAWaitingWriteOff(ctx: Ctx, account: AccountId): void {
  approvalsOffice(ctx, account);
  if (oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM accounts`).n > 1) return;
  const id = askWriteOff(ctx, account, 6_000);
  run(
    ctx.db,
    `UPDATE adjustment_requests SET requested_at = ? WHERE id = ?`,
    `${TEST_TODAY}T08:00:00.000Z`,
    id,
  );
}

/**
 * Desks A and B of that office, linked at 09:00 on the test day: after the first copy's
 * write-off was asked, so that it is one an older version filed.
 */
export async function linkedAfterAWaitingWriteOff(
  server: ServerConfig,
  accounts = 1,
): Promise<Awaited<ReturnType<typeof twoDesktops>>> {
  const desks = await twoDesktops(server, accounts, officeWithAWaitingWriteOff);
  for (const d of [desks.a, desks.b]) {
    run(d.ctx.db, `UPDATE office_link SET linked_at = ?`, `${TEST_TODAY}T09:00:00.000Z`);
  }
  return desks;
}

/**
 * At B, still on the older version, Lee approves the first copy's write-off: the write-off
 * reaches the office with B's next push, the decision not (requests did not travel).
 */
export async function approvedByLeeUnderTheOlderVersion(b: Desktop): Promise<void> {
  call(as(b, 'lee.park'), 'decideAdjustment', { requestId: 1, decision: 'approve' });
  asAnOlderVersion(b);
  expect(await b.sync.push()).toEqual({ accepted: 1, refused: 0 });
}

/** A representative's write-off of `amount`, over the limit: it waits. Returns its request id. */
export function askWriteOff(ctx: Ctx, account: AccountId, amount: number): number {
  const asked = call(ctx, 'postAdjustment', {
    accountId: account,
    side: 'patient',
    amount,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Small balance',
  });
  if (asked.status !== 'pending_approval' || asked.requestId === null) {
    expect.fail('the write-off did not wait for approval');
  }
  return asked.requestId;
}

/** The desk's user of that sign-in name (local ids differ between desks). */
export const userOf = (d: Desktop, username: string): UserId =>
  oneOrThrow<{ id: UserId }>(d.ctx.db, `SELECT id FROM users WHERE username = ?`, username).id;

/** The desk as that person sits at it. */
export const as = (d: Desktop, username: string): Ctx => ({
  ...d.ctx,
  userId: userOf(d, username),
});

/** What an older version left of requests: captured by nothing, sent with nothing. */
export const asAnOlderVersion = (d: Desktop): void =>
  unsentByAnOlderVersion(d.ctx.db, ['adjustment_requests'], 'kept');

/** The upgrade to requests that travel (migration 76), its triggers put right at the next open. */
export function upgrade(d: Desktop): void {
  d.ctx.db.exec(migration076);
  keepCaptureWithLink(d.ctx.db);
}

/** The desk's write-offs the requests asked for, by office-wide id. */
export const writeOffs = (d: Desktop): string[] =>
  all<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE' ORDER BY id`,
  ).map((r) => gidOf(d.ctx.db, 'ledger_entries', r.id));

/** The amounts of the desk's write-offs the requests asked for. */
export const writeOffAmounts = (d: Desktop) =>
  all(d.ctx.db, `SELECT amount FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE'`);

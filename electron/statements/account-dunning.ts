import type { ParsedInputOf } from '../../shared/api/contract';
import {
  COLLECTION_HOLD,
  RELEASABLE_HOLDS,
  STATEMENT_HOLD,
  type AccountDunning,
  type CollectionHold,
} from '../../shared/api/statements';
import { conflict, notFound } from '../../shared/api/errors';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { recordActivity } from '../activities/record';
import type { Ctx, ReadCtx } from '../core/context';
import { touchAccount } from '../core/touched';
import { all, one, run } from '../db/query';
import { billingRules } from '../rules/billing-rules';
import { isSupervisor } from '../users/users';
import { cyclesOf } from './candidates';
import { STAGES } from './dunning';
import { accountStates } from './holds';

/**
 * Where the account stands in its guarantor's cycle: the stage its next statement would
 * have, what holds it back and why, the holds recorded by hand and the releases given.
 */
export function getAccountDunning(
  ctx: ReadCtx,
  input: ParsedInputOf<'getAccountDunning'>,
): AccountDunning {
  const today = ctx.clock.today();
  const rules = billingRules(ctx.db);
  const state = accountStates(ctx.db, today, rules, { accountIds: [input.accountId] })[0];
  if (!state) throw notFound('The account');
  const cycle = cyclesOf(ctx.db, today, [state.guarantorId]).cycles[0];
  const holds = cycle?.held.filter((h) => h.accountId === input.accountId) ?? [];
  const listed = cycle?.dunning.some((a) => a.accountId === input.accountId) ?? false;
  const record = one<{ statementsSent: number; lastStatementDate: IsoDate | null }>(
    ctx.db,
    `SELECT statements_sent AS statementsSent, last_statement_date AS lastStatementDate
       FROM dunning_stages WHERE account_id = ?`,
    input.accountId,
  );
  return {
    stage:
      listed || (state.record && state.patientBalance > 0) ? (STAGES[state.stage] ?? null) : null,
    firstStatementDate: state.record?.firstStatementDate ?? null,
    lastStatementDate: state.lastStatementDate ?? record?.lastStatementDate ?? null,
    statementsSent: record?.statementsSent ?? 0,
    holds,
    openHolds: all<{ id: number; kind: CollectionHold; openedOn: IsoDate; note: string | null }>(
      ctx.db,
      `SELECT id, kind, opened_on AS openedOn, note FROM collection_holds
         WHERE account_id = ? AND closed_at IS NULL ORDER BY id`,
      input.accountId,
    ),
    releases: all<{ hold: string; reason: string; releasedAt: string; releasedBy: string }>(
      ctx.db,
      `SELECT r.hold, r.reason, r.released_at AS releasedAt, u.display_name AS releasedBy
         FROM statement_hold_releases r JOIN users u ON u.id = r.released_by
         WHERE r.account_id = ? ORDER BY r.id DESC LIMIT 10`,
      input.accountId,
    ),
    canRelease: isSupervisor(ctx.db, ctx.userId),
  };
}

function requireAccount(ctx: Ctx, accountId: AccountId): void {
  if (!one(ctx.db, `SELECT 1 AS found FROM accounts WHERE id = ?`, accountId)) {
    throw notFound('The account');
  }
}

/**
 * Opens or closes a hold no other record knows: a dispute, a bankruptcy or a pending
 * financial-assistance application. Each change is kept in the account's history.
 */
export function setCollectionHold(
  ctx: Ctx,
  input: ParsedInputOf<'setCollectionHold'>,
): AccountDunning {
  requireAccount(ctx, input.accountId);
  const label = COLLECTION_HOLD.labels[input.kind];
  const open = one<{ id: number }>(
    ctx.db,
    `SELECT id FROM collection_holds WHERE account_id = ? AND kind = ? AND closed_at IS NULL`,
    input.accountId,
    input.kind,
  );
  if (input.open) {
    if (open) throw conflict(`${label} is already on hold for this account.`);
    run(
      ctx.db,
      `INSERT INTO collection_holds (account_id, kind, note, opened_on, opened_at, opened_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      input.accountId,
      input.kind,
      input.note ?? null,
      ctx.clock.today(),
      ctx.clock.now(),
      ctx.userId,
    );
  } else {
    if (!open) throw conflict(`There is no open hold for ${label.toLowerCase()} on this account.`);
    run(
      ctx.db,
      `UPDATE collection_holds SET closed_at = ?, closed_by = ? WHERE id = ?`,
      ctx.clock.now(),
      ctx.userId,
      open.id,
    );
  }
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text: `Statement hold ${input.open ? 'opened' : 'closed'}: ${label.toLowerCase()}${input.note ? ` (${input.note})` : ''}.`,
  });
  touchAccount(ctx.db, input.accountId);
  return getAccountDunning(ctx, { accountId: input.accountId });
}

/**
 * A supervisor lets the next statement go out despite a hold, with the reason; the release
 * is kept as made and used up by that statement. Holds that need their cause fixed (a
 * deceased patient, returned mail, an agency, a bankruptcy, a credit) cannot be released.
 */
export function releaseStatementHold(
  ctx: Ctx,
  input: ParsedInputOf<'releaseStatementHold'>,
): AccountDunning {
  requireAccount(ctx, input.accountId);
  const label = STATEMENT_HOLD.labels[input.hold];
  if (!RELEASABLE_HOLDS.includes(input.hold)) {
    throw conflict(`"${label}" cannot be released; its cause has to be resolved first.`);
  }
  const today = ctx.clock.today();
  const state = accountStates(ctx.db, today, billingRules(ctx.db), {
    accountIds: [input.accountId],
  })[0];
  const onHold =
    state &&
    cyclesOf(ctx.db, today, [state.guarantorId]).cycles.some((c) =>
      c.held.some((h) => h.accountId === input.accountId && h.hold === input.hold),
    );
  if (!onHold) throw conflict(`The account is not held for "${label.toLowerCase()}".`);
  run(
    ctx.db,
    `INSERT INTO statement_hold_releases (account_id, hold, reason, released_at, released_by)
       VALUES (?, ?, ?, ?, ?)`,
    input.accountId,
    input.hold,
    input.reason,
    ctx.clock.now(),
    ctx.userId,
  );
  recordActivity(ctx, {
    accountId: input.accountId,
    kind: 'system',
    text: `Statement hold released for the next statement: ${label.toLowerCase()}. Reason: ${input.reason}`,
  });
  return getAccountDunning(ctx, { accountId: input.accountId });
}

import type { z } from 'zod';
import type {
  dismissNotSyncedInput,
  NotSyncedList,
  NotSyncedView,
  OfficeJoined,
  OfficeMade,
  officeMethods,
  officeWorkingMethods,
  OfficeServerTest,
  OfficeServerView,
  OfficeStatusView,
} from '../../shared/api/office';
import { ApiError, conflict, notFound } from '../../shared/api/errors';
import type { AccountId } from '../../shared/ids';
import type { Ctx, ReadCtx } from '../core/context';
import type { HandlersOf } from '../core/handlers';
import { one } from '../db/query';
import { isSupervisor } from '../users/users';
import { describeRow } from './describe';
import { waitingAgencies, waitingLine, waitingReason, type WaitingAgency } from './held-agencies';
import { localIdOf, officeLink } from './gids';
import { accountGidOf } from './records';
import type { Change } from './wire';
import { startWorking, stopWorking, workingMarksView } from './working';
import { dismissNotSynced as dismiss, notSyncedActions, type NotSyncedAction } from './not-synced';
import { officeRunner, type OfficeRunner } from './runner';
import type { OfficeServerInput } from './settings';

function accountOf(
  ctx: ReadCtx,
  action: NotSyncedAction,
): Pick<NotSyncedView, 'accountId' | 'accountNumber'> {
  const gid = action.changes.map(accountGidOf).find((g) => g !== undefined);
  const id = gid === undefined ? claimsAccount(ctx, action) : localIdOf(ctx.db, 'accounts', gid);
  const row =
    id === undefined
      ? undefined
      : one<{ number: string }>(
          ctx.db,
          `SELECT account_number AS number FROM accounts WHERE id = ?`,
          id,
        );
  return row && id !== undefined
    ? { accountId: id as AccountId, accountNumber: row.number }
    : { accountId: null, accountNumber: null };
}

/** A change to a denial names its claim, not the account: the account is the claim's. */
function claimsAccount(ctx: ReadCtx, action: NotSyncedAction): number | undefined {
  const claimGid = action.changes
    .flatMap((c) => (c.tbl === 'denials' ? [c.row.claimGid] : []))
    .find((g) => g !== undefined);
  const claimId = claimGid === undefined ? undefined : localIdOf(ctx.db, 'claims', claimGid);
  if (claimId === undefined) return undefined;
  return one<{ a: number }>(ctx.db, `SELECT account_id AS a FROM claims WHERE id = ?`, claimId)?.a;
}

const UNSAID = new Set<Change['tbl']>([
  'ledger_entries',
  'claim_lines',
  'coverages',
  'addresses',
  'claim_adjustments',
  'claim_remarks',
  'claim_status_events',
  'agency_placement_batches',
  'extraordinary_actions',
  'agency_payment_files',
]);

function userName(ctx: ReadCtx, userId: number): string {
  return (
    one<{ name: string }>(ctx.db, `SELECT display_name AS name FROM users WHERE id = ?`, userId)
      ?.name ?? 'Unknown user'
  );
}

/** A representative's own refused actions; a supervisor's list holds everyone's. */
function listNotSynced(ctx: ReadCtx): NotSyncedList {
  if (!officeLink(ctx.db)) return { linked: false, actions: [] };
  const supervisor = isSupervisor(ctx.db, ctx.userId);
  const actions = notSyncedActions(ctx.db)
    .filter((a) => supervisor || a.userId === ctx.userId)
    .map((a) => ({
      seq: a.seq,
      takenAt: a.createdAt,
      by: userName(ctx, a.userId),
      refusedAt: a.refusedAt,
      reason: a.reason,
      ...accountOf(ctx, a),
      // a payment's ledger rows and the payer's codes repeat its receipt, and a claim's
      // lines, charges and 277 status events, an account's coverage and a person's address
      // its claim, account and person: each is said once
      lines: a.changes
        .filter((c) => !UNSAID.has(c.tbl) || c.op === 'update')
        .map((c) => (c.tbl === 'activities' ? c.row.body : describeRow(c))),
      canDismiss: supervisor || a.userId === ctx.userId,
      waiting: false,
    }));
  return { linked: true, actions: [...actions, ...waitingAgencies(ctx.db).map(waitingView(ctx))] };
}

/** An office agency's change waiting here, said by whom and when the office made it. */
const waitingView =
  (ctx: ReadCtx) =>
  (w: WaitingAgency): NotSyncedView => {
    const by = localIdOf(ctx.db, 'users', w.office.row.updatedBy);
    return {
      seq: w.heldId,
      takenAt: w.office.row.updatedAt,
      by: by === undefined ? 'Someone at another desktop' : userName(ctx, by),
      refusedAt: w.office.row.updatedAt,
      reason: waitingReason(w),
      accountId: null,
      accountNumber: null,
      lines: [waitingLine(w)],
      canDismiss: false,
      waiting: true,
    };
  };

function dismissNotSynced(
  ctx: Ctx,
  input: z.output<typeof dismissNotSyncedInput>,
): { dismissed: true } {
  const action = notSyncedActions(ctx.db).find((a) => a.seq === input.seq);
  if (!action) throw notFound('That action');
  if (action.userId !== ctx.userId && !isSupervisor(ctx.db, ctx.userId)) {
    throw new ApiError({
      code: 'forbidden',
      message: 'Only the person who took this action, or a supervisor, can dismiss it.',
    });
  }
  dismiss(ctx.db, input.seq, ctx.userId, ctx.clock.now());
  return { dismissed: true };
}

/** Read by every window every few seconds while not standalone; it reads no table. */
function officeStatus(): OfficeStatusView {
  return officeRunner()?.status() ?? { state: 'standalone' };
}

function serverView(ctx: ReadCtx, runner: OfficeRunner | null): OfficeServerView {
  const linked = officeLink(ctx.db) !== undefined;
  if (!runner) {
    return { available: false, server: null, passwordSet: false, linked, mustRejoin: false };
  }
  return { available: true, ...runner.settings.view(), linked, mustRejoin: runner.mustRejoin() };
}

function getOfficeServer(ctx: ReadCtx): OfficeServerView {
  return serverView(ctx, officeRunner());
}

/** The office settings live in the ClaimDesk app's main process; the bridge of tests has none. */
function requireRunner(): OfficeRunner {
  const runner = officeRunner();
  if (!runner) {
    throw conflict(
      'The office server can be set only in the ClaimDesk app, which keeps its password in ' +
        'this computer’s key store.',
    );
  }
  return runner;
}

async function testOfficeServer(
  _ctx: ReadCtx,
  input: OfficeServerInput,
): Promise<OfficeServerTest> {
  const { ok, message } = await requireRunner().test(input);
  return { ok, message };
}

async function saveOfficeServer(ctx: Ctx, input: OfficeServerInput): Promise<OfficeServerView> {
  const runner = requireRunner();
  await runner.save(input);
  return serverView(ctx, runner);
}

function createOffice(): Promise<OfficeMade> {
  return requireRunner().createOffice();
}

function joinOffice(): Promise<OfficeJoined> {
  return requireRunner().joinOffice();
}

async function disconnectOffice(ctx: Ctx): Promise<OfficeServerView> {
  const runner = requireRunner();
  await runner.disconnect();
  return serverView(ctx, runner);
}

/** The handlers of the office database's desktop side. */
export const officeHandlers = {
  officeStatus,
  getOfficeServer,
  testOfficeServer,
  saveOfficeServer,
  createOffice,
  joinOffice,
  disconnectOffice,
  listNotSynced,
  dismissNotSynced,
} satisfies HandlersOf<typeof officeMethods>;

/** Who is working which account now: this desk's mark, and the other desks'. */
export const officeWorkingHandlers = {
  listWorkingMarks: (ctx) => workingMarksView(ctx),
  startWorking: (ctx, input) => {
    startWorking(ctx, input.accountId, input.followUpId);
    return { working: true };
  },
  stopWorking: (ctx, input) => {
    stopWorking(ctx, input.accountId);
    return { working: false };
  },
} satisfies HandlersOf<typeof officeWorkingMethods>;

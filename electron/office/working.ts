import type pg from 'pg';
import type { FollowUpId, AccountId } from '../../shared/ids';
import type { WorkingMarksView } from '../../shared/api/office';
import { notFound } from '../../shared/api/errors';
import type { Ctx, ReadCtx } from '../core/context';
import { all, one, run } from '../db/query';
import { inWriteTransaction } from '../upkeep/upkeep';
import { gidOf, gidOrNull, localIdOf, officeLink } from './gids';
import { openPool, type ServerConfig } from './server/connection';
import { clearMark, liveMarks, putMark, sweepMarks, type MarkWork } from './server/working';
import type { Schedule } from './worker';

/** A desk renews its mark this often while the account stays open… */
export const MARK_RENEW_MS = 60_000;
/** …and a mark not renewed for this long (its desktop vanished) is no longer shown. */
export const MARK_TTL_MS = 180_000;

/**
 * Notes the account this desk has open, for the sync worker to tell the office. A follow-up
 * named is the one being worked; it must be the account's.
 */
export function startWorking(
  ctx: Ctx,
  accountId: AccountId,
  followUpId: FollowUpId | undefined,
): void {
  if (!one(ctx.db, `SELECT 1 FROM accounts WHERE id = ?`, accountId))
    throw notFound('That account');
  if (
    followUpId !== undefined &&
    !one(ctx.db, `SELECT 1 FROM follow_ups WHERE id = ? AND account_id = ?`, followUpId, accountId)
  )
    throw notFound('That follow-up');
  run(
    ctx.db,
    `INSERT INTO working_here (id, account_id, follow_up_id, user_id, since) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id,
         follow_up_id = excluded.follow_up_id, user_id = excluded.user_id,
         since = CASE WHEN (working_here.account_id, working_here.user_id)
             = (excluded.account_id, excluded.user_id)
           THEN working_here.since ELSE excluded.since END`,
    accountId,
    followUpId ?? null,
    ctx.userId,
    ctx.clock.now(),
  );
}

/**
 * The desk left this account. Only this one: a "left" that arrives after the next
 * account was opened does not take that one's mark away.
 */
export function stopWorking(ctx: Ctx, accountId: AccountId): void {
  run(ctx.db, `DELETE FROM working_here WHERE account_id = ?`, accountId);
}

/**
 * The other desks' marks as this desktop last heard them. Not known (offline) while the
 * worker is not in touch with the server, or when its last refresh is older than a mark
 * lives: a desk that says "no one" must know it.
 */
export function workingMarksView(ctx: ReadCtx): WorkingMarksView {
  const link = one<{ at: string | null }>(ctx.db, `SELECT marks_at AS at FROM office_link`);
  const today = ctx.clock.today();
  if (!link) return { state: 'standalone', today, marks: [] };
  const age = link.at === null ? Infinity : Date.parse(ctx.clock.now()) - Date.parse(link.at);
  if (!(age < MARK_TTL_MS)) return { state: 'offline', today, marks: [] };
  const marks = all<WorkingMarksView['marks'][number]>(
    ctx.db,
    `SELECT account_id AS accountId, follow_up_id AS followUpId, user_name AS userName, since
       FROM working_marks ORDER BY since, desktop_id`,
  );
  return { state: 'live', today, marks };
}

/** What this desk has open, named for the office; none before the worker started. */
function ownWork(ctx: Ctx, startedAt: string): MarkWork | null {
  const row = one<{ accountId: number; followUpId: number | null; name: string; since: string }>(
    ctx.db,
    `SELECT w.account_id AS accountId, w.follow_up_id AS followUpId, u.display_name AS name,
         w.since
       FROM working_here w JOIN users u ON u.id = w.user_id`,
  );
  // left from before ClaimDesk last started: that window is gone
  if (!row || row.since < startedAt) return null;
  return {
    accountGid: gidOf(ctx.db, 'accounts', row.accountId),
    followUpGid: gidOrNull(ctx.db, 'follow_ups', row.followUpId),
    userName: row.name,
  };
}

export interface WorkingMarksOptions {
  /** The time the server judges expiry by; the server's own clock when absent (tests set it). */
  at?: () => string;
  renewMs?: number;
  ttlMs?: number;
}

/**
 * A desktop's side of "who is working this account now", driven by the sync worker:
 * `update` after each round the worker made in touch with the server (sends this desk's
 * mark when it changed), `changed` when the server announces another desk's mark,
 * `offline` when the worker loses the server, `stop` when ClaimDesk quits. While in touch
 * it renews every minute: this desk's mark if it has one, a sweep of the marks nobody
 * renewed, and a refresh of the others' marks here (which keeps them known to be
 * current). Marks never go through the outbox: they are not data.
 */
export class WorkingMarks {
  private readonly pool: pg.Pool;
  private readonly startedAt: string;
  /** The work the server has from this desk, as sent; undefined when not known. */
  private sent: string | null | undefined = undefined;
  private cancelRenew: (() => void) | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private stale = true;
  private stopped = false;
  /** Out of touch with the server: no renewals until the worker is back. */
  private paused = false;
  private readonly watchers = new Set<() => void>();
  private readonly renewMs: number;
  private readonly ttlMs: number;

  constructor(
    private readonly ctx: Ctx,
    config: ServerConfig,
    private readonly schedule: Schedule,
    private readonly options: WorkingMarksOptions = {},
  ) {
    // one connection is plenty for a mark a minute, and an office's connections are few
    this.pool = openPool(config, 1);
    this.pool.on('error', () => undefined);
    this.startedAt = ctx.clock.now();
    this.renewMs = options.renewMs ?? MARK_RENEW_MS;
    this.ttlMs = options.ttlMs ?? MARK_TTL_MS;
  }

  /** Calls `fn` after each refresh of the others' marks (tests wait on it). */
  watch(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  /** After a sync round in touch with the server: sends a changed mark, refreshes if due. */
  update(): Promise<void> {
    this.paused = false;
    return this.inTurn(async () => {
      await this.send(false);
      if (this.stale) await this.refresh();
      this.keepRenewing();
    }).catch((error: unknown) => {
      this.forget();
      throw error;
    });
  }

  /** Another desk's mark changed (the server said so): take the marks again now. */
  changed(): Promise<void> {
    this.stale = true;
    return this.inTurn(() => this.refresh()).catch(() => this.forget());
  }

  /** The minute's renewal: puts this desk's mark again, sweeps the expired, refreshes. */
  renewNow(): Promise<void> {
    return this.inTurn(async () => {
      await this.send(true);
      await this.refresh();
    }).catch(() => this.forget());
  }

  /** The worker lost the server: the marks here are no longer known to be current. */
  offline(): void {
    this.paused = true;
    this.cancelRenew?.();
    this.cancelRenew = null;
    this.forget();
  }

  /** ClaimDesk quits: this desk's mark comes down at once rather than at its expiry. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.cancelRenew?.();
    this.cancelRenew = null;
    const link = officeLink(this.ctx.db);
    await this.inTurn(async () => {
      // only a mark this desk knows it put: after losing the server, it expires there
      if (link && typeof this.sent === 'string') await clearMark(this.pool, link.desktopId);
    }).catch(() => undefined);
    this.forget();
    await this.pool.end();
  }

  private async send(renew: boolean): Promise<void> {
    const link = officeLink(this.ctx.db);
    if (!link) return;
    const work = ownWork(this.ctx, this.startedAt);
    const key = work ? JSON.stringify(work) : null;
    const at = this.options.at?.();
    if (work) {
      if (renew || key !== this.sent)
        await putMark(this.pool, link.desktopId, work, this.ttlMs / 1000, at);
    } else if (this.sent !== null) {
      await clearMark(this.pool, link.desktopId);
    } else if (renew) {
      await sweepMarks(this.pool, at);
    }
    this.sent = key;
  }

  private async refresh(): Promise<void> {
    const link = officeLink(this.ctx.db);
    if (!link) return;
    const marks = await liveMarks(this.pool, this.options.at?.());
    // a long piece of work holds the copy: the next update or renewal takes them
    if (this.ctx.db.inTransaction) return;
    inWriteTransaction(this.ctx, () => {
      run(this.ctx.db, `DELETE FROM working_marks`);
      for (const m of marks) {
        if (m.desktopId === link.desktopId) continue;
        const accountId = localIdOf(this.ctx.db, 'accounts', m.accountGid);
        if (accountId === undefined) continue;
        const followUpId =
          m.followUpGid === null
            ? null
            : (localIdOf(this.ctx.db, 'follow_ups', m.followUpGid) ?? null);
        run(
          this.ctx.db,
          `INSERT INTO working_marks (desktop_id, account_id, follow_up_id, user_name, since)
             VALUES (?, ?, ?, ?, ?)`,
          m.desktopId,
          accountId,
          followUpId,
          m.userName,
          m.since,
        );
      }
      run(this.ctx.db, `UPDATE office_link SET marks_at = ?`, this.ctx.clock.now());
    });
    this.stale = false;
    for (const fn of this.watchers) fn();
  }

  /** The marks here are not known to be current, and the server's copy of this desk's is not either. */
  private forget(): void {
    this.sent = undefined;
    this.stale = true;
    if (this.ctx.db.inTransaction || !officeLink(this.ctx.db)) return;
    inWriteTransaction(this.ctx, () => {
      run(this.ctx.db, `DELETE FROM working_marks`);
      run(this.ctx.db, `UPDATE office_link SET marks_at = NULL`);
    });
    for (const fn of this.watchers) fn();
  }

  private keepRenewing(): void {
    if (this.cancelRenew || this.stopped || this.paused) return;
    this.cancelRenew = this.schedule(this.renewMs, () => {
      this.cancelRenew = null;
      void this.renewNow().finally(() => this.keepRenewing());
    });
  }

  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const next = this.turn.then(step);
    this.turn = next.catch(() => undefined);
    return next;
  }
}

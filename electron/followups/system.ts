import { FOLLOW_UP_KIND, type FollowUpKind } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Ctx } from '../api/context';
import { recordActivity } from '../activities/record';

/**
 * Follow-ups the app itself opens and closes (a late plan, a broken promise, a credit
 * balance). Callers run inside their transaction and refresh the queue columns after.
 */
export function openSystemFollowUp(
  ctx: Ctx,
  f: { accountId: number; kind: FollowUpKind; dueDate: IsoDate; reason: string },
): number {
  const existing = ctx.db
    .prepare(
      `SELECT id FROM follow_ups
       WHERE account_id = ? AND claim_id IS NULL AND kind = ? AND status = 'open'`,
    )
    .get(f.accountId, f.kind) as { id: number } | undefined;
  if (existing) {
    ctx.db.prepare(`UPDATE follow_ups SET reason = ? WHERE id = ?`).run(f.reason, existing.id);
    return existing.id;
  }
  const id = Number(
    ctx.db
      .prepare(
        `INSERT INTO follow_ups (account_id, kind, due_date, reason, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(f.accountId, f.kind, f.dueDate, f.reason, ctx.clock.now(), ctx.userId).lastInsertRowid,
  );
  recordActivity(ctx, {
    accountId: f.accountId,
    kind: 'system',
    text: `${FOLLOW_UP_KIND.labels[f.kind]} follow-up opened: ${f.reason}`,
  });
  return id;
}

/** Closes the account's open follow-ups of a kind, saying why; returns how many. */
export function closeSystemFollowUps(
  ctx: Ctx,
  accountId: number,
  kind: FollowUpKind,
  why: string,
): number {
  const result = ctx.db
    .prepare(
      `UPDATE follow_ups SET status = 'done', completed_at = ?, completed_by = ?
       WHERE account_id = ? AND claim_id IS NULL AND kind = ? AND status = 'open'`,
    )
    .run(ctx.clock.now(), ctx.userId, accountId, kind);
  if (result.changes > 0) {
    recordActivity(ctx, {
      accountId,
      kind: 'system',
      text: `${FOLLOW_UP_KIND.labels[kind]} follow-up closed: ${why}`,
    });
  }
  return result.changes;
}

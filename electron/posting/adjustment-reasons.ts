import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict } from '../../shared/api/errors';
import type { AdjustmentReason, AdjustmentReasonsView } from '../../shared/api/posting';
import type { Ctx, ReadCtx } from '../core/context';
import { isSupervisor } from '../users/users';
import { all, one, oneOrThrow, run } from '../db/query';

/** The office's reasons, retired ones included (past entries still name them). */
export function listAdjustmentReasons(ctx: ReadCtx): AdjustmentReasonsView {
  const reasons = all<Omit<AdjustmentReason, 'active'> & { active: number }>(
    ctx.db,
    `SELECT code, label, category, active FROM adjustment_reasons ORDER BY label`,
  ).map((r) => ({ ...r, active: r.active === 1 }));
  return { reasons, canChange: isSupervisor(ctx.db, ctx.userId) };
}

/**
 * A supervisor keeps the list of adjustment reasons: adds one, renames it, or retires it.
 * A reason is never deleted or moved to another category once entries name it, so past
 * write-offs keep reporting under the category they were posted with.
 */
export function saveAdjustmentReason(
  ctx: Ctx,
  input: ParsedInputOf<'saveAdjustmentReason'>,
): AdjustmentReasonsView {
  const { db } = ctx;
  const existing = one<{ category: string }>(
    db,
    `SELECT category FROM adjustment_reasons WHERE code = ?`,
    input.code,
  );
  if (existing && existing.category !== input.category) {
    const used = oneOrThrow<{ n: number }>(
      db,
      `SELECT (SELECT count(*) FROM ledger_entries WHERE reason_code = ?)
             + (SELECT count(*) FROM adjustment_requests WHERE reason_code = ?) AS n`,
      input.code,
      input.code,
    );
    if (used.n > 0) {
      throw conflict(
        `Reason ${input.code} has been used, so its category cannot change; retire it and add a new one.`,
      );
    }
  }
  run(
    db,
    `INSERT INTO adjustment_reasons (code, label, category, active) VALUES (?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET label = excluded.label, category = excluded.category,
         active = excluded.active`,
    input.code,
    input.label,
    input.category,
    input.active ? 1 : 0,
  );
  return listAdjustmentReasons(ctx);
}

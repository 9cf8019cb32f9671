import type { ClaimId, FollowUpId, UserId } from '../../shared/ids';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import { classifyDenial } from '../../shared/codes/denials';
import { addDays, type IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { isDenyingAdjustment } from '../../shared/codes/reason-rules';
import { all, prepare } from '../db/query';

/**
 * Gives every open denial follow-up that has no denial record one, classified from the
 * codes already on its claim. Denials worked before the denial workflow existed (and the
 * demo hospital's) then show in the denials view like imported ones. Returns how many.
 * In follow-up order, so the denials' ids do not depend on which index the planner reads.
 */
export function recordOpenDenials(db: Db, userId: UserId, now: string): number {
  const open = all<{
    followUpId: FollowUpId;
    claimId: ClaimId;
    deadlineDate: IsoDate | null;
    createdAt: string;
    remitDate: IsoDate | null;
    windowDays: number;
    open: Cents;
  }>(
    db,
    `SELECT f.id AS followUpId, f.claim_id AS claimId, f.deadline_date AS deadlineDate,
         f.created_at AS createdAt, c.remit_date AS remitDate, py.appeal_window_days AS windowDays,
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l
           WHERE l.claim_id = c.id AND l.side = 'insurance') AS open
       FROM follow_ups f JOIN claims c ON c.id = f.claim_id JOIN payers py ON py.id = c.payer_id
       WHERE f.kind = 'denial' AND f.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM denials d WHERE d.claim_id = f.claim_id)
       ORDER BY f.id`,
  );
  const adjustments = prepare<{ groupCode: string; reasonCode: string; amount: Cents }>(
    db,
    `SELECT group_code AS groupCode, reason_code AS reasonCode, amount FROM claim_adjustments
     WHERE claim_id = ? ORDER BY id`,
  );
  const remarks = prepare<{ code: string }>(
    db,
    `SELECT DISTINCT code FROM claim_remarks WHERE claim_id = ? ORDER BY id`,
  );
  const insert = prepare(
    db,
    `INSERT INTO denials (claim_id, follow_up_id, category, action, codes, amount, remit_date,
       deadline_date, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const f of open) {
    const codes = adjustments
      .all(f.claimId)
      .filter((a) => isDenyingAdjustment(a.groupCode, a.reasonCode));
    const remarkCodes = remarks.all(f.claimId).map((r) => r.code);
    const { category, action } = classifyDenial(
      codes.map((a) => ({ group: a.groupCode, reason: a.reasonCode })),
      remarkCodes,
    );
    const remitDate = f.remitDate ?? (f.createdAt.slice(0, 10) as IsoDate);
    const denied = sumCents(codes.map((a) => a.amount));
    insert.run(
      f.claimId,
      f.followUpId,
      category,
      action,
      [...new Set(codes.map((a) => `${a.groupCode}-${a.reasonCode}`)), ...remarkCodes].join(' '),
      denied > 0 ? denied : cents(Math.max(0, f.open)),
      remitDate,
      f.deadlineDate ?? addDays(remitDate, f.windowDays),
      now,
      now,
      userId,
    );
  }
  return open.length;
}

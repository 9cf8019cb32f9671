import type { AccountId, PlanId } from '../../shared/ids';
import type { PlanView } from '../../shared/api/plans';
import type { PlanStatus } from '../../shared/codes/enums';
import type { IsoDate } from '../../shared/dates/iso-date';
import { cents, sumCents, type Cents } from '../../shared/money/cents';
import type { Installment } from '../../shared/plans/schedule';
import { planStanding } from '../../shared/plans/standing';
import type { Db, ReadDb } from '../db/open';
import { patientPaidTotal } from '../posting/account-state';
import { all, one } from '../db/query';

interface PlanRow {
  id: PlanId;
  accountId: AccountId;
  status: PlanStatus;
  delinquent: number;
  startDate: IsoDate;
  firstDueDate: IsoDate;
  monthlyAmount: Cents;
  downPayment: Cents;
  graceDays: number;
  includeNewCharges: number;
  paidBefore: number;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
  endReason: string | null;
}

const PLAN_SQL = `SELECT p.id, p.account_id AS accountId, p.status, p.delinquent,
    p.start_date AS startDate, p.first_due_date AS firstDueDate,
    p.monthly_amount AS monthlyAmount, p.down_payment AS downPayment, p.grace_days AS graceDays,
    p.include_new_charges AS includeNewCharges, p.paid_before AS paidBefore,
    u.display_name AS createdBy, p.created_at AS createdAt, p.ended_at AS endedAt,
    p.end_reason AS endReason
  FROM payment_plans p JOIN users u ON u.id = p.created_by`;

export function planInstallments(db: ReadDb, planId: PlanId): Installment[] {
  return all<Installment>(
    db,
    `SELECT number, due_date AS dueDate, amount FROM plan_installments
       WHERE plan_id = ? ORDER BY number`,
    planId,
  );
}

/** What the patient has paid toward the plan: patient payments since it began. */
export function paidTowardPlan(db: ReadDb, accountId: AccountId, paidBefore: number): Cents {
  // a reversed payment from before the plan can take the figure below zero; it pays nothing
  return cents(Math.max(0, patientPaidTotal(db, accountId) - paidBefore));
}

/** A plan as the account shows it, keeping the brand of its id for the writers that use it. */
export type LoadedPlan = PlanView & { id: PlanId };

function toView(db: ReadDb, row: PlanRow, today: IsoDate): LoadedPlan {
  const installments = planInstallments(db, row.id);
  const paid = paidTowardPlan(db, row.accountId, row.paidBefore);
  const standing = planStanding(installments, paid, today, row.graceDays);
  return {
    id: row.id,
    status: row.status,
    delinquent: row.delinquent === 1,
    startDate: row.startDate,
    firstDueDate: row.firstDueDate,
    monthlyAmount: row.monthlyAmount,
    downPayment: row.downPayment,
    graceDays: row.graceDays,
    includeNewCharges: row.includeNewCharges === 1,
    total: sumCents(installments.map((i) => i.amount)),
    paid: cents(standing.totalPaid - standing.credit),
    remaining: standing.remaining,
    pastDue: standing.pastDue,
    nextDue: standing.nextDue,
    installments: standing.installments.map((i) => ({
      number: i.number,
      dueDate: i.dueDate,
      amount: i.amount,
      paid: i.paid,
      remaining: i.remaining,
      status: i.status,
    })),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    endReason: row.endReason,
  };
}

/** The account's plans, the active one first. */
export function accountPlans(db: ReadDb, accountId: AccountId, today: IsoDate): PlanView[] {
  const rows = all<PlanRow>(
    db,
    `${PLAN_SQL} WHERE p.account_id = ? ORDER BY p.status = 'active' DESC, p.id DESC`,
    accountId,
  );
  return rows.map((r) => toView(db, r, today));
}

export function activePlan(db: Db, accountId: AccountId, today: IsoDate): LoadedPlan | null {
  // every posting asks; a one-index probe answers the usual "no plan" several times faster
  // than the full query with its join
  const any = one(
    db,
    `SELECT 1 AS found FROM payment_plans WHERE account_id = ? AND status = 'active'`,
    accountId,
  );
  if (!any) return null;
  const row = one<PlanRow>(
    db,
    `${PLAN_SQL} WHERE p.account_id = ? AND p.status = 'active'`,
    accountId,
  );
  return row ? toView(db, row, today) : null;
}

export function planRow(db: Db, planId: PlanId): PlanRow | undefined {
  return one<PlanRow>(db, `${PLAN_SQL} WHERE p.id = ?`, planId);
}

import type { AccountId } from '../../shared/ids';
import { touchAccount } from '../core/touched';
import type { Db, ReadDb } from '../db/open';
import { all, oneOrThrow, prepare, run } from '../db/query';
import type { PaymentPlanRow } from './wire-plans';

/**
 * A plan's installments travel inside the plan's row, whole (record-columns-plans.ts): read
 * with it, and written with it when the plan is taken from the office.
 */
export function planSchedule(db: ReadDb, planId: number): PaymentPlanRow['installments'] {
  return all<PaymentPlanRow['installments'][number]>(
    db,
    `SELECT number, due_date AS dueDate, amount FROM plan_installments
       WHERE plan_id = ? ORDER BY number`,
    planId,
  );
}

/**
 * Writes a taken plan's schedule over this copy's, and marks its account so the upkeep at
 * commit settles the plan from this copy's own ledger: late, caught up or paid off is this
 * desk's reading, never the sending desk's.
 */
export function takeSchedule(db: Db, planId: number, row: PaymentPlanRow): void {
  run(db, `DELETE FROM plan_installments WHERE plan_id = ?`, planId);
  const insert = prepare(
    db,
    `INSERT INTO plan_installments (plan_id, number, due_date, amount) VALUES (?, ?, ?, ?)`,
  );
  for (const i of row.installments) insert.run(planId, i.number, i.dueDate, i.amount);
  // a plan ended by a person is no longer late here either
  run(db, `UPDATE payment_plans SET delinquent = 0 WHERE id = ? AND status <> 'active'`, planId);
  touchAccount(db, accountOf(db, 'payment_plans', planId));
}

/** A taken promise is settled at commit as well: kept or broken by this copy's ledger. */
export function takePromise(db: Db, promiseId: number): void {
  touchAccount(db, accountOf(db, 'promises', promiseId));
}

function accountOf(db: ReadDb, tbl: 'payment_plans' | 'promises', id: number): AccountId {
  return oneOrThrow<{ a: AccountId }>(db, `SELECT account_id AS a FROM ${tbl} WHERE id = ?`, id).a;
}

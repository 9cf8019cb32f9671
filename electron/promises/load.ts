import type { AccountId } from '../../shared/ids';
import type { PromiseView } from '../../shared/api/plans';
import { cents } from '../../shared/money/cents';
import type { ReadDb } from '../db/open';
import { patientPaidTotal } from '../posting/account-state';
import { all } from '../db/query';

type PromiseRow = Omit<PromiseView, 'paidSince'> & { paidBefore: number };

const PROMISE_SQL = `SELECT pr.id, pr.kind, pr.amount, pr.due_date AS dueDate, pr.status, pr.note,
    pr.paid_before AS paidBefore, u.display_name AS createdBy, pr.created_at AS createdAt
  FROM promises pr JOIN users u ON u.id = pr.created_by`;

export function accountPromises(db: ReadDb, accountId: AccountId): PromiseView[] {
  const paid = patientPaidTotal(db, accountId);
  return all<PromiseRow>(
    db,
    `${PROMISE_SQL} WHERE pr.account_id = ? ORDER BY pr.status = 'open' DESC, pr.id DESC`,
    accountId,
  ).map(({ paidBefore, ...p }) => ({ ...p, paidSince: cents(Math.max(0, paid - paidBefore)) }));
}

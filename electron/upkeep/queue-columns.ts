import type { AccountId, FollowUpId, PayerId } from '../../shared/ids';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { Db } from '../db/open';
import { queueRank } from '../queue/priority';
import { all, one, prepare } from '../db/query';

/**
 * Copies what the queue filters and sorts on (payer, balance, oldest open date, account
 * number, patient name) onto the
 * account's open follow-ups and recomputes their rank. The payer is the claim's for a
 * claim follow-up, else the account's primary coverage.
 */
export function refreshQueueColumns(db: Db, accountId: AccountId, today: IsoDate): void {
  const followUps = all<{
    id: FollowUpId;
    dueDate: IsoDate;
    deadlineDate: IsoDate | null;
    claimPayerId: PayerId | null;
  }>(
    db,
    `SELECT f.id, f.due_date AS dueDate, f.deadline_date AS deadlineDate,
         (SELECT payer_id FROM claims WHERE id = f.claim_id) AS claimPayerId
       FROM follow_ups f WHERE f.account_id = ? AND f.status = 'open'`,
    accountId,
  );
  // most accounts a posting touches have nothing open: no row to copy the figures onto
  if (followUps.length === 0) return;
  const account = one<{
    balance: number;
    oldestOpenDate: IsoDate | null;
    accountNumber: string;
    patientName: string;
    payerId: PayerId | null;
  }>(
    db,
    // scalar subqueries, not joins: measured three times cheaper per call on a large file
    `SELECT a.insurance_balance + a.patient_balance AS balance,
         a.oldest_open_date AS oldestOpenDate, a.account_number AS accountNumber,
         (SELECT last_name || ', ' || first_name FROM people WHERE id = a.patient_id)
           AS patientName,
         (SELECT payer_id FROM coverages WHERE account_id = a.id AND priority = 1) AS payerId
       FROM accounts a WHERE a.id = ?`,
    accountId,
  );
  if (!account) return;
  const update = prepare(
    db,
    `UPDATE follow_ups SET payer_id = ?, balance = ?, oldest_open_date = ?, account_number = ?,
       patient_name = ?, rank = ?
     WHERE id = ?`,
  );
  for (const f of followUps) {
    update.run(
      f.claimPayerId ?? account.payerId,
      account.balance,
      account.oldestOpenDate,
      account.accountNumber,
      account.patientName,
      queueRank({ ...account, ...f }, today),
      f.id,
    );
  }
}

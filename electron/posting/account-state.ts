import type { AccountId, ClaimId } from '../../shared/ids';
import type { BalanceTotals } from '../../shared/api/posting';
import { conflict, notFound } from '../../shared/api/errors';
import { cents, type Cents } from '../../shared/money/cents';
import type { Db, ReadDb } from '../db/open';
import { one, oneOrThrow } from '../db/query';

export interface PostableAccount {
  id: AccountId;
  accountNumber: string;
  status: string;
  insuranceBalance: Cents;
  patientBalance: Cents;
}

/** The account money may be posted to: it exists and is not closed. */
export function requirePostableAccount(db: ReadDb, accountId: AccountId): PostableAccount {
  const row = one<PostableAccount>(
    db,
    `SELECT id, account_number AS accountNumber, status, insurance_balance AS insuranceBalance,
         patient_balance AS patientBalance
       FROM accounts WHERE id = ?`,
    accountId,
  );
  if (!row) throw notFound('The account');
  if (row.status === 'closed') {
    throw conflict(
      `Account ${row.accountNumber} is closed; nothing can be posted to it. Reopen it first or post to the right account.`,
    );
  }
  return row;
}

export function balanceTotals(db: Db, accountId: AccountId): BalanceTotals {
  const row = oneOrThrow<{ insurance: number; patient: number }>(
    db,
    `SELECT insurance_balance AS insurance, patient_balance AS patient FROM accounts WHERE id = ?`,
    accountId,
  );
  return {
    total: cents(row.insurance + row.patient),
    insurance: cents(row.insurance),
    patient: cents(row.patient),
  };
}

/**
 * Everything the patient side has paid on the account, net of reversals. Plans and
 * promises remember this figure when they are made and count what comes after it.
 */
export function patientPaidTotal(db: ReadDb, accountId: AccountId): Cents {
  const row = oneOrThrow<{ paid: number }>(
    db,
    `SELECT ifnull(-sum(amount), 0) AS paid FROM ledger_entries
       WHERE account_id = ? AND side = 'patient' AND kind = 'payment'`,
    accountId,
  );
  return cents(row.paid);
}

/** Open (positive) or credit (negative) amount on one side of one claim. */
export function claimSideBalance(
  db: ReadDb,
  claimId: ClaimId,
  side: 'insurance' | 'patient',
): Cents {
  const row = oneOrThrow<{ balance: number }>(
    db,
    `SELECT ifnull(sum(amount), 0) AS balance FROM ledger_entries WHERE claim_id = ? AND side = ?`,
    claimId,
    side,
  );
  return cents(row.balance);
}

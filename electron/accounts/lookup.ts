import type { AccountId, ClaimId, UserId } from '../../shared/ids';
import { ApiError, notFound } from '../../shared/api/errors';
import type { Db, ReadDb } from '../db/open';
import { one } from '../db/query';

/** Checks shared by handlers that act on an account or one of its claims. */
export function requireAccount(db: ReadDb, accountId: AccountId): { id: number; status: string } {
  const row = one<{ id: number; status: string }>(
    db,
    `SELECT id, status FROM accounts WHERE id = ?`,
    accountId,
  );
  if (!row) throw notFound('The account');
  return row;
}

export function requireClaimOnAccount(db: Db, claimId: ClaimId, accountId: AccountId): void {
  const row = one<{ accountId: AccountId }>(
    db,
    `SELECT account_id AS accountId FROM claims WHERE id = ?`,
    claimId,
  );
  if (!row) throw notFound('The claim');
  if (row.accountId !== accountId) {
    throw new ApiError({
      code: 'invalid_input',
      message: 'That claim belongs to a different account.',
    });
  }
}

export function requireActiveUser(db: Db, userId: UserId): void {
  const row = one<{ active: number }>(db, `SELECT active FROM users WHERE id = ?`, userId);
  if (!row) throw notFound('The user');
  if (row.active !== 1) {
    throw new ApiError({ code: 'invalid_input', message: 'That user is no longer active.' });
  }
}

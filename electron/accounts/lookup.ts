import { ApiError, notFound } from '../../shared/api/errors';
import type { Db, ReadDb } from '../db/open';

/** Checks shared by handlers that act on an account or one of its claims. */
export function requireAccount(db: ReadDb, accountId: number): { id: number; status: string } {
  const row = db.prepare(`SELECT id, status FROM accounts WHERE id = ?`).get(accountId) as
    { id: number; status: string } | undefined;
  if (!row) throw notFound('The account');
  return row;
}

export function requireClaimOnAccount(db: Db, claimId: number, accountId: number): void {
  const row = db.prepare(`SELECT account_id AS accountId FROM claims WHERE id = ?`).get(claimId) as
    { accountId: number } | undefined;
  if (!row) throw notFound('The claim');
  if (row.accountId !== accountId) {
    throw new ApiError({
      code: 'invalid_input',
      message: 'That claim belongs to a different account.',
    });
  }
}

export function requireActiveUser(db: Db, userId: number): void {
  const row = db.prepare(`SELECT active FROM users WHERE id = ?`).get(userId) as
    { active: number } | undefined;
  if (!row) throw notFound('The user');
  if (row.active !== 1) {
    throw new ApiError({ code: 'invalid_input', message: 'That user is no longer active.' });
  }
}

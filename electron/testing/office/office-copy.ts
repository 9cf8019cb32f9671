import pg from 'pg';
import type { AccountId } from '../../../shared/ids';
import { fixedClock, type Ctx } from '../../core/context';
import { openDatabase } from '../../db/open';
import { oneOrThrow } from '../../db/query';
import { addAccount } from '../builders';
import { call } from '../call';
import { TEST_TODAY } from '../test-db';
import type { UserId } from '../../../shared/ids';
import { owing } from './money';

/** A patient's cash payment of `amount` cents today. */
export const cash = (accountId: AccountId, amount: number) => ({
  accountId,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});

/**
 * A standalone desktop's money and work before it becomes an office: accounts with charges,
 * a payment, a payment and its reversal, follow-ups and a note.
 */
export function officeBeforeUpload(ctx: Ctx, accounts = 3): AccountId[] {
  const ids: AccountId[] = [];
  for (let i = 0; i < accounts; i++) {
    const { accountId } = addAccount(ctx);
    owing(ctx, accountId);
    call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
    ids.push(accountId);
  }
  const [first, second] = ids as [AccountId, AccountId];
  call(ctx, 'takePayment', cash(first, 2_500));
  const paid = call(ctx, 'takePayment', cash(second, 4_000));
  if (paid.receiptId === null) throw new Error('no receipt');
  call(ctx, 'reversePayment', { receiptId: paid.receiptId, reason: 'Check returned.' });
  call(ctx, 'addActivity', { accountId: first, kind: 'note', text: 'Called before the office.' });
  return ids;
}

/** A desktop over a file another made (a downloaded copy), as a user the copy holds. */
export function desktopOver(file: string, userId: UserId): Ctx {
  return { db: openDatabase(file), clock: fixedClock(TEST_TODAY), userId, databasePath: file };
}

/** One query's rows, on a connection of its own, as the cluster's administrator. */
export async function serverRows<T extends pg.QueryResultRow>(
  server: pg.ClientConfig,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The desktop's own id in its office, or null while it is standalone. */
export function desktopIdOf(ctx: Ctx): string | null {
  return (
    oneOrThrow<{ id: string | null }>(ctx.db, `SELECT (SELECT desktop_id FROM office_link) AS id`)
      .id ?? null
  );
}

import fc from 'fast-check';
import type pg from 'pg';
import type { AccountId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all, one } from '../../db/query';
import { gidOf, gidOrNull } from '../../office/gids';
import { dispatch } from '../dispatch';
import type { Desktop } from './desktops';
import { supervisorOf } from './property';

/**
 * The office's approval limits in the property test's first copy, low enough for its
 * $200.00 accounts: a write-off above $100.00 a day on an account, or reversals above
 * $200.00 (a payment is up to $250.00), wait for a supervisor. The adjustments of up to
 * $50.00 wait too once a desk has written off $100.00 on the account that day.
 */
export const PROPERTY_LIMITS = { writeOffApprovalLimit: 10_000, reversalApprovalLimit: 20_000 };

/** A representative asks for a write-off, or the office's supervisor decides a request. */
export type RequestAction =
  | { do: 'request'; at: number; account: number; cents: number }
  | { do: 'decide'; at: number; pick: number; approve: boolean };

const at = fc.integer({ min: 0, max: 2 });

/** The request actions, weighted for fc.oneof beside the others. */
export const requestActions = [
  // a write-off over the limit (of the patient's balance, if less: under the limit with
  // nothing written off today it posts)
  {
    arbitrary: fc.record({
      do: fc.constant('request' as const),
      at,
      account: fc.integer({ min: 0, max: 3 }),
      cents: fc.integer({ min: PROPERTY_LIMITS.writeOffApprovalLimit + 1, max: 20_000 }),
    }),
    weight: 3,
  },
  // often enough that two desks decide one request before either sends
  {
    arbitrary: fc.record({
      do: fc.constant('decide' as const),
      at,
      pick: fc.nat(3),
      approve: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
    }),
    weight: 4,
  },
];

/** One request action at one desk; one the desk refuses writes nothing. */
export function performRequest(d: Desktop, accountId: AccountId, a: RequestAction): void {
  if (a.do === 'request') {
    const open =
      one<{ n: number }>(
        d.ctx.db,
        `SELECT patient_balance AS n FROM accounts WHERE id = ?`,
        accountId,
      )?.n ?? 0;
    const amount = Math.min(a.cents, open);
    if (amount <= 0) return;
    dispatch(d.ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount,
      reasonCode: 'SMALL_BALANCE',
      memo: 'Small balance',
    });
    return;
  }
  // a request waiting here, as this desk knows it
  const waiting = all<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM adjustment_requests WHERE status = 'pending' ORDER BY id`,
  );
  const request = waiting[a.pick % Math.max(waiting.length, 1)];
  if (!request) return;
  dispatch(
    { ...d.ctx, userId: supervisorOf(d) },
    'decideAdjustment',
    a.approve
      ? { requestId: request.id, decision: 'approve', note: 'Agreed.' }
      : { requestId: request.id, decision: 'reject', note: 'Call the patient first.' },
  );
}

/**
 * Each request as this copy holds it, by office-wide ids: what it asks, its decision, who
 * made it (by sign-in name, as the server names users) and what the approval posted.
 */
export function requestState(ctx: Ctx): string[] {
  return all<{
    id: number;
    kind: string;
    amount: number;
    status: string;
    decidedBy: string | null;
    entry: number | null;
    receipt: number | null;
  }>(
    ctx.db,
    `SELECT r.id, r.kind, r.amount, r.status, u.username AS decidedBy,
         r.ledger_entry_id AS entry, r.receipt_id AS receipt
       FROM adjustment_requests r LEFT JOIN users u ON u.id = r.decided_by`,
  )
    .map(
      (r) =>
        `${gidOf(ctx.db, 'adjustment_requests', r.id)} ${r.kind} ${r.amount} ${r.status}` +
        ` ${r.decidedBy === null ? '-' : `user:${r.decidedBy}`}` +
        ` ${gidOrNull(ctx.db, 'ledger_entries', r.entry) ?? '-'}` +
        ` ${gidOrNull(ctx.db, 'receipts', r.receipt) ?? '-'}`,
    )
    .sort();
}

/** The office's requests as the server holds them, in requestState's words. */
export async function serverRequestState(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ s: string }>(
    `SELECT gid || ' ' || kind || ' ' || amount || ' ' || status || ' ' ||
         coalesce(decided_by, '-') || ' ' || coalesce(ledger_entry_gid, '-') || ' ' ||
         coalesce(receipt_gid, '-') AS s
       FROM adjustment_requests`,
  );
  return rows.map((r) => r.s).sort();
}

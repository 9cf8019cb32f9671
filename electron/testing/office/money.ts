import type { AccountId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { all } from '../../db/query';
import { gidOf, gidOrNull } from '../../office/gids';
import { addBilledClaim, addPayer } from '../builders';

/** An account the patient owes $200.00 on, so payments have a claim to pay. */
export function owing(ctx: Ctx, accountId: AccountId): void {
  addBilledClaim(ctx, accountId, addPayer(ctx), [20_000], 'patient');
}

/**
 * A desktop's money, by office-wide ids, to compare copies: each ledger row (what it
 * reverses, if anything), and per account the cached balance beside its ledger sum.
 */
export function moneyState(ctx: Ctx): {
  ledger: string[];
  receipts: string[];
  balances: { account: string; balance: number; ledgerSum: number }[];
} {
  const ledger = all<{ id: number; amount: number; kind: string; reversesId: number | null }>(
    ctx.db,
    `SELECT id, amount, kind, reverses_id AS reversesId FROM ledger_entries`,
  ).map(
    (l) =>
      `${gidOf(ctx.db, 'ledger_entries', l.id)} ${l.kind} ${l.amount}` +
      ` reverses ${gidOrNull(ctx.db, 'ledger_entries', l.reversesId) ?? '-'}`,
  );
  const receipts = all<{ id: number; amount: number; reversesId: number | null }>(
    ctx.db,
    `SELECT id, amount, reverses_id AS reversesId FROM receipts`,
  ).map(
    (r) =>
      `${gidOf(ctx.db, 'receipts', r.id)} ${r.amount}` +
      ` reverses ${gidOrNull(ctx.db, 'receipts', r.reversesId) ?? '-'}`,
  );
  const balances = all<{ id: number; balance: number; ledgerSum: number }>(
    ctx.db,
    `SELECT a.id, a.insurance_balance + a.patient_balance AS balance,
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id)
           AS ledgerSum
       FROM accounts a ORDER BY a.id`,
  )
    .map((b) => ({
      account: gidOf(ctx.db, 'accounts', b.id),
      balance: b.balance,
      ledgerSum: b.ledgerSum,
    }))
    // by office-wide id: an account created after joining has another local id on each copy
    .sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
  return { ledger: ledger.sort(), receipts: receipts.sort(), balances };
}

import type { AccountId, ClaimId } from '../../shared/ids';
import { invalid } from '../../shared/api/errors';
import { cents, type Cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { Db } from '../db/open';
import { all, one } from '../db/query';

export interface Allocation {
  claimId: ClaimId | null;
  amount: Cents;
}

interface OpenItem {
  claimId: ClaimId | null;
  claimNumber: string | null;
  open: number;
}

/** What the patient owes per claim (null: charges not on a claim), oldest first. */
function openPatientItems(db: Db, accountId: AccountId): OpenItem[] {
  return all<OpenItem>(
    db,
    `SELECT l.claim_id AS claimId, c.claim_number AS claimNumber, sum(l.amount) AS open,
         min(l.posting_date) FILTER (WHERE l.amount > 0) AS since
       FROM ledger_entries l LEFT JOIN claims c ON c.id = l.claim_id
       WHERE l.account_id = ? AND l.side = 'patient'
       GROUP BY l.claim_id
       ORDER BY since, l.claim_id`,
    accountId,
  );
}

/**
 * Spreads a patient payment over the claims with a patient balance, oldest first. What is
 * left after every claim is paid stays on the account as a credit balance.
 */
export function allocateOldestFirst(db: Db, accountId: AccountId, amount: Cents): Allocation[] {
  const result: Allocation[] = [];
  let left: number = amount;
  for (const item of openPatientItems(db, accountId)) {
    if (left === 0) break;
    if (item.open <= 0) continue;
    const take = Math.min(left, item.open);
    result.push({ claimId: item.claimId, amount: cents(take) });
    left -= take;
  }
  if (left > 0) result.push({ claimId: null, amount: cents(left) });
  return result;
}

/**
 * Checks allocations a person chose: they add up to the payment, name claims on this
 * account, and pay no claim more than the patient owes on it (an overpayment must be
 * put on the account, where it shows as a credit).
 */
export function checkAllocations(
  db: Db,
  accountId: AccountId,
  amount: Cents,
  allocations: readonly Allocation[],
): Allocation[] {
  const total = allocations.reduce((s, a) => s + a.amount, 0);
  if (total !== amount) {
    throw invalid(
      `The amounts applied add up to ${formatCents(cents(total))} but the payment is ${formatCents(amount)}.`,
      'allocations',
    );
  }
  const open = new Map(openPatientItems(db, accountId).map((i) => [i.claimId, i]));
  const seen = new Set<number | null>();
  for (const a of allocations) {
    if (seen.has(a.claimId)) {
      throw invalid('Each claim may appear once in the allocations.', 'allocations');
    }
    seen.add(a.claimId);
    if (a.claimId === null) continue;
    const claim = one<{ accountId: AccountId }>(
      db,
      `SELECT account_id AS accountId FROM claims WHERE id = ?`,
      a.claimId,
    );
    if (!claim || claim.accountId !== accountId) {
      throw invalid('A payment can only be applied to claims on the same account.', 'allocations');
    }
    const item = open.get(a.claimId);
    const owed = Math.max(0, item?.open ?? 0);
    if (a.amount > owed) {
      throw invalid(
        `Claim ${item?.claimNumber ?? a.claimId} has ${formatCents(cents(owed))} open for the patient; ${formatCents(a.amount)} was applied. Put the rest on the account.`,
        'allocations',
      );
    }
  }
  return [...allocations];
}

import type { AccountId } from '../../shared/ids';
import type { Db } from '../db/open';

/** Accounts written to in the transaction open on each connection, waiting for upkeep. */
const pending = new WeakMap<Db, Set<AccountId>>();

/**
 * Marks an account whose derived state (plans, promises, credit follow-ups, queue columns
 * and rank) the upkeep must bring in line before the transaction commits. Writers call
 * this instead of settling or refreshing themselves, so an account touched many times in
 * one request is brought up to date once.
 */
export function touchAccount(db: Db, accountId: AccountId): void {
  let set = pending.get(db);
  if (!set) {
    set = new Set();
    pending.set(db, set);
  }
  set.add(accountId);
}

/** The accounts touched since the last call, in the order first touched; clears the list. */
export function takeTouched(db: Db): AccountId[] {
  const set = pending.get(db);
  if (!set || set.size === 0) return [];
  pending.delete(db);
  return [...set];
}

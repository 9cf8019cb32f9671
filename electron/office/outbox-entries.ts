import { accountGidOf } from './records';
import { isChangeable } from './record-columns';
import type { Change } from './wire';

// Which of a request's changes go together in one outbox entry and which apart: the office
// takes or refuses an entry whole, so a change that may be refused for its own reason goes in
// an entry of its own, and one that must not stand without another goes with it. sealOutbox
// (outbox.ts) writes the entries.

/** Tables whose rows name nothing a change to an earlier record needs. */
const NOTHING_NAMED: ReadonlySet<string> = new Set([
  'activities',
  'follow_ups',
  'claim_status_events',
]);

/**
 * Whether the request's changes to earlier records go as no part of `work`, the entry of its
 * notes, money and new records: they are a part of it only when they could name what it
 * made. A 277's notes, follow-ups and events name nothing a claim's change needs, and one
 * claim's follow-up opened first at another desk must not refuse every other claim's change
 * with the work.
 */
export function standsAlone(work: readonly Change[]): boolean {
  return work.every((c) => NOTHING_NAMED.has(c.tbl));
}

/**
 * The request's changes to earlier records, each claim's change (with its lines' and its
 * 277's status events) in an entry of its own: a 277 or an 835 speaks of many claims, and
 * another desk's change of one of them first must not refuse the others' with it.
 */
export function eachClaimApart(changed: readonly Change[]): Change[][] {
  const claims = changed.filter((c) => c.tbl === 'claims' && c.op === 'update');
  const ofClaim = (gid: string) =>
    changed.filter(
      (c) => (c.tbl === 'claim_status_events' || c.tbl === 'claim_lines') && c.row.claimGid === gid,
    );
  const apart = new Set(claims.flatMap((c) => [c, ...ofClaim(c.gid)]));
  const rest = changed.filter((c) => !apart.has(c));
  return [...(rest.length > 0 ? [rest] : []), ...claims.map((c) => [c, ...ofClaim(c.gid)])];
}

/**
 * The upgrade's rows in their entries, in table order, so parents go first (an agency before
 * its sendings and placements). Each goes alone, but for an account's collection records (a
 * move, a placement, an action): they are its status, so they go together with the account's
 * change, last, as a request's collection action does; and an account's plans go together.
 * Refused (another desk moved or placed the account first, changed it, or holds the agency's
 * name), they are withdrawn together and the account takes the office's row, or stands on its
 * records where the office has none.
 */
export function upgradeEntries(older: readonly Change[], changes: readonly Change[]): Change[][] {
  const entries: Change[][] = [];
  const ofAccount = new Map<string, Change[]>();
  // an account's plans go together too: each counts from the one before, so a plan whose
  // number the office has refuses the later ones with it, rather than leaving one of them
  // active beside the office's own
  const plansOf = new Map<string, Change[]>();
  for (const c of older) {
    const account = isCollection(c) || c.tbl === 'payment_plans' ? accountGidOf(c) : undefined;
    if (account === undefined) {
      entries.push([c]);
      continue;
    }
    const groups = c.tbl === 'payment_plans' ? plansOf : ofAccount;
    const entry = groups.get(account);
    if (entry) entry.push(c);
    else {
      const made = [c];
      groups.set(account, made);
      entries.push(made);
    }
  }
  for (const [account, entry] of ofAccount) {
    const status = changes.find(
      (c) => c.tbl === 'accounts' && c.op === 'update' && c.gid === account,
    );
    if (status) entry.push(status);
  }
  return entries;
}

export const isRecordUpdate = (c: Change) => c.op === 'update' && isChangeable(c.tbl);

/**
 * The request's denials, new or denied again, tracked by a follow-up the request opened,
 * and those follow-ups, in entry order.
 */
export function newDenials(changes: readonly Change[]): Change[] {
  const openedHere = new Set(
    changes.flatMap((c) => (c.tbl === 'follow_ups' && c.op === 'insert' ? [c.gid] : [])),
  );
  const tracked = new Set(
    changes.flatMap((c) =>
      c.tbl === 'denials' && openedHere.has(c.row.followUpGid) ? [c.row.followUpGid] : [],
    ),
  );
  if (tracked.size === 0) return [];
  return changes.filter(
    (c) =>
      (c.tbl === 'denials' && tracked.has(c.row.followUpGid)) ||
      (c.tbl === 'follow_ups' && c.op === 'insert' && tracked.has(c.gid)),
  );
}

/**
 * A person's ending of a payment plan goes with its note: refused (another desk changed the
 * plan first), the office must not keep a line saying it ended. New charges joining a plan
 * change it in a part of their posting, as other record changes do, so a clash over the plan
 * never takes the posting down.
 */
export const isPlanEnding = (c: Change) => c.tbl === 'payment_plans' && c.row.status !== 'active';

/** A record of the collection cycle, which changes an account's status with it. */
export const isCollection = (c: Change) =>
  c.tbl === 'bad_debt_moves' || c.tbl === 'agency_placements' || c.tbl === 'extraordinary_actions';
export const isCollectionChange = (c: Change) => c.tbl === 'accounts' || isCollection(c);

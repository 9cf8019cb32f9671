import { createHash } from 'node:crypto';
import type { UserId } from '../../shared/ids';
import type { Db, ReadDb } from '../db/open';
import { all, one } from '../db/query';
import { appendEntries, WORKSTATION, type AuditEntry } from './chain';

/**
 * Who may do what is kept in the users table, which anyone with a plain SQLite tool could
 * edit: promote a user, turn one back on, swap a PIN, add a supervisor. So each change
 * ClaimDesk makes to a user also goes into the hash-chained trail as the user's state after
 * it, and the check of the trail compares every user with their last recorded state.
 */
export const USER_STATE = 'user state';

/** What a user may do, as recorded: never the PIN itself, only a digest of its stored hash. */
interface UserState {
  user: number;
  username: string;
  role: string;
  active: number;
  pending: number;
  secret: string | null;
}

const STATE_SQL = `SELECT u.id AS user, u.username, u.role, u.active, u.pending,
    (SELECT s.kind || ':' || hex(s.hash) || ':' || hex(s.salt) FROM user_secrets s
      WHERE s.user_id = u.id) AS secret
  FROM users u`;

function digest(state: UserState): UserState {
  return {
    ...state,
    secret: state.secret === null ? null : createHash('sha256').update(state.secret).digest('hex'),
  };
}

function stateOf(db: ReadDb, userId: UserId): UserState | undefined {
  const row = one<UserState>(db, `${STATE_SQL} WHERE u.id = ?`, userId);
  return row && digest(row);
}

function entryFor(state: UserState, at: string, by: number): AuditEntry {
  return {
    at,
    userId: by,
    workstation: WORKSTATION,
    method: USER_STATE,
    access: 'write',
    accounts: '',
    documents: '',
    detail: JSON.stringify(state),
    uid: null,
  };
}

/** Records the user's state as it now stands, in the caller's write transaction. */
export function recordUserState(db: Db, userId: UserId, at: string, by: number): void {
  const state = stateOf(db, userId);
  if (state) appendEntries(db, [entryFor(state, at, by)]);
}

export function hasRecordedStates(db: ReadDb): boolean {
  return (
    one(db, `SELECT 1 AS n FROM audit_log WHERE method = '${USER_STATE}' LIMIT 1`) !== undefined
  );
}

/**
 * A database from before users were recorded in the trail gets every user's state as found,
 * once, by the first ClaimDesk that opens it with its trail intact. Returns whether it wrote.
 */
export function recordFirstUserStates(db: Db, at: string): boolean {
  if (hasRecordedStates(db)) return false;
  const states = all<UserState>(db, `${STATE_SQL} ORDER BY u.id`).map(digest);
  if (states.length === 0) return false;
  appendEntries(
    db,
    states.map((s) => entryFor(s, at, s.user)),
  );
  return true;
}

const same = (a: UserState, b: UserState) =>
  a.username === b.username &&
  a.role === b.role &&
  a.active === b.active &&
  a.pending === b.pending &&
  a.secret === b.secret;

/** A user taken out of the table, once a supervisor has accepted it. */
const REMOVED = '(removed)';

interface Difference {
  problem: string;
  /** What a supervisor who accepts the trail takes as the user's state from then on. */
  accepted: UserState;
}

function differences(db: ReadDb): Difference[] {
  if (!hasRecordedStates(db)) return [];
  const recorded = new Map<number, UserState>();
  for (const { detail } of all<{ detail: string }>(
    db,
    `SELECT detail FROM audit_log WHERE method = '${USER_STATE}' ORDER BY id`,
  )) {
    const state = JSON.parse(detail) as UserState;
    recorded.set(state.user, state);
  }
  const found: Difference[] = [];
  const present = new Set<number>();
  for (const now of all<UserState>(db, `${STATE_SQL} ORDER BY u.id`).map(digest)) {
    present.add(now.user);
    const was = recorded.get(now.user);
    if (!was)
      found.push({ problem: `user "${now.username}" was added without ClaimDesk`, accepted: now });
    else if (!same(was, now))
      found.push({
        problem: `user "${now.username}" was changed without ClaimDesk`,
        accepted: now,
      });
  }
  for (const [id, was] of recorded) {
    if (!present.has(id) && was.role !== REMOVED)
      found.push({
        problem: `user "${was.username}" was removed`,
        accepted: { ...was, role: REMOVED },
      });
  }
  return found;
}

/** Users whose row is not what ClaimDesk last recorded for them, said as a person reads it. */
export function userStateProblems(db: ReadDb): string[] {
  return differences(db).map((d) => d.problem);
}

/** A supervisor accepts the users as they now stand: their states go into the trail. */
export function acceptUserStates(db: Db, at: string, by: number): void {
  appendEntries(
    db,
    differences(db).map((d) => entryFor(d.accepted, at, by)),
  );
}

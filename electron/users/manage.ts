import { insertedId, type UserId } from '../../shared/ids';
import type { ParsedInputOf } from '../../shared/api/contract';
import { conflict, invalid, notFound } from '../../shared/api/errors';
import type { UsersView, UserView } from '../../shared/api/users';
import { USER_ROLE, type UserRole } from '../../shared/codes/enums';
import type { Ctx, ReadCtx } from '../core/context';
import type { Db } from '../db/open';
import { recordUserChange } from './changes';
import { isSupervisor } from './users';
import { all, one, oneOrThrow, run } from '../db/query';

interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  active: number;
}

const USER_COLUMNS = `id, username, display_name AS displayName, role, active`;
const CONTACT_COLUMNS = `title, phone, email`;

/** Everyone sees who works in ClaimDesk and in which role; a supervisor changes it. */
export function listUsers(ctx: ReadCtx): UsersView {
  const rows = all<UserRow & Pick<UserView, 'title' | 'phone' | 'email'>>(
    ctx.db,
    `SELECT ${USER_COLUMNS}, ${CONTACT_COLUMNS} FROM users ORDER BY active DESC, display_name COLLATE NOCASE, id`,
  );
  const changes = all<{ userId: number; at: string; why: string; byName: string }>(
    ctx.db,
    `SELECT c.user_id AS userId, c.changed_at AS at, c.why, b.display_name AS byName
       FROM user_changes c JOIN users b ON b.id = c.changed_by
       WHERE c.id IN (SELECT max(id) FROM user_changes GROUP BY user_id)`,
  );
  const last = new Map(changes.map(({ userId, ...change }) => [userId, change]));
  const users: UserView[] = rows.map((r) => ({
    ...r,
    active: r.active === 1,
    you: r.id === ctx.userId,
    lastChange: last.get(r.id) ?? null,
  }));
  return { users, canChange: isSupervisor(ctx.db, ctx.userId) };
}

function activeSupervisorsBesides(db: Db, userId: number): number {
  return oneOrThrow<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM users WHERE role = 'supervisor' AND active = 1 AND id <> ?`,
    userId,
  ).n;
}

/** What changed, in words, for the user's history. */
function describeChange(before: UserRow, after: ParsedInputOf<'saveUser'>): string {
  const parts: string[] = [];
  if (before.displayName !== after.displayName)
    parts.push(`Name: ${before.displayName} → ${after.displayName}`);
  if (before.role !== after.role)
    parts.push(`Role: ${USER_ROLE.labels[before.role]} → ${USER_ROLE.labels[after.role]}`);
  if ((before.active === 1) !== after.active)
    parts.push(after.active ? 'Turned back on' : 'Turned off');
  return parts.join('; ');
}

/**
 * Renames a user, gives or takes the supervisor role, or turns their access off or on;
 * supervisors only. ClaimDesk always keeps one active supervisor, or nobody could approve
 * write-offs or give the role again.
 */
export function saveUser(ctx: Ctx, input: ParsedInputOf<'saveUser'>): UsersView {
  const { db } = ctx;
  const before = one<UserRow>(db, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, input.userId);
  if (!before) throw notFound('That user');
  const why = describeChange(before, input);
  if (why === '') return listUsers(ctx);
  const staysSupervisor = input.role === 'supervisor' && input.active;
  if (!staysSupervisor && activeSupervisorsBesides(db, input.userId) === 0) {
    throw conflict(
      `${before.displayName} is the only active supervisor. Make someone else a supervisor ` +
        `first: ClaimDesk needs one to approve write-offs and keep these settings.`,
    );
  }
  run(
    db,
    `UPDATE users SET display_name = ?, role = ?, active = ? WHERE id = ?`,
    input.displayName,
    input.role,
    input.active ? 1 : 0,
    input.userId,
  );
  recordUserChange(db, input.userId, { why, by: ctx.userId, now: ctx.clock.now() });
  return listUsers(ctx);
}

/**
 * Adds a colleague before they first open ClaimDesk, so they start in the right role;
 * supervisors only. Their sign-in name is the one they use on the computer.
 */
export function addUser(ctx: Ctx, input: ParsedInputOf<'addUser'>): UsersView {
  const { db } = ctx;
  const taken = one<{ name: string }>(
    db,
    `SELECT display_name AS name FROM users WHERE username = ?`,
    input.username,
  );
  if (taken) {
    throw invalid(
      `The sign-in name ${input.username} already belongs to ${taken.name}.`,
      'username',
    );
  }
  const now = ctx.clock.now();
  const userId = insertedId<UserId>(
    run(
      db,
      `INSERT INTO users (username, display_name, role, created_at) VALUES (?, ?, ?, ?)`,
      input.username,
      input.displayName,
      input.role,
      now,
    ),
  );
  recordUserChange(db, userId, {
    why: `Added as ${USER_ROLE.labels[input.role].toLowerCase()}`,
    by: ctx.userId,
    now,
  });
  return listUsers(ctx);
}

import type pg from 'pg';
import { userRow, type Change, type ServerRow, type UserRow } from '../wire';
import { sqlState } from './connection';

/**
 * Users as the office knows them (server migration 9). A change to who may do what is
 * checked against the server's own record of who is an active supervisor, never against
 * what the sending desktop holds: a desktop where someone made themselves a supervisor
 * by hand cannot turn that into the office's. The server holds any write to the table to the
 * same rules (migration 14); checking here first gives the desktop its refusal in words.
 */
const USER_COLUMNS = `username, display_name AS "displayName", role, active, pending, title,
  email, phone, created_at AS "createdAt", changed_at AS "changedAt", changed_by AS "changedBy"`;

/** The server's refusals of a write to users (migrations 9 and 14), by SQLSTATE. */
const NOT_ALLOWED = '42501';
const CHECK_VIOLATION = '23514';

/** Why a change to a user was refused, with the user as the server has them. */
export class UserRefused extends Error {
  constructor(
    readonly reason: string,
    readonly serverRows: ServerRow[],
  ) {
    super(reason);
  }
}

type UserChange = Extract<Change, { tbl: 'users' }>;

export async function serverUser(
  client: pg.ClientBase,
  gid: string,
  lock = false,
): Promise<Extract<ServerRow, { tbl: 'users' }> | undefined> {
  const { rows } = await client.query<UserRow & { version: number }>(
    `SELECT ${USER_COLUMNS}, version FROM users WHERE gid = $1${lock ? ' FOR UPDATE' : ''}`,
    [gid],
  );
  const r = rows[0];
  if (!r) return undefined;
  const { version, ...row } = r;
  return { tbl: 'users', gid, version, row: userRow.parse(row) };
}

async function isSupervisor(client: pg.ClientBase, gid: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM users WHERE gid = $1 AND role = 'supervisor' AND active AND NOT pending`,
    [gid],
  );
  return rowCount === 1;
}

/** A new name waiting for a supervisor grants nothing, so anyone may make it known. */
const grantsNothing = (u: UserRow) => u.pending && u.role === 'representative';

/** What a supervisor decides: the role, turned off or on, allowed or waiting. */
const decides = (a: UserRow, b: UserRow) =>
  a.role !== b.role || a.active !== b.active || a.pending !== b.pending;

/** The same person in the same standing: a name first seen at two desktops. */
const sameStanding = (a: UserRow, b: UserRow) => !decides(a, b) && a.displayName === b.displayName;

function refusedAuthor(u: UserRow, now: ServerRow | undefined): UserRefused {
  return new UserRefused(
    `Only a supervisor can allow, turn off or change the role of a user; this change to ` +
      `${u.username} was made by someone the office does not know as a supervisor, so it was refused.`,
    now ? [now] : [],
  );
}

/**
 * Applies a change to a user in the entry's transaction: an insert of a new name, or an
 * update from the version the desktop started from. Changing someone's role, access or
 * waiting, allowing a name outright, or changing someone else's details needs a
 * supervisor on the server's record; a user may change their own details.
 */
export async function applyUserChange(client: pg.ClientBase, c: UserChange): Promise<boolean> {
  const now = await serverUser(client, c.gid, true);
  const author = c.row.changedBy;
  if (c.op === 'insert') {
    if (now) {
      // the same new name signed in at two desktops: nothing to decide, nothing is logged
      if (sameStanding(now.row, c.row)) return false;
      throw new UserRefused(
        `${c.row.username} was already known to the office; this desktop took the office's ` +
          'record of them.',
        [now],
      );
    }
    if (!grantsNothing(c.row) && !(await isSupervisor(client, author))) {
      throw refusedAuthor(c.row, undefined);
    }
    await judged(c.row, undefined, () =>
      client.query(
        `INSERT INTO users (gid, username, display_name, role, active, pending, title, email,
             phone, created_at, changed_at, changed_by, version) VALUES ($1, $2, $3, $4, $5, $6,
             $7, $8, $9, $10, $11, $12, 1)`,
        [c.gid, ...values(c.row)],
      ),
    );
    return true;
  }
  if (!now) throw new UserRefused(`The office has no user ${c.row.username}.`, []);
  const ownDetails = author === c.gid && !decides(now.row, c.row);
  if (!ownDetails && !(await isSupervisor(client, author))) throw refusedAuthor(c.row, now);
  // the server keeps the username and created_at it first had (migration 14)
  const updated = await judged(c.row, now, () =>
    client.query(
      `UPDATE users SET username = $2, display_name = $3, role = $4, active = $5, pending = $6,
           title = $7, email = $8, phone = $9, created_at = $10, changed_at = $11,
           changed_by = $12, version = $14
         WHERE gid = $1 AND version = $13`,
      [c.gid, ...values(c.row), c.baseVersion, c.version],
    ),
  );
  if (updated.rowCount === 1) return true;
  throw new UserRefused(
    `Someone changed ${c.row.username} first at another desktop; this desktop took the ` +
      "office's record of them.",
    [now],
  );
}

/**
 * The write, with the server's own refusal (migration 14's trigger: an author it does not
 * know as a supervisor, a version skipped) answered as the checks above answer, so a change
 * they let through but the server does not (a supervisor turned off at another desk a moment
 * before) is listed as refused at its desktop rather than stopping its outbox. The server's
 * text is not passed on: it is not the desktop's words, and the entry's transaction rolls
 * back with the refusal.
 */
async function judged<T>(
  u: UserRow,
  now: ServerRow | undefined,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const state = sqlState(error);
    if (state === NOT_ALLOWED) throw refusedAuthor(u, now);
    if (state === CHECK_VIOLATION) {
      throw new UserRefused(
        `This change to ${u.username} did not follow the office's record of them, so it was ` +
          "refused; this desktop took the office's record of them.",
        now ? [now] : [],
      );
    }
    throw error;
  }
}

function values(u: UserRow): unknown[] {
  return [
    u.username,
    u.displayName,
    u.role,
    u.active,
    u.pending,
    u.title,
    u.email,
    u.phone,
    u.createdAt,
    u.changedAt,
    u.changedBy,
  ];
}

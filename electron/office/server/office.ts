import type pg from 'pg';
import type { ServerRow } from '../wire';
import { OfficeRefused } from '../refused';
import { inServerTransaction } from './connection';
import { serverFollowUps } from './rows';
import { serverRow, type FollowUpRow } from '../wire';
import { officeRuleRow } from '../wire-rules';

/**
 * Names a desktop to the server and records which login is that desk (server migration
 * 12), at linking and at every connection. A desk the owner's login registered (the office
 * made by its supervisor, or a desktop from before desks had logins of their own) is taken
 * by the first desk login that connects as it; a desk login registering another desk
 * leaves its old one, which no login can then write as. A desk that is another login's is
 * refused in words: the server would refuse everything it sends as that desk. The owner's
 * login may connect as any desk (the supervisor updating the server from one).
 */
export async function registerDesktop(
  pool: pg.Pool,
  desktopId: string,
  name: string,
): Promise<void> {
  await inServerTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO desktops (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
      [desktopId, name],
    );
    const { rows } = await client.query<{ login: string | null; me: string; owner: string }>(
      `SELECT (SELECT login FROM desks WHERE desktop_id = $1) AS login,
         current_user::text AS me, office_owner() AS owner`,
      [desktopId],
    );
    const { login, me, owner } = rows[0] ?? { login: null, me: '', owner: '' };
    if (login === me || me === owner) {
      await client.query(`INSERT INTO desks (desktop_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
        desktopId,
      ]);
      return;
    }
    const known = await client.query(`SELECT 1 FROM desks WHERE desktop_id = $1`, [desktopId]);
    if (known.rowCount !== 0 && login !== owner) throw new DeskOfAnotherLogin(me);
    // one desk per login: the one it had is left behind
    await client.query(`UPDATE desks SET login = NULL WHERE login = current_user`);
    await client.query(
      `INSERT INTO desks (desktop_id) VALUES ($1)
         ON CONFLICT (desktop_id) DO UPDATE SET login = current_user, registered_at = now()`,
      [desktopId],
    );
  });
}

/** This desktop joined the office under another server login than the one it uses now. */
export class DeskOfAnotherLogin extends OfficeRefused {
  constructor(login: string) {
    super(
      `This desktop joined the office with another server login than ${login}. Save the ` +
        'login it joined with in Settings, Office server, or join the office again with this one; ' +
        'until then your work is kept on this computer.',
    );
    this.name = 'DeskOfAnotherLogin';
  }
}

/**
 * Uploads the synced tables of the copy an office starts from, in one transaction, and
 * notes where the change log stood, so a desktop that starts from the same copy pulls
 * from there. Refused when the office already has its copy.
 */
export async function uploadBase(
  pool: pg.Pool,
  desktopId: string,
  followUps: { gid: string; row: FollowUpRow }[],
): Promise<string> {
  return inServerTransaction(pool, async (client) => {
    const taken = await client.query(
      `INSERT INTO office (id, base_cursor, uploaded_by) VALUES (1, pg_current_xact_id(), $1)
         ON CONFLICT DO NOTHING RETURNING base_cursor::text AS cursor`,
      [desktopId],
    );
    const row = taken.rows[0] as { cursor: string } | undefined;
    if (!row) throw new OfficeRefused('This office already has its database; join it instead.');
    for (let i = 0; i < followUps.length; i += 1000) {
      const batch = followUps.slice(i, i + 1000).map(({ gid, row: f }) => ({
        gid,
        account_gid: f.accountGid,
        claim_gid: f.claimGid,
        kind: f.kind,
        status: f.status,
        due_date: f.dueDate,
        deadline_date: f.deadlineDate,
        owner_gid: f.ownerGid,
        reason: f.reason,
        created_at: f.createdAt,
        created_by: f.createdBy,
        completed_at: f.completedAt,
        completed_by: f.completedBy,
        version: 1,
      }));
      await client.query(
        `INSERT INTO follow_ups SELECT * FROM json_populate_recordset(NULL::follow_ups, $1)`,
        [JSON.stringify(batch)],
      );
    }
    return row.cursor;
  });
}

/** Where a desktop that starts from the office's uploaded copy begins to pull. */
export async function baseCursor(pool: pg.Pool): Promise<string | undefined> {
  const { rows } = await pool.query<{ cursor: string }>(
    `SELECT base_cursor::text AS cursor FROM office WHERE id = 1`,
  );
  return rows[0]?.cursor;
}

export interface LoggedChange {
  row: ServerRow;
  desktopId: string;
}

/**
 * Where a desktop's pull has reached in the change log: every row at or before this
 * (xid, seq) position is taken. Written "xid:seq"; a bare "xid" (the base cursor, and
 * cursors from before pages) means every row of a lower xid.
 */
function parseCursor(cursor: string): { xid: string; seq: string } {
  const [xid = '0', seq = '0'] = cursor.split(':');
  if (!/^\d+$/.test(xid) || !/^\d+$/.test(seq))
    throw new Error(`Not a change-log cursor: ${cursor}`);
  return { xid, seq };
}

/** How many logged rows one pull reads at most, so a desktop back after a week stays small. */
export const CHANGES_PAGE = 1_000;

/**
 * What other desktops' accepted entries changed after `cursor`, one page of it, and the
 * next cursor. Only rows written by transactions older than the oldest one still in
 * progress are read (its xmin): every transaction below it has ended, so a transaction
 * that began earlier and commits later cannot land behind a cursor already handed out.
 * A page that is not full hands out that horizon; a full one the position of its last
 * row, and `more` says to read on. Read in one snapshot, so the horizon and the rows agree.
 */
export async function readChanges(
  pool: pg.Pool,
  cursor: string,
  limit = CHANGES_PAGE,
): Promise<{ changes: LoggedChange[]; cursor: string; more: boolean }> {
  const after = parseCursor(cursor);
  return inServerTransaction(
    pool,
    async (client) => {
      const horizon = await client.query<{ x: string }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS x`,
      );
      const next = horizon.rows[0]?.x ?? after.xid;
      // ordered by the columns, not by the text the select makes of them ('10' < '9')
      const { rows } = await client.query<{
        tbl: ServerRow['tbl'];
        gid: string;
        version: number;
        row: unknown;
        desktopId: string;
        xid: string;
        seq: string;
      }>(
        `SELECT tbl, gid, version, row, desktop_id::text AS "desktopId", xid::text AS xid,
             seq::text AS seq
           FROM change_log
           WHERE (xid, seq) > ($1::xid8, $2::bigint) AND xid < $3::xid8
           ORDER BY change_log.xid, change_log.seq LIMIT $4`,
        [after.xid, after.seq, next, limit],
      );
      const changes = rows.flatMap((r) => {
        const row = { tbl: r.tbl, gid: r.gid, version: r.version, row: r.row };
        // a rule the office holds outside Settings' bounds (from before server migration 25)
        // is passed over, the desk keeping its own: refused, it would stop every pull here
        if (r.tbl === 'billing_rules' && !officeRuleRow.safeParse(r.row).success) return [];
        return [{ desktopId: r.desktopId, row: serverRow.parse(row) }];
      });
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last) return { changes, cursor: next, more: false };
      return { changes, cursor: `${last.xid}:${last.seq}`, more: true };
    },
    'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
  );
}

/** The follow-ups the server has under these ids now (absent ones are not on the server). */
export async function fetchFollowUps(pool: pg.Pool, gids: string[]): Promise<ServerRow[]> {
  if (gids.length === 0) return [];
  return serverFollowUps(pool, `gid = ANY($1)`, [gids]);
}

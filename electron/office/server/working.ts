import type pg from 'pg';
import { inServerTransaction } from './connection';

/** The channel a change to any desktop's mark is announced on; the payload is its desktop. */
export const MARKS_CHANNEL = 'claimdesk_marks';

/** What a desktop says it is working on now. */
export interface MarkWork {
  accountGid: string;
  followUpGid: string | null;
  userName: string;
}

/** A live mark as any desktop reads it. */
export interface ServerMark extends MarkWork {
  desktopId: string;
  /** ISO-8601 UTC: when this desk opened the account. */
  since: string;
}

/*
 * Times are the server's (`now()`), so desktops whose clocks disagree still agree on what
 * has expired. `at` replaces it where a test runs the expiry itself.
 */
const NOW = (n: number) => `coalesce($${n}::timestamptz, now())`;

/**
 * Puts this desktop's mark, or renews it: the expiry moves on, and `since` stays while the
 * same person works the same account. Marks that have expired are swept first, so a
 * desktop that vanished stops being shown at the next renewal of anyone's.
 */
export async function putMark(
  pool: pg.Pool,
  desktopId: string,
  work: MarkWork,
  ttlSeconds: number,
  at?: string,
): Promise<void> {
  await inServerTransaction(pool, async (client) => {
    await client.query(`DELETE FROM working_marks WHERE expires_at <= ${NOW(1)}`, [at ?? null]);
    await client.query(
      `INSERT INTO working_marks AS m
           (desktop_id, account_gid, follow_up_gid, user_name, since, expires_at)
         VALUES ($2, $3, $4, $5, ${NOW(1)}, ${NOW(1)} + make_interval(secs => $6))
         ON CONFLICT (desktop_id) DO UPDATE SET
           since = CASE WHEN (m.account_gid, m.user_name) = (EXCLUDED.account_gid, EXCLUDED.user_name)
             THEN m.since ELSE EXCLUDED.since END,
           account_gid = EXCLUDED.account_gid,
           follow_up_gid = EXCLUDED.follow_up_gid,
           user_name = EXCLUDED.user_name,
           expires_at = EXCLUDED.expires_at`,
      [at ?? null, desktopId, work.accountGid, work.followUpGid, work.userName, ttlSeconds],
    );
  });
}

/** Takes this desktop's mark away: the account was left, the window locked, ClaimDesk quit. */
export async function clearMark(pool: pg.Pool, desktopId: string): Promise<void> {
  await pool.query(`DELETE FROM working_marks WHERE desktop_id = $1`, [desktopId]);
}

/** Removes the marks nobody renewed; announced like any other change. */
export async function sweepMarks(pool: pg.Pool, at?: string): Promise<void> {
  await pool.query(`DELETE FROM working_marks WHERE expires_at <= ${NOW(1)}`, [at ?? null]);
}

/** Every desktop's mark that has not expired, its own included. */
export async function liveMarks(pool: pg.Pool, at?: string): Promise<ServerMark[]> {
  const { rows } = await pool.query<{
    desktopId: string;
    accountGid: string;
    followUpGid: string | null;
    userName: string;
    since: Date;
  }>(
    `SELECT desktop_id::text AS "desktopId", account_gid AS "accountGid",
         follow_up_gid AS "followUpGid", user_name AS "userName", since
       FROM working_marks WHERE expires_at > ${NOW(1)} ORDER BY since, desktop_id`,
    [at ?? null],
  );
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

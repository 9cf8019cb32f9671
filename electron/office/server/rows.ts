import type pg from 'pg';
import type { FollowUpRow, ServerRow } from '../wire';
import { followUpRow, type ActivityRow } from '../wire';

/** The server's own columns for the synced tables, and their wire shapes. */
export const FOLLOW_UP_COLUMNS = `account_gid AS "accountGid", claim_gid AS "claimGid", kind, status,
  due_date AS "dueDate", deadline_date AS "deadlineDate", owner_gid AS "ownerGid", reason,
  created_at AS "createdAt", created_by AS "createdBy", completed_at AS "completedAt",
  completed_by AS "completedBy"`;

export function followUpValues(f: FollowUpRow): unknown[] {
  return [
    f.accountGid,
    f.claimGid,
    f.kind,
    f.status,
    f.dueDate,
    f.deadlineDate,
    f.ownerGid,
    f.reason,
    f.createdAt,
    f.createdBy,
    f.completedAt,
    f.completedBy,
  ];
}

export function activityValues(a: ActivityRow): unknown[] {
  return [
    a.accountGid,
    a.claimGid,
    a.kind,
    a.direction,
    a.party,
    a.outcome,
    a.body,
    a.userGid,
    a.occurredAt,
  ];
}

/** The follow-ups the server has now where `where` holds. */
export async function serverFollowUps(
  q: pg.Pool | pg.ClientBase,
  where: string,
  params: unknown[],
): Promise<ServerRow[]> {
  const { rows } = await q.query<FollowUpRow & { gid: string; version: number }>(
    `SELECT gid, version, ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE ${where}`,
    params,
  );
  return rows.map(({ gid, version, ...row }) => ({
    tbl: 'follow_ups' as const,
    gid,
    version,
    row: followUpRow.parse(row),
  }));
}

/** A follow-up as the server has it now, or undefined. */
export async function serverFollowUp(
  client: pg.ClientBase,
  where: string,
  params: unknown[],
): Promise<ServerRow | undefined> {
  return (await serverFollowUps(client, where, params))[0];
}

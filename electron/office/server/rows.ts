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

/** A follow-up as the server has it now, or undefined. Locks it when asked (FOR UPDATE). */
export async function serverFollowUp(
  client: pg.ClientBase,
  where: string,
  params: unknown[],
): Promise<ServerRow | undefined> {
  const { rows } = await client.query<FollowUpRow & { gid: string; version: number }>(
    `SELECT gid, version, ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE ${where}`,
    params,
  );
  const r = rows[0];
  if (!r) return undefined;
  const { gid, version, ...row } = r;
  return { tbl: 'follow_ups', gid, version, row: followUpRow.parse(row) };
}

import type { Ctx } from '../../core/context';
import { run } from '../../db/query';
import { linkOffice } from '../../office/link';
import type { AccountId } from '../../../shared/ids';

/** A refused action as the sync leaves it in not_synced: a note and a follow-up on one account. */
export function refused(ctx: Ctx, userId: number, accountId: AccountId, text: string): void {
  const gid = `base:${accountId}`;
  const changes = [
    {
      tbl: 'activities',
      op: 'insert',
      gid: 'd:7',
      baseVersion: 0,
      version: 1,
      row: {
        accountGid: gid,
        claimGid: null,
        kind: 'note',
        direction: null,
        party: null,
        outcome: null,
        body: text,
        userGid: 'base:1',
        occurredAt: '2026-03-16T15:00:00.000Z',
      },
    },
    {
      tbl: 'follow_ups',
      op: 'update',
      gid: 'base:4',
      baseVersion: 1,
      version: 2,
      row: {
        accountGid: gid,
        claimGid: null,
        kind: 'callback',
        status: 'open',
        dueDate: '2026-03-27',
        deadlineDate: null,
        ownerGid: 'base:1',
        reason: null,
        createdAt: '2026-03-16T15:00:00.000Z',
        createdBy: 'base:1',
        completedAt: null,
        completedBy: null,
      },
    },
  ];
  run(
    ctx.db,
    `INSERT INTO not_synced (seq, created_at, user_id, changes, reason, refused_at)
       VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM not_synced), ?, ?, ?, ?, ?)`,
    '2026-03-16T15:00:00.000Z',
    userId,
    JSON.stringify(changes),
    'Someone changed this follow-up first: Callback due 03/20/2026.',
    '2026-03-16T15:05:00.000Z',
  );
}

export function joinOffice(ctx: Ctx): void {
  ctx.db.transaction(() => linkOffice(ctx.db, 'd', '0', ctx.clock.now()))();
}

import type { ReadDb, Db } from '../db/open';
import { all, run } from '../db/query';
import { changes as changesSchema, type Change } from './wire';

/** An action the server refused, as a person sees it to redo or dismiss. */
export interface NotSyncedAction {
  seq: number;
  createdAt: string;
  userId: number;
  reason: string;
  refusedAt: string;
  /** What the action wrote, by office-wide ids: the note's text, the follow-up as it was set. */
  changes: Change[];
}

/** The actions still waiting for a person, oldest first. */
export function notSyncedActions(db: ReadDb): NotSyncedAction[] {
  return all<Omit<NotSyncedAction, 'changes'> & { changes: string }>(
    db,
    `SELECT seq, created_at AS createdAt, user_id AS userId, reason, refused_at AS refusedAt,
         changes FROM not_synced WHERE dismissed_at IS NULL ORDER BY seq`,
  ).map((r) => ({ ...r, changes: changesSchema.parse(JSON.parse(r.changes)) }));
}

/**
 * A person has redone the action or decided it is not needed: it leaves the list, and
 * who dismissed it when is kept. Returns false when it was not on the list.
 */
export function dismissNotSynced(db: Db, seq: number, userId: number, now: string): boolean {
  return (
    run(
      db,
      `UPDATE not_synced SET dismissed_at = ?, dismissed_by = ? WHERE seq = ? AND dismissed_at IS NULL`,
      now,
      userId,
      seq,
    ).changes === 1
  );
}

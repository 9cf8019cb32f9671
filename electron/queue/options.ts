import type { QueueOptions } from '../../shared/api/queue';
import type { ReadCtx } from '../core/context';

/** What the queue's filter lists offer. */
export function getQueueOptions(ctx: ReadCtx): QueueOptions {
  return {
    payers: ctx.db
      .prepare(`SELECT id, name FROM payers ORDER BY name`)
      .all() as QueueOptions['payers'],
    owners: ctx.db
      .prepare(
        `SELECT id, display_name AS displayName FROM users WHERE active = 1 ORDER BY display_name`,
      )
      .all() as QueueOptions['owners'],
  };
}

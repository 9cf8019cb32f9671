import type { QueueOptions } from '../../shared/api/queue';
import type { ReadCtx } from '../core/context';
import { all } from '../db/query';

/** What the queue's filter lists offer. */
export function getQueueOptions(ctx: ReadCtx): QueueOptions {
  return {
    payers: all<QueueOptions['payers'][number]>(
      ctx.db,
      `SELECT id, name FROM payers ORDER BY name`,
    ),
    owners: all<QueueOptions['owners'][number]>(
      ctx.db,
      `SELECT id, display_name AS displayName FROM users WHERE active = 1 ORDER BY display_name`,
    ),
  };
}

import type { AppInfo } from '../../shared/api/app';
import type { ReadCtx } from '../core/context';
import { APP_VERSION } from './version';

export function getAppInfo(ctx: ReadCtx): AppInfo {
  const user = ctx.db
    .prepare(`SELECT id, display_name AS displayName FROM users WHERE id = ?`)
    .get(ctx.userId) as AppInfo['user'];
  const { n } = ctx.db.prepare(`SELECT count(*) AS n FROM accounts`).get() as { n: number };
  return {
    today: ctx.clock.today(),
    user,
    accountCount: n,
    databasePath: ctx.databasePath,
    version: APP_VERSION,
  };
}

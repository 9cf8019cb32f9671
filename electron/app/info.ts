import type { AppInfo } from '../../shared/api/app';
import type { ReadCtx } from '../core/context';
import { APP_VERSION } from './version';
import { oneOrThrow } from '../db/query';

export function getAppInfo(ctx: ReadCtx): AppInfo {
  const user = oneOrThrow<AppInfo['user']>(
    ctx.db,
    `SELECT id, display_name AS displayName FROM users WHERE id = ?`,
    ctx.userId,
  );
  const { n } = oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM accounts`);
  return {
    today: ctx.clock.today(),
    user,
    accountCount: n,
    databasePath: ctx.databasePath,
    version: APP_VERSION,
  };
}

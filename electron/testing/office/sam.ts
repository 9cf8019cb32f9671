import type pg from 'pg';
import type { AccountId, UserId } from '../../../shared/ids';
import type { Ctx } from '../../core/context';
import { oneOrThrow } from '../../db/query';
import { requireOfficeLink } from '../../office/gids';
import { applyEntry } from '../../office/server/apply';
import type { UserRow } from '../../office/wire';
import { ensureUser } from '../../users/users';
import { makeSupervisor } from '../builders';
import { twoDesktops, type Desktop } from './desktops';
import { createServerDatabase } from './server-db';

/** A desk's user of that sign-in name (local ids differ between desks). */
export const userId = (ctx: Ctx, name: string) =>
  oneOrThrow<{ id: UserId }>(ctx.db, `SELECT id FROM users WHERE username = ?`, name).id;

/**
 * An office whose first user (rep.one, A's) is a supervisor, and whose copy knows Sam Ortiz,
 * a representative; `secondSupervisor`: B's user (rep.2) a supervisor too.
 */
export async function officeWithSam(secondSupervisor = false) {
  const server = await createServerDatabase();
  let prepared = false;
  const office = await twoDesktops(server, 1, (ctx) => {
    if (prepared) return;
    prepared = true;
    makeSupervisor(ctx);
    ensureUser(ctx.db, 'sam.ortiz', 'Sam Ortiz', ctx.clock.now());
    if (secondSupervisor) makeSupervisor(ctx, userId(ctx, 'rep.2'));
  });
  const [accountId] = office.accountIds as [AccountId];
  return { server, accountId, ...office };
}

/** Sam's row as a desk sends a change of it, made at 10:00 on the day he was added. */
export const samsRow = (change: Pick<UserRow, 'role' | 'active' | 'changedBy'>): UserRow => ({
  username: 'sam.ortiz',
  displayName: 'Sam Ortiz',
  pending: false,
  title: null,
  email: null,
  phone: null,
  createdAt: '2026-03-16T09:00:00.000Z',
  changedAt: '2026-03-16T10:00:00.000Z',
  ...change,
});

/**
 * A change of Sam's row from `baseVersion` to `version`, sent by hand as the one change of the
 * desk's entry `seq`, as the server applies it: what the server itself judges.
 */
export const applySamsChange = (
  pool: pg.Pool,
  d: Desktop,
  row: UserRow,
  { seq, baseVersion, version }: { seq: number; baseVersion: number; version: number },
) =>
  applyEntry(pool, requireOfficeLink(d.ctx.db).desktopId, {
    seq,
    changes: [{ tbl: 'users', op: 'update', gid: 'user:sam.ortiz', baseVersion, version, row }],
  });

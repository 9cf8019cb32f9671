import fs from 'node:fs';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import type { AccountId, UserId } from '../../../shared/ids';
import { fixedClock, type Ctx } from '../../core/context';
import { openDatabase } from '../../db/open';
import { all } from '../../db/query';
import { addAccount } from '../builders';
import { call } from '../call';
import { createTestCtx, TEST_TODAY } from '../test-db';
import { ensureUser } from '../../users/users';
import { gidOf } from '../../office/gids';
import type { ServerConfig } from '../../office/server/connection';
import { OfficeSync } from '../../office/sync';

export interface Desktop {
  ctx: Ctx;
  sync: OfficeSync;
}

/**
 * An office of two desktops over one server database: desktop A builds the accounts
 * (each with an open account follow-up), both users are made there, B starts from a
 * copy of A's file, A uploads and B joins. Closed when the test finishes.
 */
export async function twoDesktops(
  server: ServerConfig,
  accounts = 2,
): Promise<{ a: Desktop; b: Desktop; accountIds: AccountId[] }> {
  const ctxA = createTestCtx();
  const repTwo = ensureUser(ctxA.db, 'rep.two', 'Ravi Representative', ctxA.clock.now());
  const accountIds: AccountId[] = [];
  for (let i = 0; i < accounts; i++) {
    const { accountId } = addAccount(ctxA);
    call(ctxA, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
    accountIds.push(accountId);
  }
  const fileB = path.join(ctxA.dir, 'desktop-b.sqlite');
  ctxA.db.exec(`VACUUM INTO '${fileB}'`);
  const ctxB: Ctx = {
    db: openDatabase(fileB),
    clock: fixedClock(TEST_TODAY),
    userId: repTwo as UserId,
    databasePath: fileB,
  };
  const a = { ctx: ctxA, sync: new OfficeSync(ctxA, server, 'desktop A') };
  const b = { ctx: ctxB, sync: new OfficeSync(ctxB, server, 'desktop B') };
  onTestFinished(async () => {
    await a.sync.close();
    await b.sync.close();
    ctxB.db.close();
    ctxA.close();
    fs.rmSync(fileB, { force: true });
  });
  await a.sync.connect();
  await a.sync.createOffice();
  await b.sync.connect();
  await b.sync.joinOffice();
  return { a, b, accountIds };
}

/** What a desktop holds of the synced tables, by office-wide ids, to compare copies. */
export function syncedState(ctx: Ctx): { notes: string[]; followUps: string[] } {
  const notes = all<{ id: number; body: string }>(
    ctx.db,
    `SELECT id, body FROM activities ORDER BY id`,
  ).map((n) => `${gidOf(ctx.db, 'activities', n.id)} ${n.body}`);
  const followUps = all<{ id: number; status: string; due: string; kind: string }>(
    ctx.db,
    `SELECT id, status, due_date AS due, kind FROM follow_ups ORDER BY id`,
  ).map((f) => `${gidOf(ctx.db, 'follow_ups', f.id)} ${f.kind} ${f.status} ${f.due}`);
  return { notes: notes.sort(), followUps: followUps.sort() };
}

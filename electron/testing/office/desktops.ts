import path from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import type { AccountId, UserId } from '../../../shared/ids';
import { fixedClock, type Ctx } from '../../core/context';
import { newDatabaseKey } from '../../db/cipher';
import { openDatabase } from '../../db/open';
import { all } from '../../db/query';
import { addAccount, makeSupervisor } from '../builders';
import { call } from '../call';
import { createTestCtx, TEST_TODAY } from '../test-db';
import { ensureUser } from '../../users/users';
import { isOwnGid } from '../../office/capture';
import { gidOf } from '../../office/gids';
import { sealOutbox } from '../../office/outbox';
import type { ServerConfig } from '../../office/server/connection';
import { deskLogin } from './desk-login';
import { OfficeSync } from '../../office/sync';

export interface Desktop {
  ctx: Ctx;
  /** The desk's own server login (desk 1 made the office with `server`, then took its own). */
  config: ServerConfig;
  sync: OfficeSync;
}

/**
 * An office of desktops over one server database: the first builds the accounts (each
 * with an open account follow-up) and every desktop's user, the others start from a copy
 * of its file. The first makes the office with `server` (the database's owner, as a
 * supervisor does), then every desktop connects with a login of its own, the first taking
 * its desk over, the others joining. Closed when the test finishes.
 */
export async function desktopsOf(
  server: ServerConfig,
  count: number,
  accounts: number,
  /** more for each account, on the first desktop before the others copy it */
  prepare: (ctx: Ctx, accountId: AccountId) => void = () => undefined,
): Promise<{ desktops: Desktop[]; accountIds: AccountId[]; close(): Promise<void> }> {
  const first = createTestCtx();
  const users = [first.userId];
  for (let i = 1; i < count; i++) {
    users.push(ensureUser(first.db, `rep.${i + 1}`, `Representative ${i + 1}`, first.clock.now()));
  }
  const accountIds: AccountId[] = [];
  for (let i = 0; i < accounts; i++) {
    const { accountId } = addAccount(first);
    call(first, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-03-20' });
    prepare(first, accountId);
    accountIds.push(accountId);
  }
  const ctxs: Ctx[] = [first];
  for (let i = 1; i < count; i++) {
    const file = path.join(first.dir, `desktop-${i + 1}.sqlite`);
    first.db.exec(`VACUUM INTO '${file}'`);
    ctxs.push({
      db: openDatabase(file),
      clock: fixedClock(TEST_TODAY),
      userId: users[i] as UserId,
      databasePath: file,
    });
  }
  const logins: ServerConfig[] = [];
  for (let i = 0; i < count; i++) logins.push(await deskLogin(server));
  const making = new OfficeSync(first, server, 'desktop 1');
  const desktops = ctxs.map((ctx, i) => {
    const config = logins[i] as ServerConfig;
    return { ctx, config, sync: new OfficeSync(ctx, config, `desktop ${i + 1}`) };
  });
  let closed = false;
  let made = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    if (!made) await making.close();
    for (const d of desktops) await d.sync.close();
    for (const d of desktops.slice(1)) d.ctx.db.close();
    first.close();
  };
  onTestFinished(close);
  await making.connect();
  await making.createOffice();
  made = true;
  await making.close();
  for (const [i, d] of desktops.entries()) {
    const schema = await d.sync.connect();
    if (!schema.ok) throw new Error(schema.message);
    if (i > 0) await d.sync.joinOffice();
  }
  return { desktops, accountIds, close };
}

/**
 * Makes every desktop's user a supervisor in the copy the office starts from (pass it as
 * `prepare`): the server knows its supervisors from that copy, and refuses a desktop that
 * makes its own user one after joining.
 */
export function everyoneSupervisor(ctx: Ctx): void {
  const others = all<{ id: UserId }>(ctx.db, `SELECT id FROM users WHERE role <> 'supervisor'`);
  for (const { id } of others) makeSupervisor(ctx, id);
}

/** Two desktops, A and B. */
export async function twoDesktops(
  server: ServerConfig,
  accounts = 2,
  prepare?: (ctx: Ctx, accountId: AccountId) => void,
): Promise<{ a: Desktop; b: Desktop; accountIds: AccountId[] }> {
  const { desktops, accountIds } = await desktopsOf(server, 2, accounts, prepare);
  const [a, b] = desktops as [Desktop, Desktop];
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
  // the upkeep's own follow-ups and notes are each desktop's, like its balances
  const shared = (rows: string[]) => rows.filter((r) => !isOwnGid(r)).sort();
  return { notes: shared(notes), followUps: shared(followUps) };
}

/** The server's notes and follow-ups, in the form syncedState gives a desktop's. */
export async function serverState(config: pg.ClientConfig) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    const notes = await client.query<{ s: string }>(
      `SELECT gid || ' ' || body AS s FROM activities`,
    );
    const followUps = await client.query<{ s: string }>(
      `SELECT gid || ' ' || kind || ' ' || status || ' ' || due_date AS s FROM follow_ups`,
    );
    return {
      notes: notes.rows.map((r) => r.s).sort(),
      followUps: followUps.rows.map((r) => r.s).sort(),
    };
  } finally {
    await client.end();
  }
}

/** Base notes (from the copy both started with) are on every desktop but never uploaded. */
export function withoutBaseNotes(state: { notes: string[]; followUps: string[] }) {
  return { ...state, notes: state.notes.filter((n) => !n.startsWith('base:')) };
}

/** Every desktop sends, then every desktop takes what the others sent. */
export async function syncAll(...desktops: Desktop[]): Promise<void> {
  for (const d of desktops) await d.sync.sync();
  const [first] = desktops;
  if (first) await logSettled(first.config);
  for (const d of desktops) await d.sync.pull();
}

/**
 * The desk's pull once what others sent is below the pull's horizon (see logSettled): a pull
 * straight after another desk's push may otherwise find nothing yet while another test's
 * write is open in the shared cluster.
 */
export async function pullSettled(d: Desktop): Promise<number> {
  await logSettled(d.config);
  return d.sync.pull();
}

/**
 * Waits until every row in the office's change log is below the pull's horizon. The horizon
 * is the cluster's oldest running transaction, whatever its database: a write still open in
 * the cluster (the worker's cluster serves its files one after another; a test may write in
 * the background), begun before the last push here committed, would otherwise hold that push
 * back from the next pull (the horizon at work, not a fault). Bounded: those transactions
 * are a test's own short writes.
 */
async function logSettled(config: pg.ClientConfig): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    for (let tries = 0; tries < 1000; tries += 1) {
      const { rows } = await client.query<{ settled: boolean }>(
        `SELECT coalesce(max(xid) < pg_snapshot_xmin(pg_current_snapshot()), true) AS settled
           FROM change_log`,
      );
      if (rows[0]?.settled) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The office change log did not settle: a transaction stays open.');
  } finally {
    await client.end();
  }
}

/** The same desktop syncing as if its database were encrypted: documents and scans sealed with a key. */
export async function sealedDesktop(d: Desktop, server: ServerConfig): Promise<Desktop> {
  const ctx = { ...d.ctx, databaseKey: newDatabaseKey() };
  const sync = new OfficeSync(ctx, server, 'sealed');
  onTestFinished(() => sync.close());
  await sync.connect();
  return { ctx, config: server, sync };
}

/** Rows written at the desk by plain SQL as one request, sent with its next sync. */
export function asRequest(d: Desktop, write: () => void): void {
  d.ctx.db.transaction(() => {
    write();
    sealOutbox(d.ctx.db, d.ctx.clock.now(), d.ctx.userId);
  })();
}

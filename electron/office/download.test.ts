import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { closeDatabase } from '../db/open';
import { all } from '../db/query';
import { call } from '../testing/call';
import { syncAll, syncedState, type Desktop } from '../testing/office/desktops';
import { ALL_CAPTURE_TRIGGERS, captureTriggersOf } from '../testing/office/capture';
import { moneyState } from '../testing/office/money';
import {
  cash,
  desktopIdOf,
  desktopOver,
  officeBeforeUpload,
  serverRows,
} from '../testing/office/office-copy';
import { deskLogin } from '../testing/office/desk-login';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx } from '../testing/test-db';
import { ensureUser } from '../users/users';
import { downloadOfficeCopy } from './download';
import type { ServerConfig } from './server/connection';
import type { OfficeProgress } from './server/upload';
import { onSyncStep } from './steps';
import { OfficeSync } from './sync';

/** The uploading desktop, A, with its office made, and a second user for the joiner. */
async function uploaded(
  server: ServerConfig,
  during: (ctx: Ctx, accountIds: AccountId[]) => void = () => undefined,
): Promise<{ a: Desktop; accountIds: AccountId[]; joinerUser: UserId; dir: string }> {
  const ctx = createTestCtx();
  onTestFinished(() => ctx.close());
  const joinerUser = ensureUser(ctx.db, 'rep.2', 'Representative 2', ctx.clock.now());
  const accountIds = officeBeforeUpload(ctx);
  const sync = new OfficeSync(ctx, server, 'desktop 1');
  onTestFinished(() => sync.close());
  onSyncStep((step) => {
    if (step === 'copied') during(ctx, accountIds);
  });
  try {
    await sync.createOffice();
  } finally {
    onSyncStep(null);
  }
  return { a: { ctx, config: server, sync }, accountIds, joinerUser, dir: ctx.dir };
}

/** Downloads the office's copy into a new file and opens a desktop over it, B. */
async function joined(
  server: ServerConfig,
  dir: string,
  userId: UserId,
  progress?: (p: OfficeProgress) => void,
): Promise<{
  b: Desktop;
  desktopId: string;
  accounts: number;
  target: string;
  downloadedTriggers: string[];
}> {
  const target = path.join(dir, 'joined.sqlite');
  // the joining desk with a server login of its own
  const config = await deskLogin(server);
  const { desktopId, accounts } = await downloadOfficeCopy(config, target, 'desktop 2', progress);
  // what the download wrote, before the desktop's open could add anything
  const raw = new Database(target, { readonly: true });
  const downloadedTriggers = captureTriggersOf(raw);
  raw.close();
  const ctx = desktopOver(target, userId);
  const sync = new OfficeSync(ctx, config, 'desktop 2');
  onTestFinished(async () => {
    await sync.close();
    closeDatabase(ctx.db);
  });
  await sync.connect();
  return { b: { ctx, config, sync }, desktopId, accounts, target, downloadedTriggers };
}

/** A's and B's copies hold the same shared rows and the same money. */
function expectSameCopies(a: Desktop, b: Desktop): void {
  expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
  const money = moneyState(a.ctx);
  expect(moneyState(b.ctx)).toEqual(money);
  for (const balance of money.balances) expect(balance.balance).toBe(balance.ledgerSum);
}

describeWithPg('joining an office by downloading its database', () => {
  it("gives the joiner the uploader's accounts, ledger and follow-ups under its own desktop id, then syncs both ways", async () => {
    const server = await createServerDatabase();
    const { a, accountIds, joinerUser, dir } = await uploaded(server);
    const seen: OfficeProgress[] = [];

    const { b: joiner, ...result } = await joined(server, dir, joinerUser, (p) => seen.push(p));

    expect(result.accounts).toBe(3);
    // joined with its capture on from the start, and the uploader linked too
    expect(result.downloadedTriggers).toEqual(ALL_CAPTURE_TRIGGERS);
    expect(captureTriggersOf(joiner.ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    expect(captureTriggersOf(a.ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    expect(fs.existsSync(`${result.target}.part`)).toBe(false);
    expect(new Set(seen.map((p) => p.stage))).toEqual(new Set(['downloading', 'verifying']));
    const last = seen.filter((p) => p.stage === 'downloading').at(-1);
    expect(last?.done).toBe(last?.total);
    expect(desktopIdOf(joiner.ctx)).toBe(result.desktopId);
    expect(result.desktopId).not.toBe(desktopIdOf(a.ctx));
    expect(
      await serverRows(server, `SELECT name FROM desktops WHERE id = $1`, [result.desktopId]),
    ).toEqual([{ name: 'desktop 2' }]);
    expectSameCopies(a, joiner);
    // nothing of the uploader's own state came along
    for (const table of ['outbox', 'sync_rows', 'not_synced', 'working_here']) {
      expect(all(joiner.ctx.db, `SELECT * FROM ${table}`)).toEqual([]);
    }

    const [first, second] = accountIds as [AccountId, AccountId];
    call(a.ctx, 'addActivity', { accountId: first, kind: 'note', text: 'A: after the office.' });
    call(a.ctx, 'takePayment', cash(first, 1_000));
    call(joiner.ctx, 'addActivity', { accountId: second, kind: 'note', text: 'B: joined.' });
    call(joiner.ctx, 'takePayment', cash(second, 3_000));
    await syncAll(a, joiner);

    expectSameCopies(a, joiner);
    const notes = syncedState(joiner.ctx).notes.filter((n) => /after the office|joined/.test(n));
    expect(notes).toHaveLength(2);
    expect(moneyState(joiner.ctx).balances.map((b) => b.balance)).toEqual([
      20_000 - 2_500 - 1_000,
      20_000 - 3_000,
      20_000,
    ]);
  });

  it('delivers a write made on the uploading desktop during the upload to the joiner exactly once', async () => {
    const server = await createServerDatabase();
    const { a, accountIds, joinerUser, dir } = await uploaded(server, (ctx, ids) => {
      const [first] = ids as [AccountId];
      call(ctx, 'addActivity', { accountId: first, kind: 'note', text: 'Written mid-upload.' });
      call(ctx, 'takePayment', cash(first, 700));
    });
    const [first] = accountIds as [AccountId];
    // the two requests are in the outbox, not in the uploaded copy
    expect(all(a.ctx.db, `SELECT seq FROM outbox`)).toHaveLength(2);
    expect(await serverRows(server, `SELECT gid FROM receipts WHERE amount = 700`)).toEqual([]);
    expect(await a.sync.sync()).toMatchObject({ push: { accepted: 2, refused: 0 } });

    const { b } = await joined(server, dir, joinerUser);
    await b.sync.pull();

    const midUpload = (ctx: Ctx) =>
      all(ctx.db, `SELECT id FROM activities WHERE body = 'Written mid-upload.'`);
    expect(midUpload(b.ctx)).toHaveLength(1);
    expect(all(b.ctx.db, `SELECT id FROM receipts WHERE amount = 700`)).toHaveLength(1);
    expectSameCopies(a, b);
    expect(moneyState(b.ctx).balances[0]).toMatchObject({
      account: `base:${first}`,
      balance: 20_000 - 2_500 - 700,
    });
  });

  it('refuses a copy whose part was changed on the server, leaving no file', async () => {
    const server = await createServerDatabase();
    const { dir } = await uploaded(server);
    await serverRows(
      server,
      `UPDATE office_copy SET bytes = overlay(bytes PLACING '\\x00ff00ff'::bytea FROM 200)
         WHERE part = 0`,
    );
    const target = path.join(dir, 'joined.sqlite');

    await expect(downloadOfficeCopy(server, target, 'desktop 2')).rejects.toThrow(
      "The office's database did not arrive whole (its check failed); nothing was kept.",
    );

    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(`${target}.part`)).toBe(false);
    expect(await serverRows(server, `SELECT id FROM desktops`)).toHaveLength(1);
  });

  it('refuses an office with no database yet, and a target that already exists', async () => {
    const server = await createServerDatabase();
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const target = path.join(ctx.dir, 'joined.sqlite');

    await expect(downloadOfficeCopy(server, target, 'desktop 2')).rejects.toThrow(
      'This office has no database yet; a supervisor makes it from the first desktop.',
    );
    expect(fs.existsSync(`${target}.part`)).toBe(false);

    await expect(downloadOfficeCopy(server, ctx.databasePath, 'desktop 2')).rejects.toThrow(
      'A database file of that name already exists; choose a new file to join.',
    );
  });
});

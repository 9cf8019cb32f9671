import Database from 'better-sqlite3';
import fs from 'node:fs';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, oneOrThrow } from '../db/query';
import { createEncryptedTestCtx } from '../testing/encrypted-db';
import { ALL_CAPTURE_TRIGGERS, captureTriggersOf } from '../testing/office/capture';
import { moneyState } from '../testing/office/money';
import { desktopIdOf, officeBeforeUpload, serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { createTestCtx } from '../testing/test-db';
import { isEncryptedFile } from '../db/cipher';
import { downloadOfficeCopy } from './download';
import type { OfficeProgress } from './server/upload';
import { onSyncStep } from './steps';
import { OfficeSync, uploadCopyPath } from './sync';

const count = (server: Parameters<typeof serverRows>[0], table: string) =>
  serverRows<{ n: number }>(server, `SELECT count(*)::int AS n FROM ${table}`).then((r) => r[0]?.n);

describeWithPg("an office's first upload", () => {
  it("sends every receipt, ledger row and follow-up, the file itself, and checks each account's ledger", async () => {
    const server = await createServerDatabase();
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const accountIds = officeBeforeUpload(ctx);
    const sync = new OfficeSync(ctx, server, 'desktop 1');
    onTestFinished(() => sync.close());
    const seen: OfficeProgress[] = [];

    const summary = await sync.createOffice((p) => seen.push(p));

    const local = (table: string) =>
      oneOrThrow<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM ${table}`).n;
    expect(summary).toMatchObject({
      accounts: 3,
      ledgerRows: local('ledger_entries'),
      followUps: local('follow_ups'),
    });
    expect(summary.ledgerRows).toBeGreaterThanOrEqual(6); // charges, payments, a reversal
    expect(await count(server, 'ledger_entries')).toBe(summary.ledgerRows);
    expect(await count(server, 'receipts')).toBe(local('receipts'));
    expect(await count(server, 'follow_ups')).toBe(summary.followUps);
    // the copy's users, by sign-in name, so the server knows its supervisors from the start
    expect(
      await serverRows(
        server,
        `SELECT gid, role, active, pending, changed_by, version FROM users ORDER BY gid`,
      ),
    ).toEqual(
      all<{ name: string; role: string }>(
        ctx.db,
        `SELECT lower(username) AS name, role FROM users ORDER BY lower(username)`,
      ).map((u) => ({
        gid: `user:${u.name}`,
        role: u.role,
        active: true,
        pending: false,
        changed_by: `user:${u.name}`,
        version: 1,
      })),
    );
    // each account's ledger on the server adds up to the balance the desktop holds
    const sums = await serverRows<{ account: string; sum: string }>(
      server,
      `SELECT account_gid AS account, sum(amount)::text AS sum FROM ledger_entries
         GROUP BY account_gid ORDER BY account_gid`,
    );
    const balances = moneyState(ctx).balances;
    expect(sums.map((s) => ({ account: s.account, balance: Number(s.sum) }))).toEqual(
      balances.map((b) => ({ account: b.account, balance: b.balance })),
    );
    expect(balances.map((b) => b.balance)).toEqual([20_000 - 2_500, 20_000, 20_000]);
    expect(balances.map((b) => b.account)).toEqual(accountIds.map((id) => `base:${id}`));
    // a reversal names the base payment it cancels
    expect(
      await serverRows(server, `SELECT reverses_gid FROM receipts WHERE reverses_gid IS NOT NULL`),
    ).toHaveLength(1);
    const [copy] = await serverRows<{ bytes: string; parts: string; stored: string }>(
      server,
      `SELECT copy_bytes::text AS bytes, (SELECT count(*) FROM office_copy)::text AS parts,
           (SELECT sum(length(bytes)) FROM office_copy)::text AS stored FROM office`,
    );
    expect(copy).toEqual({
      bytes: String(summary.bytes),
      parts: String(Math.ceil(summary.bytes / (1024 * 1024))),
      stored: String(summary.bytes),
    });
    expect(new Set(seen.map((p) => p.stage))).toEqual(
      new Set(['copying', 'uploading', 'checking']),
    );
    const uploading = seen.filter((p) => p.stage === 'uploading');
    // every row and part counted, and the count only grows
    expect(uploading.at(-1)?.done).toBe(uploading.at(-1)?.total);
    expect(uploading.at(-1)?.total).toBe(
      local('users') +
        summary.ledgerRows +
        summary.followUps +
        local('receipts') +
        Number(copy?.parts),
    );
    expect(uploading.map((p) => p.done)).toEqual(
      [...uploading.map((p) => p.done)].sort((x, y) => x - y),
    );
    expect(seen.at(-1)).toEqual({ stage: 'checking', done: 3, total: 3 });
    expect(desktopIdOf(ctx)).not.toBeNull();
    expect(all(ctx.db, `SELECT * FROM outbox`)).toEqual([]);
  });

  it('refuses a copy whose cached balance disagrees with its ledger, and the desktop stays standalone', async () => {
    const server = await createServerDatabase();
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const [, second, third] = officeBeforeUpload(ctx) as [AccountId, AccountId, AccountId];
    // the cached balances changed behind the ledger's back, the later account first
    for (const id of [third, second]) {
      ctx.db
        .prepare(`UPDATE accounts SET patient_balance = patient_balance + 1 WHERE id = ?`)
        .run(id);
    }
    const number = oneOrThrow<{ n: string }>(
      ctx.db,
      `SELECT account_number AS n FROM accounts WHERE id = ?`,
      second,
    ).n;
    const sync = new OfficeSync(ctx, server, 'desktop 1');
    onTestFinished(() => sync.close());

    await expect(sync.createOffice()).rejects.toThrow(
      `The database was not uploaded: 2 accounts' balances differ from the sums of their ledgers (the first is account ${number}).`,
    );

    expect(desktopIdOf(ctx)).toBeNull();
    for (const table of ['outbox', 'sync_rows'])
      expect(all(ctx.db, `SELECT * FROM ${table}`)).toEqual([]);
    for (const table of ['office', 'office_copy', 'ledger_entries', 'receipts', 'follow_ups']) {
      expect(await count(server, table)).toBe(0);
    }
    expect(fs.existsSync(`${ctx.databasePath}.office-upload`)).toBe(false);
  });

  it('refuses a second upload to an office that has its database', async () => {
    const server = await createServerDatabase();
    const first = createTestCtx();
    const other = createTestCtx();
    onTestFinished(() => {
      first.close();
      other.close();
    });
    officeBeforeUpload(first);
    officeBeforeUpload(other, 2);
    const a = new OfficeSync(first, server, 'desktop 1');
    const b = new OfficeSync(other, server, 'desktop 2');
    onTestFinished(async () => {
      await a.close();
      await b.close();
    });
    const made = await a.createOffice();

    await expect(b.createOffice()).rejects.toThrow(
      'This office already has its database; join it instead.',
    );

    expect(desktopIdOf(other)).toBeNull();
    expect(await count(server, 'ledger_entries')).toBe(made.ledgerRows);
    expect(await count(server, 'office')).toBe(1);
  });

  it('uploads an encrypted database as a plain copy that a desktop without its key opens', async () => {
    const server = await createServerDatabase();
    const ctx = createEncryptedTestCtx();
    onTestFinished(() => ctx.close());
    officeBeforeUpload(ctx, 2);
    const sync = new OfficeSync(ctx, server, 'desktop 1');
    onTestFinished(() => sync.close());
    // the copy as it is uploaded: plain, standalone, with no capture triggers
    let copied: { triggers: string[]; links: number } | undefined;
    onSyncStep((step) => {
      if (step !== 'copied') return;
      const copy = new Database(uploadCopyPath(ctx.databasePath), { readonly: true });
      copied = {
        triggers: captureTriggersOf(copy),
        links: oneOrThrow<{ n: number }>(copy, `SELECT count(*) AS n FROM office_link`).n,
      };
      copy.close();
    });
    onTestFinished(() => onSyncStep(null));
    await sync.createOffice();
    expect(isEncryptedFile(ctx.databasePath)).toBe(true);
    expect(copied).toEqual({ triggers: [], links: 0 });
    expect(captureTriggersOf(ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);

    const target = `${ctx.dir}/joined.sqlite`;
    const joined = await downloadOfficeCopy(server, target, 'desktop 2');

    expect(joined.accounts).toBe(2);
    expect(isEncryptedFile(target)).toBe(false);
    // linked as it was written, before anything opens it
    const raw = new Database(target, { readonly: true });
    expect(captureTriggersOf(raw)).toEqual(ALL_CAPTURE_TRIGGERS);
    raw.close();
  });
});

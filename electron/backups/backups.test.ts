import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../api/dispatch';
import { trailWarning } from '../audit/trail';
import { openDatabase, type Db } from '../db/open';
import { documentsDir } from '../filing/location';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { listBackupsIn, recheckBackup } from './catalogue';
import { backupsDir, DATABASE_FILE, readManifest } from './layout';
import {
  applyPendingRestore,
  restoreRequestPath,
  RestoreFailed,
  writeRestoreRequest,
} from './restore';
import { backupState, runBackup } from './schedule';

/** Every row of every table, in an order that does not depend on how the file was written. */
function everyRow(db: Database.Database): Record<string, string[]> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT * FROM "${name}"`).all() as unknown[])
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );
}

/** Every file under a folder with its bytes, as text keyed by its relative path. */
function filesOf(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const found: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    found[path.relative(dir, full)] = fs.readFileSync(full, 'latin1');
  }
  return found;
}

function writeDocument(ctx: TestCtx, relative: string, text: string): void {
  const file = path.join(documentsDir(ctx.databasePath), relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `%PDF-1.7\n${text}\n%%EOF\n`);
}

async function backUp(ctx: TestCtx) {
  const made = await runBackup({
    databasePath: ctx.databasePath,
    clock: ctx.clock,
    folder: backupsDir(ctx.databasePath, null),
    kind: 'on request',
  });
  if (!made) throw new Error(backupState(ctx.databasePath).last?.message);
  return { ...made, dir: path.join(backupsDir(ctx.databasePath, null), made.id) };
}

describe('a backup of the demo hospital', () => {
  let ctx: TestCtx;
  beforeAll(() => {
    ctx = createTestCtx();
    makeSupervisor(ctx);
    call(ctx, 'loadDemoData', {});
    writeDocument(ctx, '2026/03/1-appeal-aaaaaaaaaaaa.pdf', 'appeal');
    writeDocument(ctx, '2026/03/2-statement-bbbbbbbbbbbb.pdf', 'statement');
    // a file still being prepared is not a filed document and is left out
    writeDocument(ctx, '.staging/3-appeal-cccccccccccc.pdf', 'half written');
  }, 60_000); // the demo hospital takes a while on a busy machine
  afterAll(() => ctx.close());

  it('is checked when written, and restores every row of every table and every document', async () => {
    call(ctx, 'getAppInfo', {}); // the day's work, before the rows are taken
    const rows = everyRow(ctx.db);
    const documents = filesOf(documentsDir(ctx.databasePath));
    const made = await backUp(ctx);
    expect(made.check).toEqual({ ok: true, checkedAt: ctx.clock.now(), problems: [] });

    const manifest = readManifest(made.dir);
    expect(manifest?.rowCounts.accounts).toBe(rows.accounts?.length);
    expect(manifest?.auditHead).toEqual(
      ctx.db.prepare(`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`).get(),
    );
    expect(manifest?.files.map((f) => f.path)).toEqual([
      DATABASE_FILE,
      'documents/2026/03/1-appeal-aaaaaaaaaaaa.pdf',
      'documents/2026/03/2-statement-bbbbbbbbbbbb.pdf',
    ]);
    const listed = call(ctx, 'listBackups', {});
    expect(listed.backups.map((b) => [b.id, b.documents, b.check.ok])).toEqual([
      [made.id, 2, true],
    ]);

    // the office works on: a rule changed, a document gone, another filed
    call(ctx, 'saveBillingRules', { planGraceDays: 21 });
    fs.rmSync(path.join(documentsDir(ctx.databasePath), '2026/03/1-appeal-aaaaaaaaaaaa.pdf'));
    writeDocument(ctx, '2026/03/9-appeal-dddddddddddd.pdf', 'later');

    const asked = await dispatchAsync(ctx, 'restoreBackup', { id: made.id });
    expect(asked).toEqual({ ok: true, value: { id: made.id, restarting: false } });
    expect(fs.existsSync(restoreRequestPath(ctx.databasePath))).toBe(true);

    const atClose = everyRow(ctx.db);
    expect(atClose).not.toEqual(rows);
    // what the start does: nothing is open while the files are swapped
    ctx.db.close();
    const restored = applyPendingRestore(ctx.databasePath, 'test-stamp');
    let db: Db | null = null;
    try {
      db = openDatabase(ctx.databasePath);
      expect(everyRow(db)).toEqual(rows);
      expect(filesOf(documentsDir(ctx.databasePath))).toEqual(
        Object.fromEntries(Object.entries(documents).filter(([name]) => !name.startsWith('.'))),
      );
      // the trail ends where the manifest says, and the opening checked all of it
      expect(trailWarning(db)).toBeNull();
      // what was there is kept aside, never deleted
      expect(restored?.keptAside).toBe(`${ctx.databasePath}.before-restore-test-stamp`);
      const aside = new Database(`${ctx.databasePath}.before-restore-test-stamp`, {
        readonly: true,
      });
      expect(everyRow(aside)).toEqual(atClose);
      aside.close();
      expect(
        Object.keys(filesOf(`${documentsDir(ctx.databasePath)}.before-restore-test-stamp`)),
      ).toContain(path.join('2026', '03', '9-appeal-dddddddddddd.pdf'));
      expect(fs.existsSync(restoreRequestPath(ctx.databasePath))).toBe(false);
    } finally {
      db?.close();
      // the rest of the tests work on the restored file
      ctx.db = openDatabase(ctx.databasePath);
    }
  });

  it('reports a backup whose bytes changed since, and refuses to restore it', async () => {
    const made = await backUp(ctx);
    const file = path.join(made.dir, DATABASE_FILE);
    const bytes = fs.readFileSync(file);
    // the header of the second page, a table's b-tree page, and a stretch in the middle
    for (let i = 0; i < 8; i++) bytes[4096 + i] = (bytes[4096 + i] ?? 0) ^ 0xff;
    const middle = Math.floor(bytes.length / 2);
    for (let i = 0; i < 64; i++) bytes[middle + i] = (bytes[middle + i] ?? 0) ^ 0x5a;
    fs.writeFileSync(file, bytes);

    const check = await recheckBackup(made.dir, () => ctx.clock.now());
    expect(check.ok).toBe(false);
    expect(check.problems).toContain(
      `${DATABASE_FILE} is not as it was written (its SHA-256 differs).`,
    );
    expect(check.problems.join(' ')).toMatch(/SQLite found damage|could not be read/);
    expect(await dispatchAsync(ctx, 'checkBackup', { id: made.id })).toMatchObject({
      ok: true,
      value: { ok: false },
    });

    const refused = await dispatchAsync(ctx, 'restoreBackup', { id: made.id });
    expect(refused.ok ? 'ok' : refused.error.message).toMatch(/^This backup cannot be restored: /);
    expect(fs.existsSync(restoreRequestPath(ctx.databasePath))).toBe(false);

    // damaged after it was chosen: the start finds it so, and opens the database as it was
    writeRestoreRequest(ctx.databasePath, {
      backup: made.dir,
      id: made.id,
      requestedAt: ctx.clock.now(),
      requestedBy: ctx.userId,
    });
    const rows = everyRow(ctx.db);
    ctx.db.close();
    try {
      expect(() => applyPendingRestore(ctx.databasePath, 'damaged')).toThrow(RestoreFailed);
      expect(fs.existsSync(`${ctx.databasePath}.before-restore-damaged`)).toBe(false);
      expect(fs.existsSync(restoreRequestPath(ctx.databasePath))).toBe(false);
      expect(applyPendingRestore(ctx.databasePath, 'again')).toBeNull();
    } finally {
      ctx.db = openDatabase(ctx.databasePath);
    }
    expect(everyRow(ctx.db)).toEqual(rows);
  });
});

describe('a backup while another connection writes', () => {
  it('holds the rows of one moment: every write wholly or not at all, its counts its own', async () => {
    const ctx = createTestCtx();
    try {
      // two tables written together, so a copy taken between them would show
      const writer = new Database(ctx.databasePath);
      writer.pragma('busy_timeout = 5000');
      writer.exec(`CREATE TABLE pair_a (n INTEGER); CREATE TABLE pair_b (n INTEGER);`);
      const insert = writer.transaction((n: number) => {
        writer.prepare(`INSERT INTO pair_a VALUES (?)`).run(n);
        writer.prepare(`INSERT INTO pair_b VALUES (?)`).run(n);
      });
      let written = 0;
      let done = false;
      const backup = backUp(ctx).finally(() => {
        done = true;
      });
      let duringBackup = 0;
      while (!done) {
        insert(++written);
        duringBackup += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      const made = await backup;
      writer.close();
      // the writes really went on while the copy was being made
      expect(duringBackup).toBeGreaterThan(10);
      expect(made.check).toMatchObject({ ok: true, problems: [] });
      const copy = new Database(path.join(made.dir, DATABASE_FILE), { readonly: true });
      const count = (t: string) =>
        (copy.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      const [a, b] = [count('pair_a'), count('pair_b')];
      copy.close();
      expect(a).toBe(b);
      expect(a).toBeLessThanOrEqual(written);
      expect(readManifest(made.dir)?.rowCounts).toMatchObject({ pair_a: a, pair_b: b });
    } finally {
      ctx.close();
    }
  });
});

describe('the backups folder', () => {
  it('lists nothing half written', async () => {
    const ctx = createTestCtx();
    try {
      const made = await backUp(ctx);
      const folder = backupsDir(ctx.databasePath, null);
      fs.mkdirSync(path.join(folder, '2026-03-16T16-00-00-000Z.partial'));
      expect(listBackupsIn(folder).map((b) => b.id)).toEqual([made.id]);
    } finally {
      ctx.close();
    }
  });
});

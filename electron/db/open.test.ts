import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { longWorkNotePath } from '../core/long-work-note';
import { checkDatabaseFile } from './check';
import { oldVersionFile } from './old-version-file';
import {
  DamagedDatabaseError,
  DatabaseTooNewError,
  migrate,
  MigrationBlockedError,
  openDatabase,
  schemaVersion,
  type Db,
} from './open';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-db-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('openDatabase', () => {
  it('lists the migrations in the order they run, each version once', () => {
    // migrate() skips every version at or below the file's, so one listed out of order
    // would never run on a file that already passed it
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect(SCHEMA_VERSION).toBe(Math.max(...versions));
  });

  it('creates a new file at the current schema version with WAL and foreign keys', () => {
    const db = openDatabase(tempFile());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a database from a newer version with a clear message and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec(`CREATE TABLE future (x INTEGER); INSERT INTO future VALUES (42);`);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer version of ClaimDesk/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('opens an existing database again without re-running migrations', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.prepare(
      `INSERT INTO users (username, display_name, created_at) VALUES ('a', 'A', 'now')`,
    ).run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare(`SELECT count(*) AS n FROM users`).get()).toEqual({ n: 1 });
    again.close();
  });
});

describe('opening beside another workstation', () => {
  it('needs no write lock when the file is up to date', () => {
    const file = tempFile();
    openDatabase(file).close();
    const other = openDatabase(file);
    other.exec('BEGIN IMMEDIATE');
    // with no wait at all, anything at open that wanted the write lock would fail
    const db = openDatabase(file, { busyTimeoutMs: 0 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(0);
    db.close();
    other.exec('ROLLBACK');
    other.close();
  });

  it('says a migration must wait for the others to close ClaimDesk, and who holds the file', () => {
    const file = oldVersionFile(SCHEMA_VERSION - 1, '');
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.exec('BEGIN IMMEDIATE');
    expect(() => openDatabase(file, { busyTimeoutMs: 0 })).toThrow(MigrationBlockedError);
    fs.writeFileSync(
      longWorkNotePath(file),
      JSON.stringify({
        who: 'Maria Lopez',
        what: 'importing remit.835',
        since: '2026-03-16T10:02:00.000Z',
        pid: process.pid,
        host: os.hostname(),
      }),
    );
    expect(() => openDatabase(file, { busyTimeoutMs: 0 })).toThrow(
      /must update the database's layout .* needs every other ClaimDesk that uses this file closed\. Maria Lopez is importing remit\.835/,
    );
    other.exec('ROLLBACK');
    other.close();
    expect(schemaVersion(openDatabase(file))).toBe(SCHEMA_VERSION);
  });
});

describe('a damaged file', () => {
  function damage(file: string, page: number): void {
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    fs.closeSync(fd);
  }

  it('is found by the check of every page that runs beside the window', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    const { rootpage } = db
      .prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'ledger_entries'`)
      .get() as { rootpage: number };
    db.close();
    expect(await checkDatabaseFile(file)).toBe('intact');
    damage(file, rootpage);
    expect(await checkDatabaseFile(file)).toBe('damaged');
    expect(await checkDatabaseFile(`${file}.missing`)).toBe('unknown');
  });

  it('is refused at open when its schema is damaged, and said so', () => {
    const file = tempFile();
    const db = openDatabase(file);
    const { pageno } = db
      .prepare(`SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pagetype = 'leaf'`)
      .get() as { pageno: number };
    db.close();
    damage(file, pageno);
    expect(() => openDatabase(file)).toThrow(DamagedDatabaseError);
    expect(() => openDatabase(file)).toThrow(
      /^The database file is damaged.*restore the latest backup/,
    );
  });

  it('is found when its first page is garbage', () => {
    const file = tempFile();
    openDatabase(file).close();
    damage(file, 1);
    expect(() => openDatabase(file)).toThrow(DamagedDatabaseError);
  });
});

describe('migration 1 (initial schema)', () => {
  it('migrates a version-0 file that already holds unrelated rows, keeping them', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.exec(`CREATE TABLE scratch (note TEXT); INSERT INTO scratch VALUES ('kept');`);
    raw.close();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT note FROM scratch`).get()).toEqual({ note: 'kept' });
    db.close();
  });

  it('rolls back a migration that fails midway, leaving the version unchanged', () => {
    const file = tempFile();
    const raw = new Database(file);
    // a table the migration also creates makes it fail partway through
    raw.exec(`CREATE TABLE claims (x INTEGER)`);
    expect(() => migrate(raw as Db)).toThrow();
    expect(schemaVersion(raw)).toBe(0);
    const tables = raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    expect(tables).toEqual([{ name: 'claims' }]);
    raw.close();
  });

  it('keeps the ledger and the history append-only', () => {
    const db = openDatabase(tempFile());
    db.exec(`
      INSERT INTO users (id, username, display_name, created_at) VALUES (1, 'u', 'U', 't');
      INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'Doe', 'Jan', 't');
      INSERT INTO accounts (id, account_number, patient_id, guarantor_id, service_date, financial_class, created_at)
        VALUES (1, 'A1', 1, 1, '2026-01-01', 'self_pay', 't');
      INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
        VALUES (1, 'charge', 'patient', 1000, '2026-01-01', 't', 1);
      INSERT INTO activities (account_id, kind, body, user_id, occurred_at) VALUES (1, 'note', 'hi', 1, 't');
    `);
    expect(() => db.exec(`UPDATE ledger_entries SET amount = 1`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM ledger_entries`)).toThrow(/append-only/);
    expect(() => db.exec(`UPDATE activities SET body = 'x'`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM activities`)).toThrow(/append-only/);
    // signs must fit the kind unless the row is a reversal
    expect(() =>
      db.exec(`INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
        VALUES (1, 'payment', 'patient', 500, '2026-01-02', 't', 1)`),
    ).toThrow(/CHECK/);
    // foreign keys are enforced
    expect(() =>
      db.exec(`INSERT INTO ledger_entries (account_id, kind, side, amount, posting_date, created_at, created_by)
        VALUES (99, 'charge', 'patient', 500, '2026-01-02', 't', 1)`),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

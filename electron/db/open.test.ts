import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { DatabaseTooNewError, migrate, openDatabase, schemaVersion } from './open';

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
    expect(() => migrate(raw)).toThrow();
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

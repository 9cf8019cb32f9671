import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock, type Ctx } from '../core/context';
import { addPerson } from '../testing/builders';
import { TEST_TODAY } from '../testing/test-db';
import { ensureUser } from '../users/users';
import {
  isEncryptedFile,
  KeyNeededError,
  newDatabaseKey,
  openKeyed,
  WrongKeyError,
  type DatabaseKey,
} from './cipher';
import { DamagedDatabaseError, openDatabase, schemaVersion } from './open';
import { SCHEMA_VERSION } from './migrations';
import { oneOrThrow, run } from './query';
import { holdsName, PATIENT, patientsNamed } from '../testing/plain-bytes';

const dirs: string[] = [];
function tempFile(name = 'db.sqlite'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-cipher-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function keyedCtx(file: string, key?: DatabaseKey): Ctx {
  const db = openDatabase(file, key ? { key } : {});
  const clock = fixedClock(TEST_TODAY);
  return {
    db,
    clock,
    userId: ensureUser(db, 'rep.one', 'Rita Rep', clock.now()),
    databasePath: file,
  };
}

describe('the encrypting driver', () => {
  it('is the SQLite the app was measured on, with the multiple-ciphers extension', () => {
    const db = new Database(':memory:');
    const row = oneOrThrow<{ v: string; mc: string }>(
      db,
      `SELECT sqlite_version() AS v, sqlite3mc_version() AS mc`,
    );
    db.close();
    expect(row.v.split('.').map(Number)[0]).toBe(3);
    expect(row.mc).toMatch(/^SQLite3 Multiple Ciphers/);
  });

  it('creates a new database encrypted: no name in the file or its WAL, and the key opens it', () => {
    const file = tempFile();
    const key = newDatabaseKey();
    const ctx = keyedCtx(file, key);
    addPerson(ctx, { last: PATIENT });
    // the row is in the WAL until a checkpoint: both files are read while it is open
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(holdsName(`${file}-wal`)).toBe(false);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(holdsName(file)).toBe(false);
    ctx.db.close();
    expect(isEncryptedFile(file)).toBe(true);

    const again = openDatabase(file, { key });
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    expect(patientsNamed(again)).toBe(1);
    again.close();
  });

  it('refuses a wrong key and a missing one cleanly, leaving the file as it was', () => {
    const file = tempFile();
    const key = newDatabaseKey();
    openDatabase(file, { key }).close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file, { key: newDatabaseKey() })).toThrow(WrongKeyError);
    expect(() => openDatabase(file)).toThrow(DamagedDatabaseError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    // and the right key still opens it afterwards: nothing was left half open
    openDatabase(file, { key }).close();
  });

  it('leaves a plain database plain when a key is offered, until it is encrypted on request', () => {
    const file = tempFile();
    const ctx = keyedCtx(file);
    addPerson(ctx, { last: PATIENT });
    ctx.db.close();
    openDatabase(file, { key: newDatabaseKey() }).close();
    expect(isEncryptedFile(file)).toBe(false);
  });

  it('refuses the online backup API on an encrypted database, which is why backups use VACUUM INTO', async () => {
    const file = tempFile();
    const key = newDatabaseKey();
    const ctx = keyedCtx(file, key);
    await expect(ctx.db.backup(tempFile('copy.sqlite'))).rejects.toThrow(/not supported/);
    ctx.db.close();
  });

  it('writes VACUUM INTO of an encrypted database encrypted with the same key', () => {
    const file = tempFile();
    const key = newDatabaseKey();
    const ctx = keyedCtx(file, key);
    addPerson(ctx, { last: PATIENT });
    const copy = tempFile('copy.sqlite');
    run(ctx.db, `VACUUM INTO ?`, copy);
    ctx.db.close();
    expect(holdsName(copy)).toBe(false);
    expect(isEncryptedFile(copy)).toBe(true);
    expect(() => openKeyed(copy, null)).toThrow(KeyNeededError);
    expect(() => openKeyed(copy, newDatabaseKey())).toThrow(WrongKeyError);
    const opened = openKeyed(copy, key, { readonly: true });
    expect(patientsNamed(opened)).toBe(1);
    opened.close();
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyNeededError, type DatabaseKey } from '../db/cipher';
import { fileKeyStore, keyRecordPath } from '../db/key-store';
import { openDatabase } from '../db/open';
import { oneOrThrow } from '../db/query';
import { testProtection } from '../testing/os-protection';
import { PATIENT } from '../testing/plain-bytes';
import { keyStoreDatabase } from '../testing/encrypted-db';
import { fixedClock } from '../core/context';
import { ensureUser } from '../users/users';
import { TEST_TODAY } from '../testing/test-db';
import { all } from '../db/query';
import { RECOVERY_AUDIT_METHOD, recordRecovery, startUnlocking, workstationKey } from './unlock';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-unlock-'));
  dirs.push(dir);
  return dir;
};
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * An encrypted database with a patient in it; `keepOpen` leaves its connection open (another
 * desk working on it), so its WAL is there too.
 */
async function encryptedDatabase(keepOpen = false): Promise<{
  database: string;
  key: DatabaseKey;
  recoveryKey: string;
}> {
  const database = path.join(tempDir(), 'claimdesk.sqlite');
  const { db, key, recoveryKey } = await keyStoreDatabase(
    fileKeyStore(testProtection(), tempDir()),
    database,
  );
  if (keepOpen) opened.push(db);
  else db.close();
  return { database, key, recoveryKey };
}

/** Every file beside the database (the file, its WAL, its key record), by name and hash. */
function filesBeside(database: string): Record<string, string> {
  const dir = path.dirname(database);
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}

const wrappedCopies = (workstation: string) =>
  fs.existsSync(path.join(workstation, 'keys'))
    ? fs.readdirSync(path.join(workstation, 'keys'))
    : [];

describe('the recovery-key window, behind its IPC', () => {
  it('refuses a wrong or malformed key with a reason, counts it, and changes no file', async () => {
    const { database, recoveryKey } = await encryptedDatabase(true);
    const workstation = tempDir();
    const store = fileKeyStore(testProtection(), workstation);
    await expect(store.keyFor(database)).rejects.toThrow(KeyNeededError);
    const before = filesBeside(database);
    expect(Object.keys(before)).toEqual(
      ['', '-shm', '-wal', '.key'].map((end) => `claimdesk.sqlite${end}`),
    );
    const unlocking = startUnlocking(store, database, 'no copy here');

    const oneOff = recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const answers = [
      await unlocking.submit(oneOff),
      await unlocking.submit(recoveryKey.slice(0, -1)),
      await unlocking.submit(`${recoveryKey.slice(0, -1)}U`),
      await unlocking.submit(42),
      await unlocking.submit(''),
    ];
    expect(answers).toEqual([
      {
        ok: false,
        message: 'That recovery key does not open this database. Nothing was changed.',
        refused: 1,
      },
      {
        ok: false,
        message: expect.stringMatching(/has 32 letters and digits .*this has 31/) as string,
        refused: 2,
      },
      { ok: false, message: expect.stringMatching(/"U" is not one of them/) as string, refused: 3 },
      { ok: false, message: expect.any(String) as string, refused: 4 },
      { ok: false, message: expect.stringMatching(/^Type the recovery key/) as string, refused: 5 },
    ]);
    expect(unlocking.key()).toBeNull();
    expect(unlocking.state()).toEqual({
      reason: 'no copy here',
      databasePath: database,
      refused: 5,
    });
    // byte for byte: the database, its WAL and its key record; nothing kept on the workstation
    expect(filesBeside(database)).toEqual(before);
    expect(wrappedCopies(workstation)).toEqual([]);
  });

  it('opens with the right key typed by hand, and wraps it here so the next start needs nothing', async () => {
    const { database, key, recoveryKey } = await encryptedDatabase(true);
    const protection = testProtection();
    const workstation = tempDir();
    const unlocking = startUnlocking(
      fileKeyStore(protection, workstation),
      database,
      'no copy here',
    );
    await unlocking.submit('0000-0000-0000-0000-0000-0000-0000-0000');
    // lower case, spaces for dashes, an O typed for a zero
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect(await unlocking.submit(typed)).toEqual({ ok: true });
    expect(unlocking.key()?.equals(key)).toBe(true);
    expect(unlocking.refused()).toBe(1);

    // the next start: a key store over the same workstation folder, no recovery key
    const next = await fileKeyStore(protection, workstation).keyFor(database);
    expect(next?.equals(key)).toBe(true);
    const db = openDatabase(database, { key: next ?? undefined });
    expect(
      oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM people WHERE last_name = ?`, PATIENT)
        .n,
    ).toBe(1);

    // once signed in, the opening and the key refused before it go in the trail; no key does
    const clock = fixedClock(TEST_TODAY);
    const userId = ensureUser(db, 'rep.one', 'Rita Representative', clock.now());
    recordRecovery(
      { db, clock, userId, databasePath: database, databaseKey: key },
      { by: 'window', refusedBefore: unlocking.refused(), reason: 'no copy here' },
    );
    const trail = all<{ detail: string; userId: number }>(
      db,
      `SELECT detail, user_id AS userId FROM audit_log WHERE method = ?`,
      RECOVERY_AUDIT_METHOD,
    );
    expect(trail).toEqual([
      { detail: '{"by":"window","refusedBefore":1,"reason":"no copy here"}', userId },
    ]);
    db.close();
  });

  it('refuses a key record from another database, even with its own recovery key, and changes nothing', async () => {
    const { database } = await encryptedDatabase();
    const other = await encryptedDatabase();
    // a record copied beside the wrong file, as a hand-made restore might leave it
    fs.copyFileSync(keyRecordPath(other.database), keyRecordPath(database));
    const workstation = tempDir();
    const before = filesBeside(database);
    const unlocking = startUnlocking(
      fileKeyStore(testProtection(), workstation),
      database,
      'wrong key',
    );
    const answer = await unlocking.submit(other.recoveryKey);
    expect(answer).toMatchObject({ ok: false, refused: 1 });
    expect(answer.ok ? '' : answer.message).toMatch(/record belongs to another database/);
    expect(filesBeside(database)).toEqual(before);
    expect(wrappedCopies(workstation)).toEqual([]);
  });

  it('answers keys pressed twice in a row one after the other', async () => {
    const { database, recoveryKey } = await encryptedDatabase();
    const unlocking = startUnlocking(
      fileKeyStore(testProtection(), tempDir()),
      database,
      'os refused',
    );
    const [first, second] = await Promise.all([
      unlocking.submit(recoveryKey),
      unlocking.submit(recoveryKey),
    ]);
    expect(first).toEqual({ ok: true });
    expect(second).toEqual({ ok: true });
    expect(unlocking.refused()).toBe(0);
  });
});

describe('whether this workstation needs the recovery key', () => {
  it('says why: no copy here, its key does not open the file, or the OS lost it', async () => {
    const { database, key, recoveryKey } = await encryptedDatabase();
    const protection = testProtection();
    const store = fileKeyStore(protection, tempDir());
    expect(await workstationKey(store, database)).toEqual({ needs: 'no copy here' });

    // once the recovery key opened it here, the next start needs nothing
    await store.recover(database, recoveryKey);
    const own = await workstationKey(store, database);
    expect('key' in own && own.key?.equals(key)).toBe(true);

    // another database's file put in its place, the record beside it left as it was
    const other = await encryptedDatabase();
    fs.copyFileSync(other.database, database);
    expect(await workstationKey(store, database)).toEqual({ needs: 'wrong key' });

    protection.lose();
    expect(await workstationKey(store, database)).toEqual({ needs: 'os refused' });
  });

  it('has nothing to say of a plain or a new database', async () => {
    const store = fileKeyStore(testProtection(), tempDir());
    const database = path.join(tempDir(), 'new.sqlite');
    expect(await workstationKey(store, database)).toEqual({ key: null });
    openDatabase(database).close();
    expect(await workstationKey(store, database)).toEqual({ key: null });
  });
});

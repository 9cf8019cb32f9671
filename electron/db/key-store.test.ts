import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testProtection } from '../testing/os-protection';
import { keyStoreDatabase } from '../testing/encrypted-db';
import { holdsName, patientsNamed } from '../testing/plain-bytes';
import { KeyNeededError, WrongKeyError } from './cipher';
import { fileKeyStore, keyRecordPath, RecoveryKeyRefused } from './key-store';
import { openDatabase } from './open';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-keys-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file under a folder, read whole, holds none of these bytes. */
function nowhereUnder(dir: string, bytes: Buffer): boolean {
  const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  return files
    .filter((f) => f.isFile())
    .every((f) => !fs.readFileSync(path.join(f.parentPath, f.name)).includes(bytes));
}

describe('the key store', () => {
  it('makes a random 256-bit key, keeps it only wrapped, and gives the same key back', async () => {
    const shared = tempDir();
    const database = path.join(shared, 'claimdesk.sqlite');
    const workstation = tempDir();
    const store = fileKeyStore(testProtection(), workstation);
    expect(await store.keyFor(database)).toBeNull();
    const { key, recoveryKey } = await store.create(database);
    expect(key.length).toBe(32);
    expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect((await store.keyFor(database))?.equals(key)).toBe(true);
    // neither the key nor the recovery key is written anywhere, in bytes or in hex
    for (const secret of [key, Buffer.from(key.toString('hex')), Buffer.from(recoveryKey)]) {
      expect(nowhereUnder(shared, secret)).toBe(true);
      expect(nowhereUnder(workstation, secret)).toBe(true);
    }
    await expect(store.create(database)).rejects.toThrow(/already has a key/);
  });

  it('opens the database on a second workstation, or after the OS key store is lost, with the recovery key only', async () => {
    const database = path.join(tempDir(), 'claimdesk.sqlite');
    const protection = testProtection();
    const first = fileKeyStore(protection, tempDir());
    const { db, key, recoveryKey } = await keyStoreDatabase(first, database);
    db.close();
    expect(holdsName(database)).toBe(false);

    const second = fileKeyStore(testProtection(), tempDir());
    await expect(second.keyFor(database)).rejects.toThrow(KeyNeededError);
    const typo = recoveryKey.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    await expect(second.recover(database, typo)).rejects.toThrow(RecoveryKeyRefused);
    // typed by hand: lower case, spaces for dashes
    const recovered = await second.recover(database, recoveryKey.toLowerCase().replace(/-/g, ' '));
    expect(recovered.equals(key)).toBe(true);
    expect((await second.keyFor(database))?.equals(key)).toBe(true);

    protection.lose();
    await expect(first.keyFor(database)).rejects.toThrow(KeyNeededError);
    const again = openDatabase(database, { key: await first.recover(database, recoveryKey) });
    expect(patientsNamed(again)).toBe(1);
    again.close();
  });

  it('wraps the key again when the OS says its own key was rotated', async () => {
    const database = path.join(tempDir(), 'claimdesk.sqlite');
    const protection = testProtection();
    const workstation = tempDir();
    const store = fileKeyStore(protection, workstation);
    const { key } = await store.create(database);
    const record = JSON.parse(fs.readFileSync(keyRecordPath(database), 'utf8')) as { id: string };
    const wrappedFile = path.join(workstation, 'keys', record.id);
    const before = fs.readFileSync(wrappedFile);
    protection.rotate();
    expect((await store.keyFor(database))?.equals(key)).toBe(true);
    expect(fs.readFileSync(wrappedFile).equals(before)).toBe(false);
  });

  it('a key record for another database does not open this one', async () => {
    const store = fileKeyStore(testProtection(), tempDir());
    const one = path.join(tempDir(), 'one.sqlite');
    const other = path.join(tempDir(), 'other.sqlite');
    openDatabase(one, { key: (await store.create(one)).key }).close();
    const otherKey = (await store.create(other)).key;
    expect(() => openDatabase(one, { key: otherKey })).toThrow(WrongKeyError);
  });
});

import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../db/check';
import { isEncryptedFile, newDatabaseKey } from '../db/cipher';
import { addAccount, addPerson } from '../testing/builders';
import { createEncryptedTestCtx } from '../testing/encrypted-db';
import { holdsName, PATIENT } from '../testing/plain-bytes';
import type { TestCtx } from '../testing/test-db';
import { recheckBackup } from './catalogue';
import { backupsDir, DATABASE_FILE } from './layout';
import { runBackup } from './schedule';

let ctx: TestCtx | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

describe('a backup of an encrypted database', () => {
  it('is encrypted with the same key, holds no patient name, and is checked with the key', async () => {
    const encrypted = createEncryptedTestCtx();
    ctx = encrypted;
    addAccount(encrypted, { patientId: addPerson(encrypted, { last: PATIENT }) });
    const folder = backupsDir(encrypted.databasePath, null);
    const made = await runBackup({
      databasePath: encrypted.databasePath,
      key: encrypted.databaseKey,
      clock: encrypted.clock,
      folder,
      kind: 'on request',
    });
    expect(made?.check).toMatchObject({ ok: true, problems: [] });
    const copy = path.join(folder, made?.id ?? '', DATABASE_FILE);
    expect(isEncryptedFile(copy)).toBe(true);
    expect(holdsName(copy)).toBe(false);
    const dir = path.join(folder, made?.id ?? '');
    const now = () => encrypted.clock.now();
    expect((await recheckBackup(dir, now, encrypted.databaseKey)).ok).toBe(true);
    // another key (another database's) does not pass it as good
    const other = await recheckBackup(dir, now, newDatabaseKey());
    expect(other.ok).toBe(false);
  });

  it('the background check of the whole file reads it with its key instead of calling it damaged', async () => {
    const encrypted = createEncryptedTestCtx();
    ctx = encrypted;
    expect(await checkDatabaseFile(encrypted.databasePath, encrypted.databaseKey)).toBe('intact');
    expect(await checkDatabaseFile(encrypted.databasePath, newDatabaseKey())).toBe('damaged');
  });
});

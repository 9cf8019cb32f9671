import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EncryptionStarted } from '../../shared/api/backups';
import { dispatchAsync } from '../api/dispatch';
import { isEncryptedFile, newDatabaseKey } from '../db/cipher';
import {
  applyPendingEncryption,
  contentsOf,
  encryptRequestPath,
  pendingEncryption,
} from '../db/encrypt-in-place';
import { openDatabase } from '../db/open';
import { all } from '../db/query';
import { addAccount, addPerson, makeSupervisor } from '../testing/builders';
import { holdsName, PATIENT } from '../testing/plain-bytes';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { backupsDir, DATABASE_FILE } from './layout';

let ctx: TestCtx | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
});

describe('a supervisor asks for the database to be encrypted', () => {
  it('a checked backup first, recorded in the trail, then the encryption at the next start', async () => {
    const plain = createTestCtx();
    ctx = plain;
    makeSupervisor(plain);
    addAccount(plain, { patientId: addPerson(plain, { last: PATIENT }) });
    const asked = await dispatchAsync(plain, 'encryptDatabase', {});
    if (!asked.ok) throw new Error(asked.error.message);
    const started = asked.value as EncryptionStarted;
    expect(started.restarting).toBe(false);
    const backup = path.join(backupsDir(plain.databasePath, null), started.backupId);
    expect(fs.existsSync(path.join(backup, DATABASE_FILE))).toBe(true);
    expect(pendingEncryption(plain.databasePath)?.backupId).toBe(started.backupId);
    expect(
      all(plain.db, `SELECT method FROM audit_log WHERE method = 'encryptDatabase'`),
    ).toHaveLength(1);
    const again = await dispatchAsync(plain, 'encryptDatabase', {});
    expect(again.ok ? 'ok' : again.error.message).toMatch(/when ClaimDesk starts again/);

    const before = contentsOf(plain.db);
    plain.db.close();
    const key = newDatabaseKey();
    expect(applyPendingEncryption(plain.databasePath, key)).toBe(true);
    expect(fs.existsSync(encryptRequestPath(plain.databasePath))).toBe(false);
    expect(isEncryptedFile(plain.databasePath)).toBe(true);
    expect(holdsName(plain.databasePath)).toBe(false);
    plain.db = openDatabase(plain.databasePath, { key });
    expect(contentsOf(plain.db)).toEqual(before);

    const refused = await dispatchAsync({ ...plain, databaseKey: key }, 'encryptDatabase', {});
    expect(refused.ok ? 'ok' : refused.error.message).toBe('The database is already encrypted.');
  });
});

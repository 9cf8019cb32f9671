import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../core/context';
import { KeyNeededError } from '../db/cipher';
import { fileKeyStore, keyRecordPath } from '../db/key-store';
import { openDatabase } from '../db/open';
import { testProtection } from '../testing/os-protection';
import { patientsNamed } from '../testing/plain-bytes';
import { keyStoreDatabase } from '../testing/encrypted-db';
import { TEST_TODAY } from '../testing/test-db';
import { recheckBackup } from './catalogue';
import { backupsDir, KEY_RECORD_FILE, readManifest } from './layout';
import { applyPendingRestore, writeRestoreRequest } from './restore';
import { runBackup } from './schedule';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-key-record-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('a backup of an encrypted database, when the computer is lost', () => {
  it('carries the key record, so the recovery key opens the restored database on a new machine', async () => {
    const database = path.join(tempDir(), 'claimdesk.sqlite');
    const { db, key, recoveryKey } = await keyStoreDatabase(
      fileKeyStore(testProtection(), tempDir()),
      database,
    );
    const clock = fixedClock(TEST_TODAY);
    const folder = backupsDir(database, tempDir());
    const made = await runBackup({
      databasePath: database,
      key,
      clock,
      folder,
      kind: 'on request',
    });
    db.close();
    if (!made) expect.fail('no backup was made');
    const backup = path.join(folder, made.id);
    expect(readManifest(backup)?.files.map((f) => f.path)).toContain(KEY_RECORD_FILE);
    // the key record is checked like every other file of the backup
    fs.appendFileSync(path.join(backup, KEY_RECORD_FILE), ' ');
    expect((await recheckBackup(backup, () => clock.now(), key)).ok).toBe(false);
    fs.writeFileSync(
      path.join(backup, KEY_RECORD_FILE),
      fs.readFileSync(path.join(backup, KEY_RECORD_FILE), 'utf8').trimEnd(),
    );
    expect((await recheckBackup(backup, () => clock.now(), key)).ok).toBe(true);

    // the disk is lost: the database, its key record and the workstation's wrapped key
    for (const f of [database, `${database}-wal`, `${database}-shm`, keyRecordPath(database)]) {
      fs.rmSync(f, { force: true });
    }
    writeRestoreRequest(database, {
      backup,
      id: made.id,
      requestedAt: clock.now(),
      requestedBy: 1,
    });
    applyPendingRestore(database, 'new-machine');
    const fresh = fileKeyStore(testProtection(), tempDir());
    await expect(fresh.keyFor(database)).rejects.toThrow(KeyNeededError);
    const restored = openDatabase(database, { key: await fresh.recover(database, recoveryKey) });
    try {
      expect(patientsNamed(restored)).toBe(1);
    } finally {
      restored.close();
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecoveryKeyIssued } from '../../shared/api/backups';
import { dispatchAsync } from '../api/dispatch';
import { fileKeyStore, keyRecordPath, RecoveryKeyRefused } from '../db/key-store';
import { openDatabase } from '../db/open';
import { all } from '../db/query';
import { makeSupervisor } from '../testing/builders';
import { testProtection } from '../testing/os-protection';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { fixedClock } from '../core/context';
import { ensureUser } from '../users/users';
import { backupsDir, KEY_RECORD_FILE } from './layout';
import { runBackup } from './schedule';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-recovery-key-'));
  dirs.push(dir);
  return dir;
};
let ctx: TestCtx | null = null;
afterEach(() => {
  ctx?.close();
  ctx = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** An encrypted database as the app opens it, with its key record, a supervisor and a rep. */
async function encryptedCtx() {
  const dir = tempDir();
  const database = path.join(dir, 'claimdesk.sqlite');
  const workstation = tempDir();
  const protection = testProtection();
  const { key, recoveryKey } = await fileKeyStore(protection, workstation).create(database);
  const db = openDatabase(database, { key });
  const clock = fixedClock(TEST_TODAY);
  const userId = ensureUser(db, 'sup.one', 'Sam Supervisor', clock.now());
  const opened: TestCtx = {
    db,
    clock,
    userId,
    databasePath: database,
    databaseKey: key,
    dir,
    close: () => db.close(),
  };
  ctx = opened;
  makeSupervisor(opened);
  const repId = ensureUser(db, 'rep.one', 'Rita Representative', clock.now());
  return { ctx: opened, key, recoveryKey, protection, workstation, repId };
}

describe('a new recovery key, from the Backups screen', () => {
  it('rewraps the same key: the old recovery key no longer opens the record, the new one does, and later backups carry it', async () => {
    const { ctx: c, key, recoveryKey: old, protection, workstation } = await encryptedCtx();
    const asked = await dispatchAsync(c, 'issueRecoveryKey', {});
    if (!asked.ok) throw new Error(asked.error.message);
    const { recoveryKey: fresh } = asked.value as RecoveryKeyIssued;
    expect(fresh).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(fresh).not.toBe(old);

    // a workstation that never held the key: the old recovery key is refused, the new opens
    const elsewhere = fileKeyStore(testProtection(), tempDir());
    await expect(elsewhere.recover(c.databasePath, old)).rejects.toThrow(RecoveryKeyRefused);
    expect((await elsewhere.recover(c.databasePath, fresh)).equals(key)).toBe(true);
    // this workstation's own wrapped copy still opens it: the same key, the same id
    expect((await fileKeyStore(protection, workstation).keyFor(c.databasePath))?.equals(key)).toBe(
      true,
    );

    // the request is in the trail, the key is nowhere in it
    const trail = all<{ detail: string }>(
      c.db,
      `SELECT detail FROM audit_log WHERE method = 'issueRecoveryKey'`,
    );
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain(fresh.slice(0, 9));

    // a backup made from now on holds the new record
    const folder = backupsDir(c.databasePath, tempDir());
    const made = await runBackup({
      databasePath: c.databasePath,
      key,
      clock: c.clock,
      folder,
      kind: 'on request',
    });
    if (!made) expect.fail('no backup was made');
    expect(fs.readFileSync(path.join(folder, made.id, KEY_RECORD_FILE), 'utf8')).toBe(
      fs.readFileSync(keyRecordPath(c.databasePath), 'utf8'),
    );
  });

  it('is refused on a plain database, and to a representative, changing no file', async () => {
    const plain = createTestCtx();
    ctx = plain;
    makeSupervisor(plain);
    const refused = await dispatchAsync(plain, 'issueRecoveryKey', {});
    expect(refused.ok ? 'ok' : refused.error.message).toBe(
      'The database is not encrypted, so it has no recovery key.',
    );
    plain.close();

    const { ctx: c, repId } = await encryptedCtx();
    const record = fs.readFileSync(keyRecordPath(c.databasePath));
    const asRep = await dispatchAsync({ ...c, userId: repId }, 'issueRecoveryKey', {});
    expect(asRep.ok ? 'ok' : asRep.error.code).toBe('forbidden');
    expect(fs.readFileSync(keyRecordPath(c.databasePath)).equals(record)).toBe(true);
  });
});

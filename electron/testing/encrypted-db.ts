import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../core/context';
import { newDatabaseKey, type DatabaseKey } from '../db/cipher';
import { openDatabase } from '../db/open';
import { ensureUser } from '../users/users';
import { TEST_TODAY, type TestCtx } from './test-db';

/** As createTestCtx, over a database created encrypted with a key of its own. */
export function createEncryptedTestCtx(
  key: DatabaseKey = newDatabaseKey(),
): TestCtx & { databaseKey: DatabaseKey } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-encrypted-'));
  const databasePath = path.join(dir, 'test.sqlite');
  const db = openDatabase(databasePath, { key });
  const clock = fixedClock(TEST_TODAY);
  const userId = ensureUser(db, 'rep.one', 'Rita Representative', clock.now());
  return {
    db,
    clock,
    userId,
    databasePath,
    databaseKey: key,
    dir,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { newDatabaseKey, type DatabaseKey } from '../db/cipher';
import type { KeyStore } from '../db/key-store';
import { openDatabase, type Db } from '../db/open';
import { run } from '../db/query';
import { PATIENT } from './plain-bytes';
import { createTestCtx, TEST_TODAY, type TestCtx } from './test-db';

/** As createTestCtx, over a database created encrypted with a key of its own. */
export function createEncryptedTestCtx(
  key: DatabaseKey = newDatabaseKey(),
): TestCtx & { databaseKey: DatabaseKey } {
  return { ...createTestCtx(TEST_TODAY, { key }), databaseKey: key };
}

/**
 * A database created as the app creates one, through a key store, holding one patient
 * named PATIENT, so a test can look for the name in raw bytes. Its connection is handed
 * back open: the caller closes it, or keeps it open as another desk working on the file.
 */
export async function keyStoreDatabase(
  store: KeyStore,
  database: string,
): Promise<{ db: Db; key: DatabaseKey; recoveryKey: string }> {
  const { key, recoveryKey } = await store.create(database);
  const db = openDatabase(database, { key });
  run(
    db,
    `INSERT INTO people (last_name, first_name, date_of_birth, created_at)
       VALUES (?, 'Ada', '1970-01-01', '2026-03-16T15:00:00.000Z')`,
    PATIENT,
  );
  return { db, key, recoveryKey };
}

import Database from 'better-sqlite3';
import fs from 'node:fs';
import { closeTrail, openTrail } from '../audit/trail';
import { DAMAGED_ADVICE, failureKind, whoHoldsIt } from '../core/failure';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { one } from './query';
import { isEncryptedFile, unlock, type DatabaseKey } from './cipher';
import { keepCaptureWithLink } from '../office/capture-triggers';

declare const writable: unique symbol;

/**
 * A connection that may write, as openDatabase returns it. Functions that write take a
 * `Db`; functions that only read take a `ReadDb`, so a read handler, whose context holds
 * a `ReadDb`, cannot call a writer without a type error (dispatch also runs reads in a
 * transaction that refuses and undoes any write, so one that slips past the types fails:
 * api/run.ts runRead).
 */
export type Db = Database.Database & { readonly [writable]: true };

/** A connection for reading: any connection, but only readers accept it. */
export type ReadDb = Database.Database;

export class DatabaseTooNewError extends Error {
  constructor(found: number) {
    super(
      `This database was saved by a newer version of ClaimDesk (data version ${found}; ` +
        `this version reads up to ${SCHEMA_VERSION}). Install the newer ClaimDesk to open it; ` +
        `the file has not been changed.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** The file is not a database, or SQLite found damage in it. */
export class DamagedDatabaseError extends Error {
  constructor() {
    super(`The database file is damaged, so ClaimDesk did not open it. ${DAMAGED_ADVICE}`);
    this.name = 'DamagedDatabaseError';
  }
}

/** The file needs a migration, which needs the write lock another workstation holds. */
export class MigrationBlockedError extends Error {
  constructor(found: number, databasePath: string) {
    const holder = whoHoldsIt(databasePath);
    super(
      `This version of ClaimDesk must update the database's layout (data version ${found} to ` +
        `${SCHEMA_VERSION}) before it can use it, and that needs every other ClaimDesk that ` +
        `uses this file closed.${holder ? ` ${holder}` : ''} Open ClaimDesk here again once ` +
        'they are closed.',
    );
    this.name = 'MigrationBlockedError';
  }
}

export function schemaVersion(db: ReadDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations after the database's version, each in its own transaction
 * together with its version bump, so a crash leaves the file at a whole version.
 */
export function migrate(db: Db, target: number = SCHEMA_VERSION): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) throw new DatabaseTooNewError(current);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/**
 * How long a write waits for another workstation's write before it gives up. A posting
 * takes milliseconds; what it can meet is another's import, which it should not wait out
 * with the window frozen.
 */
export const BUSY_TIMEOUT_MS = 5_000;

const isNewFile = (file: string) => !fs.existsSync(file) || fs.statSync(file).size === 0;

/**
 * Opens (creating if needed) a ClaimDesk database and brings its schema up to date.
 * Opening takes no write lock unless a migration is due, so it works while another
 * workstation imports; a damaged file is refused before anything is written to it.
 * With a key, an encrypted file is opened with it and a new one is created encrypted; a
 * plain file stays plain until a supervisor has it encrypted (encrypt-in-place.ts).
 */
export function openDatabase(
  file: string,
  options: { busyTimeoutMs?: number; key?: DatabaseKey } = {},
): Db {
  // without a key an encrypted file reads as garbage, and is refused as damaged below
  const keyed = options.key !== undefined && (isEncryptedFile(file) || isNewFile(file));
  // the one place a connection is marked as one that may write
  const db = new Database(file) as Db;
  try {
    // before anything reads the file: a wrong key is refused here, with nothing written
    if (keyed && options.key) unlock(db, options.key);
    // Checked before anything else so a newer version's file is not touched at all.
    const found = schemaVersion(db);
    if (found > SCHEMA_VERSION) throw new DatabaseTooNewError(found);
    checkIntact(db);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    try {
      // Changing the journal mode takes the write lock even when it changes nothing.
      if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
      migrate(db);
      // the office's capture triggers exist exactly while the copy is linked
      keepCaptureWithLink(db);
    } catch (error) {
      if (failureKind(error) === 'busy') throw new MigrationBlockedError(found, file);
      throw error;
    }
    optimizeIfFree(db, options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
    // a trail changed behind ClaimDesk's back is said in the window, not refused here:
    // a supervisor has to be able to open the file to look into it
    openTrail(db, file, keyed && options.key ? options.key : null);
    return db;
  } catch (error) {
    db.close();
    if (failureKind(error) === 'damaged') throw new DamagedDatabaseError();
    throw error;
  }
}

/**
 * Closes a connection opened by openDatabase, once the audit trail's waiting entries are
 * in it (those that cannot get in, with another workstation importing or a disk full, stay
 * in their file for the next opening).
 */
export function closeDatabase(db: Db): void {
  if (!db.open) return;
  try {
    closeTrail(db);
  } catch (error) {
    // closing goes on (ClaimDesk is quitting): the entries stay in their file for next time
    console.error(
      `ClaimDesk: audit trail at closing (${error instanceof Error ? error.name : 'error'})`,
    );
  } finally {
    db.close();
  }
}

/**
 * Reads the header and the whole schema, which finds a file that is not a database or
 * whose first pages are garbage at once; `checkDatabaseFile` looks at every page of it
 * in the background, which takes too long to wait for here.
 */
function checkIntact(db: Db): void {
  one(db, `SELECT count(*) FROM sqlite_master`);
}

/**
 * Keeps the planner's statistics fresh, which the work queue's index choice relies on;
 * the limit keeps this to milliseconds even on a large file. It needs the write lock,
 * so it runs only when nobody else holds it, without waiting: the next open will do.
 */
function optimizeIfFree(db: Db, busyTimeoutMs: number): void {
  db.pragma('analysis_limit = 400');
  db.pragma('busy_timeout = 0');
  try {
    db.pragma('optimize = 0x10002');
  } catch (error) {
    if (failureKind(error) !== 'busy') throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  }
}

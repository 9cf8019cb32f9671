import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

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

export function schemaVersion(db: Db): number {
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
    })();
  }
}

/** Opens (creating if needed) a ClaimDesk database and brings its schema up to date. */
/** Enough for every distinct statement the app has, with room; beyond it the cache restarts. */
const MAX_CACHED_STATEMENTS = 1_000;

/**
 * Handlers prepare their SQL where they use it, which keeps each query beside its code;
 * but preparing costs more than running most of them, so this connection keeps its
 * prepared statements and hands the same one back for the same SQL. Nothing in the app
 * switches a statement's modes (pluck, raw, expand) or iterates one, which would leak
 * into the next user of that statement.
 */
function cacheStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, ReturnType<typeof prepare>>();
  db.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  }) as Db['prepare'];
}

export function openDatabase(file: string): Db {
  const db = new Database(file);
  cacheStatements(db);
  try {
    // Checked before anything else so a newer version's file is not touched at all.
    const found = schemaVersion(db);
    if (found > SCHEMA_VERSION) throw new DatabaseTooNewError(found);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // Keeps the planner's statistics fresh, which the work queue's index choice relies on;
    // the limit keeps this to milliseconds even on a large file.
    db.pragma('analysis_limit = 400');
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

import type Database from 'better-sqlite3';
import type { Db, ReadDb } from './open';

export type Statement<Row = unknown> = Database.Statement<unknown[], Row>;

/** Enough for every distinct statement the app has, with room; beyond it the cache restarts. */
export const MAX_CACHED_STATEMENTS = 1_000;

/** Keyed by connection, so a closed connection's statements go with it and a new one starts empty. */
const caches = new WeakMap<ReadDb, Map<string, Statement>>();

/** Connections running a read (api/run.ts runRead): no statement that writes is handed out. */
const reading = new WeakSet<ReadDb>();

export class ReadTriedToWrite extends Error {
  constructor() {
    super('A read method tried to write.');
    this.name = 'ReadTriedToWrite';
  }
}

/** Marks the connection as running a read, or no longer. */
export function markReading(db: ReadDb, on: boolean): void {
  if (on) reading.add(db);
  else reading.delete(db);
}

/**
 * The one way the app prepares SQL. Queries sit beside the code that uses them, but
 * preparing costs more than running most of them, so each connection keeps its prepared
 * statements and hands the same one back for the same SQL. Nothing may switch a returned
 * statement's modes (pluck, raw, expand) or leave it iterating: the next user of that SQL
 * would inherit it.
 */
export function prepare<Row = unknown>(db: ReadDb, sql: string): Statement<Row> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
    statement = db.prepare<unknown[], unknown>(sql);
    cache.set(sql, statement);
  }
  // refused before it runs, as the read-only connection state refused it (see runRead)
  if (!statement.readonly && reading.has(db)) throw new ReadTriedToWrite();
  // The one place a row gets its type: the SQL's column aliases are the caller's promise.
  return statement as Statement<Row>;
}

/**
 * The first row, or undefined when there is none. Parameters bind as better-sqlite3's
 * do: positional values, or one object for named `@name` parameters.
 */
export function one<Row = unknown>(db: ReadDb, sql: string, ...params: unknown[]): Row | undefined {
  return prepare<Row>(db, sql).get(...params);
}

/** The first row of a query that always has one (an aggregate, or a row the caller knows exists). */
export function oneOrThrow<Row = unknown>(db: ReadDb, sql: string, ...params: unknown[]): Row {
  const row = prepare<Row>(db, sql).get(...params);
  if (row === undefined) throw new Error(`Expected a row from: ${sql.trim().slice(0, 80)}`);
  return row;
}

export function all<Row = unknown>(db: ReadDb, sql: string, ...params: unknown[]): Row[] {
  return prepare<Row>(db, sql).all(...params);
}

/** A write: only a connection that may write is accepted. */
export function run(db: Db, sql: string, ...params: unknown[]): Database.RunResult {
  return prepare(db, sql).run(...params);
}

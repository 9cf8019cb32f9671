import type Database from 'better-sqlite3';
import fs from 'node:fs';
import { lastEntry, type Head } from '../audit/chain';
import { openKeyed, type DatabaseKey } from '../db/cipher';
import type { ReadDb } from '../db/open';
import { all, oneOrThrow, prepare } from '../db/query';

/**
 * The database half of a backup: a copy made with VACUUM INTO on a connection of its own
 * (never the window's), and the check of that copy. Only better-sqlite3 and the query
 * helpers are used here, so it runs in a worker thread; VACUUM INTO rather than the online
 * backup API because it also works on an encrypted database.
 */

/** What the source held at the moment the copy was taken. */
export interface SourceFacts {
  schemaVersion: number;
  rowCounts: Record<string, number>;
  auditHead: Head | null;
}

function tables(db: ReadDb): string[] {
  return all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
     ORDER BY name`,
  ).map((t) => t.name);
}

export function readFacts(db: ReadDb): SourceFacts {
  const rowCounts: Record<string, number> = {};
  for (const name of tables(db)) {
    rowCounts[name] = oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM "${name}"`).n;
  }
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    rowCounts,
    auditHead: lastEntry(db),
  };
}

const dataVersion = (db: ReadDb) => db.pragma('data_version', { simple: true }) as number;

/** Copies tried while writers go on, before the last one holds them off. */
export const SNAPSHOT_TRIES = 4;

/** How long the last try waits for a write in progress before it takes the lock itself. */
const WRITE_LOCK_WAIT_MS = 5_000;

export class SourceKeptChanging extends Error {
  constructor() {
    super('The database kept changing while it was copied. The next backup tries again.');
    this.name = 'SourceKeptChanging';
  }
}

/** One try: the counts in a read transaction, then the copy; whether nothing came between. */
function tryOnce(db: ReadDb, target: string): { facts: SourceFacts; unchanged: boolean } {
  fs.rmSync(target, { force: true });
  const { facts, before } = db.transaction(() => ({
    facts: readFacts(db),
    before: dataVersion(db),
  }))();
  prepare(db, `VACUUM INTO ?`).run(target);
  return { facts, unchanged: dataVersion(db) === before };
}

/**
 * Copies the database into `target` and returns what it held at that moment. VACUUM INTO
 * cannot run inside a transaction, so the counts are read in a read transaction just
 * before it, with the connection's data_version; the same data_version after the copy
 * means no other connection committed in between, so the copy was taken from the very
 * state the counts were read from. Otherwise the copy is thrown away and taken again; the
 * last try holds the write lock on a second connection for the length of the copy, so
 * other writers wait for it (as they wait for an import) instead of changing it.
 */
export function snapshotInto(
  source: string,
  target: string,
  key: DatabaseKey | null = null,
): SourceFacts {
  const db = openKeyed(source, key, { readonly: true, fileMustExist: true });
  try {
    for (let i = 1; i < SNAPSHOT_TRIES; i++) {
      const taken = tryOnce(db, target);
      if (taken.unchanged) return taken.facts;
    }
    const holder = openKeyed(source, key, { fileMustExist: true });
    try {
      holder.pragma(`busy_timeout = ${WRITE_LOCK_WAIT_MS}`);
      holder.exec('BEGIN IMMEDIATE');
      const taken = tryOnce(db, target);
      if (taken.unchanged) return taken.facts;
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
    fs.rmSync(target, { force: true });
    throw new SourceKeptChanging();
  } finally {
    db.close();
  }
}

/** Writes the file's bytes to the disk before it is renamed into place. */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Why a copy could not be read at all, in words. */
function unreadable(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return `The backup's database could not be read (${typeof code === 'string' ? code : 'error'}).`;
}

/**
 * Opens the copy read-only and checks it: every page (integrity_check), the foreign keys,
 * the schema version, every account's ledger against its balance, and each table's rows
 * against the counts read from the source. Returns what is wrong; empty when nothing is.
 */
export function checkCopy(
  file: string,
  expected: SourceFacts,
  key: DatabaseKey | null = null,
): string[] {
  let db: Database.Database;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [unreadable(error)];
  }
  const problems: string[] = [];
  try {
    const integrity = all<{ integrity_check: string }>(db, `PRAGMA integrity_check(20)`);
    const damage = integrity.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (damage.length > 0) {
      problems.push(`SQLite found damage in the backup's database (${damage.length} findings).`);
      return problems;
    }
    const orphans = all(db, `PRAGMA foreign_key_check`).length;
    if (orphans > 0) problems.push(`${orphans} rows refer to rows the backup does not hold.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== expected.schemaVersion) {
      problems.push(
        `The backup's data version is ${version}; the database was at ${expected.schemaVersion}.`,
      );
    }
    const drift = oneOrThrow<{ n: number }>(
      db,
      `SELECT count(*) AS n FROM accounts a WHERE a.insurance_balance + a.patient_balance <>
         (SELECT ifnull(sum(amount), 0) FROM ledger_entries l WHERE l.account_id = a.id)`,
    ).n;
    if (drift > 0) problems.push(`${drift} accounts' balances differ from their ledger.`);
    const found = readFacts(db);
    const names = new Set([...Object.keys(expected.rowCounts), ...Object.keys(found.rowCounts)]);
    for (const name of [...names].sort()) {
      const want = expected.rowCounts[name];
      const got = found.rowCounts[name];
      if (want !== got) {
        problems.push(
          `Table ${name} holds ${got ?? 'no'} rows; the database had ${want ?? 'none'}.`,
        );
      }
    }
    const head = expected.auditHead;
    if (head && (found.auditHead?.id !== head.id || found.auditHead.hash !== head.hash)) {
      problems.push("The backup's audit trail does not end where the database's did.");
    }
  } catch (error) {
    problems.push(unreadable(error));
  } finally {
    db.close();
  }
  return problems;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newDatabaseKey } from './cipher';
import { openDatabase, type Db } from './open';
import { all, run } from './query';
import { PATIENT } from '../testing/plain-bytes';

/**
 * What SQLite writes to its temporary files on an encrypted database, read from the files
 * themselves. SQLite deletes a temporary file as soon as it opens it, so nothing in the
 * temp folder can be read afterwards: a SQL function called part way through a statement
 * reads every deleted SQLite temporary file this process still holds open (through
 * /proc/self/fd, so on Linux only) and notes which of them hold the patient's name.
 * Why this matters for the settings: electron/db/DESIGN.md, "Temporary storage".
 */

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-temp-files-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** SQLite names its temporary files etilqs_…; they show as deleted once opened. */
function openTempFiles(): string[] {
  const fdDir = '/proc/self/fd';
  const found: string[] = [];
  for (const fd of fs.readdirSync(fdDir)) {
    let target: string;
    try {
      target = fs.readlinkSync(path.join(fdDir, fd));
    } catch {
      continue; // closed meanwhile (the readdir's own descriptor)
    }
    if (target.includes('etilqs_') && target.endsWith('(deleted)'))
      found.push(path.join(fdDir, fd));
  }
  return found;
}

interface Seen {
  /** Temporary files open at some point of the statement. */
  files: number;
  /** Of those, the ones whose bytes held the name (UTF-8, as this database stores text). */
  withName: number;
}

/** Registers probe(x), which looks at the open temporary files on every 500th call. */
function watchTempFiles(db: Db): Seen {
  const seen: Seen = { files: 0, withName: 0 };
  let calls = 0;
  const name = Buffer.from(PATIENT, 'utf8');
  db.function('probe', { deterministic: false }, (value: unknown) => {
    if (calls++ % 500 === 0) {
      for (const file of openTempFiles()) {
        seen.files += 1;
        if (fs.readFileSync(file).includes(name)) seen.withName += 1;
      }
    }
    return value;
  });
  return seen;
}

/** A table of rows naming the patient, large enough that sorts and statement journals spill. */
function encryptedWithRows(): Db {
  const db = openDatabase(tempFile(), { key: newDatabaseKey() });
  run(db, `CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, pad TEXT NOT NULL)`);
  // a trigger makes every UPDATE of t keep a statement journal, as the ledger's does
  run(db, `CREATE TABLE t_log (n INTEGER NOT NULL)`);
  run(db, `CREATE TRIGGER t_logged AFTER UPDATE ON t BEGIN INSERT INTO t_log VALUES (1); END`);
  run(
    db,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
     INSERT INTO t (name, pad) SELECT ? || ' ' || i, hex(randomblob(40)) FROM n`,
    PATIENT,
  );
  return db;
}

/** A sort too large for memory: the sorter writes its runs to a temporary file. */
function bigSort(db: Db): void {
  // a small cache makes the sorter spill after about 1 MB
  db.pragma('cache_size = 10');
  all(db, `SELECT probe(name) FROM t ORDER BY pad`);
}

/**
 * An UPDATE of many rows inside a transaction: its statement journal (the pages as they
 * were before the statement, for undoing it alone) goes to a file past 64 KiB.
 */
function bigUpdate(db: Db): void {
  db.exec('BEGIN');
  try {
    run(db, `UPDATE t SET pad = probe(pad) || 'x'`);
  } finally {
    db.exec('ROLLBACK');
  }
}

describe.runIf(process.platform === 'linux')('temporary files of an encrypted database', () => {
  it('hold the name in plain bytes when SQLite may keep them on disk: the driver does not encrypt them', () => {
    const db = encryptedWithRows();
    try {
      db.pragma('temp_store = FILE');
      // if these fail, the driver has started encrypting temporary files: DESIGN.md's reason
      // for keeping them in memory is gone, and temp_store could be left to the default
      const sorted = watchTempFiles(db);
      bigSort(db);
      expect(sorted.files).toBeGreaterThan(0);
      expect(sorted.withName).toBeGreaterThan(0);
      // the driver has code for encrypting statement journals, but SQLite opens them
      // without a name, so the driver cannot tell which database's key to use
      const updated = watchTempFiles(db);
      bigUpdate(db);
      expect(updated.files).toBeGreaterThan(0);
      expect(updated.withName).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('are never written by a keyed connection as openDatabase leaves it', () => {
    const db = encryptedWithRows();
    try {
      expect(db.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
      const seen = watchTempFiles(db);
      bigSort(db);
      bigUpdate(db);
      expect(seen).toEqual({ files: 0, withName: 0 });
    } finally {
      db.close();
    }
  });
});

import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseTooNewError } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';
import { all, one, oneOrThrow } from '../db/query';
import { openPool, type ServerConfig } from './server/connection';
import { migrateServer } from './server/migrate';
import { registerDesktop } from './server/office';
import type { OnProgress } from './server/upload';
import { OfficeRefused } from './refused';
import { fetchBaseFiles } from './base-documents';
import { linkOffice } from './link';

/** Parts read per query: a few megabytes in memory at a time. */
const PARTS_PER_READ = 8;

interface OfficeCopyRow {
  cursor: string;
  sha256: string | null;
  bytes: string | null;
}

/**
 * Joins an office by downloading its database: the parts go to `target.part`, which is
 * checked (its SHA-256 and size against the upload's, then that it is a ClaimDesk
 * database of a schema this desktop knows, with no desktop's link in it), linked to the
 * office with a new desktop id from the office's base cursor, and only then renamed to
 * `target`. The desktop is registered before the rename; a failure anywhere leaves no
 * file behind (a desktop registered but never used costs one row).
 */
export async function downloadOfficeCopy(
  config: ServerConfig,
  target: string,
  name: string,
  progress: OnProgress = () => undefined,
): Promise<{ desktopId: string; accounts: number }> {
  if (fs.existsSync(target)) {
    throw new OfficeRefused(
      'A database file of that name already exists; choose a new file to join.',
    );
  }
  const folder = path.dirname(target);
  const madeFolder = !fs.existsSync(folder);
  fs.mkdirSync(folder, { recursive: true });
  const part = `${target}.part`;
  const pool = openPool(config, 1);
  let placed: string[] = [];
  try {
    const schema = await migrateServer(pool);
    if (!schema.ok) throw new OfficeRefused(schema.message);
    const { rows } = await pool.query<OfficeCopyRow>(
      `SELECT base_cursor::text AS cursor, copy_sha256 AS sha256, copy_bytes::text AS bytes
         FROM office WHERE id = 1`,
    );
    const office = rows[0];
    if (!office?.sha256 || office.bytes === null) {
      throw new OfficeRefused(
        'This office has no database yet; a supervisor makes it from the first desktop.',
      );
    }
    const total = Number(office.bytes);
    const sha256 = await downloadParts(pool, part, total, progress);
    progress({ stage: 'verifying', done: 0, total: 1 });
    if (sha256 !== office.sha256) {
      throw new OfficeRefused(
        "The office's database did not arrive whole (its check failed); nothing was kept. " +
          'Try again, and if it fails again ask the supervisor to check the server.',
      );
    }
    const desktopId = crypto.randomUUID();
    const accounts = linkCopy(part, desktopId, office.cursor);
    // the files of documents filed before the office, into the folders their rows name
    placed = await fetchBaseFiles(pool, part, target, (done, total) =>
      progress({ stage: 'downloading', done, total }),
    );
    await registerDesktop(pool, desktopId, name);
    if (fs.existsSync(target)) {
      throw new OfficeRefused(
        'A database file of that name already exists; choose a new file to join.',
      );
    }
    fs.renameSync(part, target);
    placed = [];
    progress({ stage: 'verifying', done: 1, total: 1 });
    return { desktopId, accounts };
  } finally {
    for (const leftover of [...placed, part, `${part}-journal`, `${part}-wal`, `${part}-shm`]) {
      fs.rmSync(leftover, { force: true });
    }
    // a folder made for this join and left empty by its failure goes too
    if (madeFolder && fs.existsSync(folder) && !fs.existsSync(target)) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    await pool.end();
  }
}

/** Writes the parts in order to `file`, returning the SHA-256 of what was written. */
async function downloadParts(
  pool: ReturnType<typeof openPool>,
  file: string,
  total: number,
  progress: OnProgress,
): Promise<string> {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'wx');
  try {
    let done = 0;
    let next = 0;
    progress({ stage: 'downloading', done, total });
    for (;;) {
      const { rows } = await pool.query<{ part: number; bytes: Buffer }>(
        `SELECT part, bytes FROM office_copy WHERE part >= $1 ORDER BY part LIMIT $2`,
        [next, PARTS_PER_READ],
      );
      for (const row of rows) {
        if (row.part !== next)
          throw new OfficeRefused("A part of the office's database is missing.");
        fs.writeSync(fd, row.bytes);
        hash.update(row.bytes);
        done += row.bytes.length;
        next += 1;
        progress({ stage: 'downloading', done, total });
      }
      if (rows.length < PARTS_PER_READ) break;
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Checks the downloaded file is a ClaimDesk database this desktop can open (an older one
 * is brought up to date when it is opened) and links it, with its capture triggers (an
 * older one gets them at that open). Returns its accounts.
 */
function linkCopy(file: string, desktopId: string, cursor: string): number {
  const notClaimDesk = () =>
    new OfficeRefused("The office's database is not a ClaimDesk database this desktop can open.");
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    throw notClaimDesk();
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new DatabaseTooNewError(version);
    const tables = new Set(
      all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'table'`).map(
        (t) => t.name,
      ),
    );
    if (!['accounts', 'ledger_entries', 'office_link'].every((t) => tables.has(t))) {
      throw notClaimDesk();
    }
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw notClaimDesk();
    // a copy some desktop already linked is that desktop's, not the office's
    if (one(db, `SELECT 1 FROM office_link`) !== undefined) throw notClaimDesk();
    db.transaction(() =>
      linkOffice(db, desktopId, cursor, new Date().toISOString(), version === SCHEMA_VERSION),
    )();
    return oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM accounts`).n;
  } catch (error) {
    // a file SQLite cannot read as a database (damaged, or not one at all)
    if (error instanceof Database.SqliteError) throw notClaimDesk();
    throw error;
  } finally {
    db.close();
  }
}

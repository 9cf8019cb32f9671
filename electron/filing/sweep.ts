import fs from 'node:fs';
import path from 'node:path';
import type { Ctx } from '../core/context';
import { documentsDir, documentsFolderName, setAsideDir, stagingDir } from './location';
import { finishRemovals } from './removals';
import { ownerMayBeAlive, stagedOwner } from './staging';
import { all } from '../db/query';

/** What the scan at open moved aside, relative to the set-aside folder. */
export interface SweepReport {
  readonly setAside: readonly string[];
  /** Why part of the scan was not done this time; it runs again at the next open. */
  readonly notDone: string | null;
}

/** A folder name from a timestamp, safe on every file system: `2026-03-16T15-00-00-000Z`. */
export function setAsideStamp(now: string): string {
  return now.replace(/[:.]/g, '-');
}

function moveAside(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  let target = to;
  for (let n = 2; fs.existsSync(target); n++) target = to.replace(/(\.pdf)?$/i, ` (${n})$1`);
  fs.renameSync(from, target);
}

/** Staged files whose process is gone: a crash between rendering and filing left them. */
function sweepStaging(stagingDir: string, base: string, out: string[]): void {
  if (!fs.existsSync(stagingDir)) return;
  for (const name of fs.readdirSync(stagingDir)) {
    const owner = stagedOwner(name);
    if (owner && ownerMayBeAlive(owner)) continue;
    moveAside(path.join(stagingDir, name), path.join(base, 'staged', name));
    out.push(`${path.basename(base)}/staged/${name}`);
  }
}

/**
 * PDFs in the folder that no document of this database names: moved into place by a
 * filing that crashed before its commit, or filed by a newer copy of the database than
 * the one restored. Runs holding the write lock, which every filing holds from moving its
 * files until it commits, so a file about to get its row is never taken.
 */
function sweepFiled(ctx: Ctx, root: string, base: string, out: string[]): string | null {
  const { db } = ctx;
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      return 'Another workstation was writing to the database, so the documents folder was not checked for files with no document this time.';
    }
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
  try {
    // removals of de-identification a crash left half done, finished while no one writes
    finishRemovals(db, ctx.databasePath);
    // scanned correspondence is filed in the same layout, with its own extensions
    const known = new Set(
      all<{ f: string }>(
        db,
        `SELECT file_name AS f FROM documents WHERE folder = ?
         UNION ALL SELECT file_name FROM correspondence WHERE folder = ?`,
        documentsFolderName(ctx.databasePath),
        documentsFolderName(ctx.databasePath),
      ).map((r) => r.f),
    );
    // Only the layout filing makes (year/month/file.pdf) is looked at: anything else in
    // the folder was put there by someone else. Walking it by level is several times
    // faster than a recursive listing with file types (about 30 ms for 20,000 files).
    for (const year of fs.readdirSync(root).filter((n) => /^\d{4}$/.test(n))) {
      for (const month of fs.readdirSync(path.join(root, year)).filter((n) => /^\d{2}$/.test(n))) {
        for (const name of fs.readdirSync(path.join(root, year, month))) {
          const fileName = `${year}/${month}/${name}`;
          if (!/\.(pdf|png|jpg|tif)$/i.test(name) || known.has(fileName)) continue;
          moveAside(
            path.join(root, year, month, name),
            path.join(base, 'filed', year, month, name),
          );
          out.push(`${path.basename(base)}/filed/${fileName}`);
        }
      }
    }
    return null;
  } finally {
    db.exec('ROLLBACK');
  }
}

/**
 * The scan the app runs after opening the database: files in this database's documents
 * folder that no document row names, and staged files a crashed process left, are moved
 * into the "set aside" folder for a supervisor to look at (listSetAsideDocuments). None
 * is deleted, and a staged file whose process is still running is left where it is.
 * It never throws: opening goes on, and whatever was not done is said in the report.
 */
export function sweepDocuments(ctx: Ctx): SweepReport {
  const root = documentsDir(ctx.databasePath);
  const out: string[] = [];
  if (!fs.existsSync(root)) return { setAside: out, notDone: null };
  const base = path.join(setAsideDir(ctx.databasePath), setAsideStamp(ctx.clock.now()));
  try {
    sweepStaging(stagingDir(ctx.databasePath), base, out);
    return { setAside: out, notDone: sweepFiled(ctx, root, base, out) };
  } catch (error) {
    return {
      setAside: out,
      notDone: `The documents folder could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

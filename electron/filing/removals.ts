import fs from 'node:fs';
import path from 'node:path';
import type { ReadDb } from '../db/open';
import { one } from '../db/query';
import { documentsDir, recordedPath } from './location';

/**
 * Filed files deleted when the person they name is de-identified. The delete cannot be
 * part of the database transaction, so it is done in three steps: inside the transaction
 * each file is renamed into this folder (a rename on the same disk), then the transaction
 * commits with the rows saying the file is removed, then the files here are unlinked.
 * Whatever a crash leaves here is finished by the scan at open from what the rows say:
 * removed rows lose their file, and a file whose removal never committed goes back.
 */
export const REMOVING_FOLDER = '.removing';

export type FiledTable = 'documents' | 'correspondence';

export interface FiledFile {
  readonly table: FiledTable;
  readonly id: number;
  readonly folder: string;
  readonly fileName: string;
}

export function removingDir(databasePath: string): string {
  return path.join(documentsDir(databasePath), REMOVING_FOLDER);
}

/** `correspondence-12.png`: the row a file waiting here belongs to. */
function removingName(f: FiledFile): string {
  return `${f.table}-${f.id}${path.extname(f.fileName).toLowerCase()}`;
}

function parseRemovingName(name: string): { table: FiledTable; id: number } | null {
  const m = /^(documents|correspondence)-(\d+)(\.[a-z]+)?$/.exec(name);
  return m ? { table: m[1] as FiledTable, id: Number(m[2]) } : null;
}

/**
 * Renames each filed file into the removing folder, in the caller's transaction. Returns
 * the names it moved (to finish after the commit) and the files that were not on disk. A
 * failure part way moves back what was moved before throwing, so the transaction's
 * rollback leaves every file where it was.
 */
export function moveForRemoval(
  databasePath: string,
  files: readonly FiledFile[],
): { moved: string[]; missing: FiledFile[] } {
  const dir = removingDir(databasePath);
  const moved: { name: string; from: string }[] = [];
  const missing: FiledFile[] = [];
  try {
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) {
      const from = recordedPath(databasePath, f.folder, f.fileName);
      if (!from || !fs.existsSync(from)) {
        missing.push(f);
        continue;
      }
      const name = removingName(f);
      fs.renameSync(from, path.join(dir, name));
      moved.push({ name, from });
    }
  } catch (error) {
    for (const m of moved.reverse()) {
      try {
        fs.renameSync(path.join(dir, m.name), m.from);
      } catch {
        // left in the removing folder: the scan at open puts it back, its row not removed
      }
    }
    throw error;
  }
  return { moved: moved.map((m) => m.name), missing };
}

function rowOf(db: ReadDb, table: FiledTable, id: number) {
  const sql =
    table === 'documents'
      ? `SELECT removed_at AS removedAt, folder, file_name AS fileName FROM documents WHERE id = ?`
      : `SELECT removed_at AS removedAt, folder, file_name AS fileName FROM correspondence WHERE id = ?`;
  return one<{ removedAt: string | null; folder: string; fileName: string }>(db, sql, id);
}

/**
 * Finishes removals from what the rows say: a file whose row is marked removed is deleted;
 * one whose removal did not commit goes back where its row says. `only` limits it to the
 * files one removal moved (run after its commit, while another workstation may be in the
 * middle of its own); the scan at open, holding the write lock, takes them all.
 */
export function finishRemovals(
  db: ReadDb,
  databasePath: string,
  only?: readonly string[],
): { deleted: number; restored: number } {
  const dir = removingDir(databasePath);
  const out = { deleted: 0, restored: 0 };
  if (!fs.existsSync(dir)) return out;
  for (const name of only ?? fs.readdirSync(dir)) {
    const which = parseRemovingName(name);
    const file = path.join(dir, name);
    if (!which || !fs.existsSync(file)) continue;
    const row = rowOf(db, which.table, which.id);
    if (!row) continue;
    if (row.removedAt) {
      fs.rmSync(file, { force: true });
      out.deleted += 1;
      continue;
    }
    const back = recordedPath(databasePath, row.folder, row.fileName);
    if (back && !fs.existsSync(back)) {
      fs.mkdirSync(path.dirname(back), { recursive: true });
      fs.renameSync(file, back);
      out.restored += 1;
    }
  }
  return out;
}

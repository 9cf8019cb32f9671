import fs from 'node:fs';
import type { ReadDb } from '../db/open';
import { oneOrThrow } from '../db/query';

/** A name no page of SQLite's own would hold by chance. */
export const PATIENT = 'Quillfeather';

/** Whether the file's bytes hold the name as UTF-8 or as UTF-16 (either byte order). */
export function holdsName(file: string, name = PATIENT): boolean {
  if (!fs.existsSync(file)) return false;
  const bytes = fs.readFileSync(file);
  const be = Buffer.from(name, 'utf16le').swap16();
  return (
    bytes.includes(Buffer.from(name, 'utf8')) ||
    bytes.includes(Buffer.from(name, 'utf16le')) ||
    bytes.includes(be)
  );
}

/** How many people of the database carry the name: the test's patient, still there. */
export function patientsNamed(db: ReadDb, name = PATIENT): number {
  return oneOrThrow<{ n: number }>(db, `SELECT count(*) AS n FROM people WHERE last_name = ?`, name)
    .n;
}

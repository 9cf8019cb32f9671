import { createHash } from 'node:crypto';
import type { ReadDb } from '../db/open';
import { all, prepare } from '../db/query';

/** A fingerprint of every row of every table, to compare two databases. */
export function fingerprint(db: ReadDb): Record<string, string> {
  const tables = all<{ name: string }>(
    db,
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return Object.fromEntries(
    tables.map(({ name }) => {
      const hash = createHash('sha256');
      for (const row of prepare(db, `SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
        hash.update(JSON.stringify(row));
      }
      return [name, hash.digest('hex')];
    }),
  );
}

/** The schema as sqlite_master holds it, by name: what a migration made, whatever the order. */
export function schemaOf(db: ReadDb): { type: string; name: string; table: string; sql: string }[] {
  return all(
    db,
    `SELECT type, name, tbl_name AS "table", sql FROM sqlite_master
      WHERE sql IS NOT NULL ORDER BY type, name`,
  );
}

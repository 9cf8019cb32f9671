import { createHash } from 'node:crypto';
import type { ReadDb } from '../db/open';
import { all, prepare } from '../db/query';

/** A fingerprint of every row of every table, to compare two databases. */
export function fingerprint(db: ReadDb): Record<string, string> {
  // a table WITHOUT ROWID (wr) is read in its primary key's order, the only one it has
  const tables = all<{ name: string; wr: number }>(
    db,
    `SELECT name, wr FROM pragma_table_list
      WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  return Object.fromEntries(
    tables.map(({ name, wr }) => {
      const hash = createHash('sha256');
      const order = wr ? '' : ' ORDER BY rowid';
      for (const row of prepare(db, `SELECT * FROM "${name}"${order}`).iterate()) {
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

import type { Db } from '../db/open';
import { prepare, type Statement } from '../db/query';

/**
 * Writes one table's rows, given as their values one after another with the id first
 * (see writer-rows.ts).
 */
export type RowWriter = (values: readonly unknown[]) => void;

const placeholders = (width: number) => `(${Array.from({ length: width }, () => '?').join(', ')})`;

/**
 * One INSERT per row with the id left to SQLite, as the app writes: each id it gives must
 * be the one the row was planned with, or the rows that refer to it would be wrong.
 */
export function rowByRow(db: Db, table: string, columns: readonly string[]): RowWriter {
  const [, ...rest] = columns;
  const width = columns.length;
  const insert = prepare(
    db,
    `INSERT INTO ${table} (${rest.join(', ')}) VALUES ${placeholders(rest.length)}`,
  );
  return (values) => {
    for (let at = 0; at < values.length; at += width) {
      const id = Number(insert.run(values.slice(at + 1, at + width)).lastInsertRowid);
      if (id !== values[at])
        throw new Error(
          `${table}: SQLite gave id ${id} to the row planned as ${String(values[at])}`,
        );
    }
  };
}

/**
 * Many rows per INSERT, for a database being built whole: binding a statement costs less
 * than running one. The ids are written as planned. The rows of one table go in before the
 * next table's, so a row may be written before the one it refers to: foreign keys must be
 * off meanwhile.
 */
export function manyRowsAtOnce(
  db: Db,
  table: string,
  columns: readonly string[],
  perStatement: number,
): RowWriter {
  if (db.pragma('foreign_keys', { simple: true }) !== 0)
    throw new Error('manyRowsAtOnce: rows written out of order need foreign keys off');
  const width = columns.length;
  const statements = new Map<number, Statement>();
  const insertOf = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      const values = Array.from({ length: rows }, () => placeholders(width)).join(', ');
      s = prepare(db, `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`);
      statements.set(rows, s);
    }
    return s;
  };
  // a remainder goes as a few statements of power-of-two sizes, so each table keeps a
  // handful of prepared statements rather than one per remainder size
  return (values) => {
    let rows = values.length / width;
    let at = 0;
    while (rows > 0) {
      const size = rows >= perStatement ? perStatement : 2 ** Math.floor(Math.log2(rows));
      const end = at + size * width;
      insertOf(size).run(at === 0 && end === values.length ? values : values.slice(at, end));
      at = end;
      rows -= size;
    }
  };
}

import type { Db } from '../db/open';
import { oneOrThrow, prepare, type Statement } from '../db/query';

/** Where the demo writer's rows of one table go; `add` returns the new row's id. */
export interface RowSink {
  add(...values: unknown[]): number;
  /** Writes what is held back; the writer calls it before anything reads the table. */
  flush(): void;
}

const placeholders = (width: number) => `(${Array.from({ length: width }, () => '?').join(', ')})`;

/** One INSERT per row, its id as SQLite chose it: the app's own way of writing. */
export function rowByRow(db: Db, table: string, columns: readonly string[]): RowSink {
  const insert = prepare(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${placeholders(columns.length)}`,
  );
  return { add: (...values) => Number(insert.run(values).lastInsertRowid), flush: () => {} };
}

/**
 * Many rows per INSERT, for a database being built whole: binding a statement costs less
 * than running one, so the per-row cost of a million-account build roughly halves. Each row
 * is given the id SQLite would have given it (one past the largest, as the table is only
 * appended to while this writes it), so the callers can use ids before the rows are written
 * and the rows come out the same as one by one. Rows are held back until `perStatement`
 * have gathered or `flush` is called, so a row may be written after rows of other tables
 * that refer to it: foreign keys must be off meanwhile.
 */
export function manyRowsAtOnce(
  db: Db,
  table: string,
  columns: readonly string[],
  perStatement: number,
): RowSink {
  if (db.pragma('foreign_keys', { simple: true }) !== 0)
    throw new Error('manyRowsAtOnce: rows held back need foreign keys off');
  const width = columns.length + 1;
  const statements = new Map<number, Statement>();
  const insertOf = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      s = prepare(
        db,
        `INSERT INTO ${table} (id, ${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => placeholders(width)).join(', ')}`,
      );
      statements.set(rows, s);
    }
    return s;
  };
  let next = oneOrThrow<{ id: number }>(db, `SELECT ifnull(max(id), 0) + 1 AS id FROM ${table}`).id;
  let held: unknown[] = [];
  // a short remainder goes as a few statements of power-of-two sizes, so each table keeps
  // a handful of prepared statements rather than one per remainder size
  const flush = () => {
    let rows = held.length / width;
    let at = 0;
    while (rows > 0) {
      const size = rows >= perStatement ? perStatement : 2 ** Math.floor(Math.log2(rows));
      const end = at + size * width;
      insertOf(size).run(at === 0 && end === held.length ? held : held.slice(at, end));
      at = end;
      rows -= size;
    }
    held = [];
  };
  return {
    add: (...values) => {
      if (values.length !== columns.length)
        throw new Error(`${table}: ${values.length} values for ${columns.length} columns`);
      const id = next++;
      held.push(id, ...values);
      if (held.length === perStatement * width) flush();
      return id;
    },
    flush,
  };
}

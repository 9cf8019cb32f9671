import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './open';
import { all, MAX_CACHED_STATEMENTS, one, oneOrThrow, prepare, run } from './query';

let dir: string;
let file: string;
const open: Db[] = [];
function connect(): Db {
  // a bare connection, marked writable as openDatabase marks its own
  const db = new Database(file) as Db;
  open.push(db);
  return db;
}
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-query-'));
  file = path.join(dir, 'db.sqlite');
  connect().exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('prepare', () => {
  it('hands back the same statement for the same SQL on one connection', () => {
    const db = connect();
    const first = prepare(db, `SELECT name FROM t WHERE id = ?`);
    expect(prepare(db, `SELECT name FROM t WHERE id = ?`)).toBe(first);
    expect(prepare(db, `SELECT id FROM t WHERE name = ?`)).not.toBe(first);
  });

  it('keeps each connection its own statements, and a reopened file starts afresh', () => {
    const sql = `SELECT count(*) AS n FROM t`;
    const db = connect();
    const before = prepare(db, sql);
    expect(prepare(connect(), sql)).not.toBe(before);
    db.close();
    const reopened = connect();
    const after = prepare(reopened, sql);
    expect(after).not.toBe(before);
    expect(oneOrThrow<{ n: number }>(reopened, sql)).toEqual({ n: 0 });
  });

  it('restarts the cache once it holds its limit of distinct statements', () => {
    const db = connect();
    const first = prepare(db, `SELECT 0`);
    for (let i = 1; i < MAX_CACHED_STATEMENTS; i++) prepare(db, `SELECT ${i}`);
    expect(prepare(db, `SELECT 0`)).toBe(first);
    prepare(db, `SELECT ${MAX_CACHED_STATEMENTS}`);
    expect(prepare(db, `SELECT 0`)).not.toBe(first);
  });
});

describe('one, oneOrThrow, all and run', () => {
  it('bind positional values and named objects as better-sqlite3 does', () => {
    const db = connect();
    const added = run(db, `INSERT INTO t (name) VALUES (?)`, 'Ada');
    expect(added.changes).toBe(1);
    run(db, `INSERT INTO t (id, name) VALUES (@id, @name)`, { id: 5, name: 'Grace' });
    expect(
      one<{ name: string }>(db, `SELECT name FROM t WHERE id = ?`, added.lastInsertRowid),
    ).toEqual({ name: 'Ada' });
    expect(one(db, `SELECT name FROM t WHERE id = @id`, { id: 5 })).toEqual({ name: 'Grace' });
    expect(
      all<{ id: number }>(db, `SELECT id FROM t WHERE id > ? AND id < ? ORDER BY id`, 0, 9),
    ).toEqual([{ id: 1 }, { id: 5 }]);
  });

  it('say when there is no row: one with undefined, oneOrThrow naming the query', () => {
    const db = connect();
    expect(one(db, `SELECT name FROM t WHERE id = ?`, 42)).toBeUndefined();
    expect(all(db, `SELECT name FROM t`)).toEqual([]);
    expect(() => oneOrThrow(db, `SELECT name FROM t WHERE id = ?`, 42)).toThrow(
      /Expected a row from: SELECT name FROM t WHERE id = \?/,
    );
  });
});

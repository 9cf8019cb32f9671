import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../api/dispatch';
import { closeDatabase, openDatabase } from '../db/open';
import { addAccount } from '../testing/builders';
import { call } from '../testing/call';
import type { UserId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { createTestCtx, TEST_TODAY } from '../testing/test-db';
import { entryHash, GENESIS, ROW_COLUMNS, type ChainedRow } from './chain';
import { headFilePath } from './head';
import { openTrail, trailWarning } from './trail';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The test user's state as they were added, then eight requests. */
const ENTRIES = 9;

/** A database with a trail of nine entries, closed as ClaimDesk leaves it. */
function closedTrail(): string {
  const ctx = createTestCtx();
  dirs.push(ctx.dir);
  const { accountId } = addAccount(ctx);
  for (let i = 0; i < ENTRIES - 3; i += 1) call(ctx, 'getAccount', { accountId });
  call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Left a message' });
  call(ctx, 'getAccount', { accountId });
  closeDatabase(ctx.db);
  return ctx.databasePath;
}

/** Edits the file with a plain SQLite connection, as someone with a database tool would. */
function edit(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
}

/** Runs a change with the trail's triggers out of the way, and puts them back after. */
function behindTheTriggers(db: Database.Database, change: () => void): void {
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'`,
    )
    .all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  change();
  for (const t of triggers) db.exec(t.sql);
}

/** Opens the file as ClaimDesk does and gives the warning it shows. */
function warningAtOpen(file: string): string | null {
  const db = openDatabase(file);
  try {
    return trailWarning(db);
  } finally {
    closeDatabase(db);
  }
}

describe('a trail changed outside ClaimDesk is found at the next opening', () => {
  it('finds nothing in a trail as ClaimDesk left it, and checks only what is new after', () => {
    const file = closedTrail();
    expect(warningAtOpen(file)).toBeNull();
    const db = openDatabase(file);
    try {
      // opening verified up to the last entry, so the next check has nothing left to walk
      expect(openTrail(db, file)).toMatchObject({ ok: true, checked: 0, total: ENTRIES });
    } finally {
      closeDatabase(db);
    }
  });

  it('an entry rewritten', () => {
    const file = closedTrail();
    edit(file, (db) =>
      behindTheTriggers(db, () =>
        db.prepare(`UPDATE audit_log SET accounts = ',999,' WHERE id = 2`).run(),
      ),
    );
    expect(warningAtOpen(file)).toMatch(
      /^The audit trail of this database was changed outside ClaimDesk: entry 2 was changed/,
    );
  });

  it('the last entries removed', () => {
    const file = closedTrail();
    edit(file, (db) =>
      behindTheTriggers(db, () =>
        db.prepare(`DELETE FROM audit_log WHERE id > ?`).run(ENTRIES - 2),
      ),
    );
    expect(warningAtOpen(file)).toContain(
      `it ends at entry ${ENTRIES - 2} but had reached entry ${ENTRIES}`,
    );
  });

  it('the triggers dropped', () => {
    const file = closedTrail();
    edit(file, (db) => db.exec(`DROP TRIGGER audit_log_no_delete`));
    expect(warningAtOpen(file)).toContain(
      'the safeguard that stops anyone changing or removing its entries was taken away',
    );
  });

  it('the whole chain rewritten so that it holds together: the head beside the file differs', () => {
    const file = closedTrail();
    edit(file, (db) =>
      behindTheTriggers(db, () => {
        const rows = db
          .prepare(`SELECT ${ROW_COLUMNS} FROM audit_log ORDER BY id`)
          .all() as ChainedRow[];
        db.exec(`DELETE FROM audit_log`);
        const insert = db.prepare(
          `INSERT INTO audit_log (id, at, user_id, workstation, method, access, accounts,
             documents, detail, uid, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        let prev = GENESIS;
        for (const row of rows) {
          // the note's entry made to say another user wrote it
          const e = row.method === 'addActivity' ? { ...row, userId: row.userId + 1 } : row;
          const hash = entryHash(prev, e.id, e);
          insert.run(
            e.id,
            e.at,
            e.userId,
            e.workstation,
            e.method,
            e.access,
            e.accounts,
            e.documents,
            e.detail,
            e.uid,
            prev,
            hash,
          );
          prev = hash;
        }
      }),
    );
    expect(warningAtOpen(file)).toContain(`entry ${ENTRIES} is not the one ClaimDesk wrote`);
  });

  it('the head beside the database removed', () => {
    const file = closedTrail();
    fs.rmSync(headFilePath(file));
    expect(warningAtOpen(file)).toContain('kept beside the database, is missing');
  });

  it('still opens, for a supervisor to look into, and says so to whoever asks', () => {
    const file = closedTrail();
    edit(file, (db) => db.exec(`DROP TRIGGER audit_log_no_update`));
    const db = openDatabase(file);
    try {
      const { id } = db.prepare(`SELECT id FROM users LIMIT 1`).get() as { id: UserId };
      const signedIn = { db, clock: fixedClock(TEST_TODAY), userId: id, databasePath: file };
      const result = dispatch(signedIn, 'getAuditStatus', {});
      expect(result).toMatchObject({
        ok: true,
        value: { warning: expect.stringMatching(/changed outside ClaimDesk/) as unknown },
      });
    } finally {
      closeDatabase(db);
    }
  });

  it('a supervisor who has looked into it accepts the trail: safeguards back, warning gone, acceptance kept', () => {
    const file = closedTrail();
    edit(file, (db) => db.exec(`DROP TRIGGER audit_log_no_update`));
    const db = openDatabase(file);
    try {
      const { id } = db.prepare(`SELECT id FROM users LIMIT 1`).get() as { id: UserId };
      db.prepare(`UPDATE users SET role = 'supervisor' WHERE id = ?`).run(id);
      const signedIn = { db, clock: fixedClock(TEST_TODAY), userId: id, databasePath: file };
      const reason = 'Triggers dropped by the vendor during a repair on 03/15; confirmed with IT';
      const accepted = dispatch(signedIn, 'acceptAuditTrail', { reason });
      expect(accepted).toMatchObject({ ok: true, value: { ok: false } });
      expect(trailWarning(db)).toBeNull();
      const entry = db
        .prepare(`SELECT method, detail FROM audit_log ORDER BY id DESC LIMIT 1`)
        .get() as { method: string; detail: string };
      expect(entry.method).toBe('acceptAuditTrail');
      expect(entry.detail).toContain(reason);
      expect(() => db.prepare(`UPDATE audit_log SET detail = 'x' WHERE id = 1`).run()).toThrow(
        /cannot be changed/,
      );
    } finally {
      closeDatabase(db);
    }
    expect(warningAtOpen(file)).toBeNull();
  });
});

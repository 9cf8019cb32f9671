import Database from 'better-sqlite3';
import fs from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { closeDatabase, openDatabase, schemaVersion } from '../db/open';
import { all, one, run } from '../db/query';
import { SCHEMA_VERSION } from '../db/migrations';
import { oldVersionFile } from '../db/old-version-file';
import { addAccount } from '../testing/builders';
import { call } from '../testing/call';
import { createEncryptedTestCtx } from '../testing/encrypted-db';
import { ALL_CAPTURE_TRIGGERS, captureTriggersOf } from '../testing/office/capture';
import { createTestCtx } from '../testing/test-db';
import { CAPTURE_TRIGGERS } from './capture-triggers';
import { linkOffice, unlinkOffice } from './link';

const pending = (db: Database.Database) => all(db, `SELECT tbl, op FROM outbox_pending`);

/** The schema cookie: it moves with every CREATE or DROP. */
const schemaCookie = (db: Database.Database) =>
  db.pragma('schema_version', { simple: true }) as number;

describe('the capture triggers exist only while the desktop is linked', () => {
  it('a standalone database has none; linking creates them all and leaving drops them', () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    expect(captureTriggersOf(ctx.db)).toEqual([]);
    const { accountId } = addAccount(ctx);
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Standalone.' });
    expect(pending(ctx.db)).toEqual([]);

    ctx.db.transaction(() => linkOffice(ctx.db, 'd1', '0', 't'))();
    expect(captureTriggersOf(ctx.db)).toEqual(ALL_CAPTURE_TRIGGERS);
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Linked.' });
    const [entry] = all<{ changes: string }>(ctx.db, `SELECT changes FROM outbox`);
    expect(JSON.parse(entry?.changes ?? '[]')).toMatchObject([
      { tbl: 'activities', row: { body: 'Linked.' } },
    ]);

    ctx.db.transaction(() => unlinkOffice(ctx.db))();
    expect(captureTriggersOf(ctx.db)).toEqual([]);
    expect(one(ctx.db, `SELECT 1 AS n FROM office_link`)).toBeUndefined();
    call(ctx, 'addActivity', { accountId, kind: 'note', text: 'Standalone again.' });
    expect(pending(ctx.db)).toEqual([]);
    expect(all(ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    // the history is still append-only without them
    expect(() => run(ctx.db, `DELETE FROM activities`)).toThrow(/append-only/);
  });

  it('are put right at open: created when a linked copy lacks them, dropped when a standalone one holds them', () => {
    const ctx = createTestCtx();
    onTestFinished(() => ctx.close());
    const file = ctx.databasePath;
    ctx.db.transaction(() => linkOffice(ctx.db, 'd1', '0', 't'))();
    // a definition of another version, and one missing
    ctx.db.exec(`DROP TRIGGER office_capture_accounts; DROP TRIGGER office_capture_activity;
      CREATE TRIGGER office_capture_activity AFTER INSERT ON activities
      BEGIN SELECT 1; END;`);
    closeDatabase(ctx.db);

    const linked = openDatabase(file);
    expect(captureTriggersOf(linked)).toEqual(ALL_CAPTURE_TRIGGERS);
    const [activity] = all<{ sql: string }>(
      linked,
      `SELECT sql FROM sqlite_master WHERE name = 'office_capture_activity'`,
    );
    expect(activity?.sql).toBe(
      CAPTURE_TRIGGERS.find((t) => t.name === 'office_capture_activity')?.sql,
    );
    // the copy was right: opening again changes no schema (so takes no write lock for it)
    const cookie = schemaCookie(linked);
    closeDatabase(linked);
    const again = openDatabase(file);
    expect(schemaCookie(again)).toBe(cookie);

    // a standalone copy that still holds them (made by hand, or by another version)
    again.exec(`DELETE FROM office_link`);
    closeDatabase(again);
    const standalone = openDatabase(file);
    onTestFinished(() => closeDatabase(standalone));
    expect(captureTriggersOf(standalone)).toEqual([]);
  });

  it('migration 57 drops the triggers a standalone desktop had, and a linked one gets them back', () => {
    for (const linked of [false, true]) {
      const seed = linked
        ? `INSERT INTO office_link (id, desktop_id, cursor, linked_at) VALUES (1, 'd1', '7', 't');`
        : '';
      const file = oldVersionFile(54, seed);
      const raw = new Database(file);
      // as migrations 32 to 54 left every database; the one definition has each of them
      const old = captureTriggersOf(raw);
      expect(old).toContain('office_capture_claims');
      expect(ALL_CAPTURE_TRIGGERS).toEqual(expect.arrayContaining(old));
      raw.close();
      const db = openDatabase(file);
      try {
        expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
        expect(captureTriggersOf(db)).toEqual(linked ? ALL_CAPTURE_TRIGGERS : []);
      } finally {
        closeDatabase(db);
      }
    }
  });

  it('an encrypted database keeps them across its open as a plain one does', () => {
    const ctx = createEncryptedTestCtx();
    onTestFinished(() => ctx.close());
    expect(captureTriggersOf(ctx.db)).toEqual([]);
    ctx.db.transaction(() => linkOffice(ctx.db, 'd1', '0', 't'))();
    ctx.db.exec(`DROP TRIGGER office_capture_claims`);
    closeDatabase(ctx.db);
    const db = openDatabase(ctx.databasePath, { key: ctx.databaseKey });
    try {
      expect(captureTriggersOf(db)).toEqual(ALL_CAPTURE_TRIGGERS);
    } finally {
      closeDatabase(db);
    }
    expect(fs.existsSync(ctx.databasePath)).toBe(true);
  });
});

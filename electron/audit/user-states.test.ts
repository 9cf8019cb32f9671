import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../db/open';
import { addAccount, makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx } from '../testing/test-db';
import { trailWarning } from './trail';
import { USER_STATE } from './user-states';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A database whose supervisor added a representative with a PIN, closed as ClaimDesk leaves it. */
function office(): { file: string; repId: number } {
  const ctx = createTestCtx();
  dirs.push(ctx.dir);
  makeSupervisor(ctx);
  const users = call(ctx, 'addUser', {
    username: 'rep.two',
    displayName: 'Ray Representative',
    role: 'representative',
  });
  const repId = users.users.find((u) => u.username === 'rep.two')?.id ?? 0;
  call(ctx, 'setOwnSecret', { kind: 'pin', secret: '482916' });
  // a view recorded on its own writes the head file beside the database, as every day ends
  call(ctx, 'getAccount', { accountId: addAccount(ctx).accountId });
  closeDatabase(ctx.db);
  return { file: ctx.databasePath, repId };
}

function edit(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    change(db);
  } finally {
    db.close();
  }
}

function warningAtOpen(file: string): string | null {
  const db = openDatabase(file);
  try {
    return trailWarning(db);
  } finally {
    closeDatabase(db);
  }
}

describe('users changed outside ClaimDesk are found at the next opening', () => {
  it('finds nothing when every change went through ClaimDesk', () => {
    const { file } = office();
    expect(warningAtOpen(file)).toBeNull();
  });

  it('a representative promoted with a database tool', () => {
    const { file, repId } = office();
    edit(file, (db) => db.prepare(`UPDATE users SET role = 'supervisor' WHERE id = ?`).run(repId));
    expect(warningAtOpen(file)).toContain('user "rep.two" was changed without ClaimDesk');
  });

  it('a supervisor added, a PIN replaced, a user deleted with its history', () => {
    const { file, repId } = office();
    edit(file, (db) => {
      db.prepare(
        `INSERT INTO users (username, display_name, role, created_at)
           VALUES ('intruder', 'Intruder', 'supervisor', '2026-03-16T09:00:00')`,
      ).run();
      db.prepare(`UPDATE user_secrets SET hash = randomblob(64)`).run();
      db.exec(`DROP TRIGGER user_changes_no_delete`);
      db.prepare(`DELETE FROM user_changes WHERE user_id = ?`).run(repId);
      db.prepare(`DELETE FROM users WHERE id = ?`).run(repId);
    });
    const warning = warningAtOpen(file);
    expect(warning).toContain('user "intruder" was added without ClaimDesk');
    expect(warning).toContain('user "rep.one" was changed without ClaimDesk');
    expect(warning).toContain('user "rep.two" was removed');
  });

  it('a trail from before users were recorded takes them as found once, then watches them', () => {
    const { file, repId } = office();
    edit(file, (db) => {
      // the file as an older ClaimDesk left it: no user states in its trail, the head beside it gone
      db.exec(`DROP TRIGGER audit_log_no_delete`);
      db.exec(`DELETE FROM audit_log`);
      db.exec(`DELETE FROM user_secrets`);
      db.prepare(`UPDATE users SET role = 'supervisor' WHERE id = ?`).run(repId);
    });
    fs.rmSync(`${file}.audit-head`);
    edit(file, (db) =>
      db.exec(
        `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
         BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed'); END;`,
      ),
    );
    expect(warningAtOpen(file)).toBeNull();
    const recorded = new Database(file, { readonly: true });
    try {
      const states = recorded
        .prepare(`SELECT count(*) AS n FROM audit_log WHERE method = ?`)
        .get(USER_STATE) as { n: number };
      expect(states.n).toBe(2);
    } finally {
      recorded.close();
    }
    edit(file, (db) => db.prepare(`UPDATE users SET active = 0 WHERE id = ?`).run(repId));
    expect(warningAtOpen(file)).toContain('user "rep.two" was changed without ClaimDesk');
  });
});

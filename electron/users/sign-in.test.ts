import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { signIn, UserTurnedOffError } from './sign-in';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const NOW = '2026-03-16T09:00:00.000Z';
let dir: string;
let db: Db;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimdesk-test-'));
  db = openDatabase(path.join(dir, 'office.sqlite'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const userRow = (id: number) =>
  db.prepare(`SELECT username, role, active FROM users WHERE id = ?`).get(id);
const changes = () =>
  db
    .prepare(`SELECT user_id AS userId, role, why, changed_by AS changedBy FROM user_changes`)
    .all();

describe('signing in', () => {
  it('makes the first person to open a new database its supervisor, and nobody after', () => {
    const first = signIn(db, 'dana.lee', NOW);
    expect(userRow(first)).toEqual({ username: 'dana.lee', role: 'supervisor', active: 1 });
    expect(changes()).toEqual([
      {
        userId: first,
        role: 'supervisor',
        why: 'First to open ClaimDesk while it had no supervisor',
        changedBy: first,
      },
    ]);
    const second = signIn(db, 'sam.ortiz', NOW);
    expect(userRow(second)).toEqual({ username: 'sam.ortiz', role: 'representative', active: 1 });
    // coming back changes nothing
    expect(signIn(db, 'DANA.LEE', NOW)).toBe(first);
    expect(signIn(db, 'sam.ortiz', NOW)).toBe(second);
    expect(changes()).toHaveLength(2);
  });

  it('keeps a name never seen before waiting for a supervisor; one a supervisor added does not wait', () => {
    const first = signIn(db, 'dana.lee', NOW);
    const stranger = signIn(db, 'sam.ortiz', NOW);
    db.prepare(
      `INSERT INTO users (username, display_name, created_at) VALUES ('kim.ng', 'Kim Ng', ?)`,
    ).run(NOW);
    const added = signIn(db, 'kim.ng', NOW);
    const pending = (id: number) =>
      (db.prepare(`SELECT pending FROM users WHERE id = ?`).get(id) as { pending: number }).pending;
    expect([pending(first), pending(stranger), pending(added)]).toEqual([0, 1, 0]);
    expect(changes()).toContainEqual({
      userId: stranger,
      role: 'representative',
      why: 'First sign-in; waits for a supervisor to allow it',
      changedBy: stranger,
    });
    // signing in again keeps it waiting, and writes nothing more
    expect(signIn(db, 'sam.ortiz', NOW)).toBe(stranger);
    expect(pending(stranger)).toBe(1);
    expect(changes()).toHaveLength(2);
  });

  it('does not hand the role to the next person when the only supervisor is turned off', () => {
    const first = signIn(db, 'dana.lee', NOW);
    db.prepare(`UPDATE users SET active = 0 WHERE id = ?`).run(first);
    const next = signIn(db, 'sam.ortiz', NOW);
    expect(userRow(next)).toMatchObject({ role: 'representative' });
  });

  it('refuses a user a supervisor turned off, saying who can turn them back on', () => {
    signIn(db, 'dana.lee', NOW);
    const rep = signIn(db, 'sam.ortiz', NOW);
    db.prepare(`UPDATE users SET active = 0 WHERE id = ?`).run(rep);
    expect(() => signIn(db, 'sam.ortiz', NOW)).toThrow(UserTurnedOffError);
    expect(() => signIn(db, 'sam.ortiz', NOW)).toThrow(
      'The ClaimDesk user "sam.ortiz" has been turned off by a supervisor. Ask a supervisor to turn it back on under Settings, Users.',
    );
    expect(userRow(rep)).toEqual({ username: 'sam.ortiz', role: 'representative', active: 0 });
  });
});

import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { serverRows } from '../testing/office/office-copy';
import { applySamsChange, officeWithSam, samsRow } from '../testing/office/sam';
import { describeWithPg, loginSession } from '../testing/office/server-db';
import { openPool, sqlState, type ServerConfig } from './server/connection';

const NOT_ALLOWED = '42501';
const CHECK_VIOLATION = '23514';

const answer = (c: pg.ClientBase, sql: string, values: unknown[] = []) =>
  c.query(sql, values).then(() => 'ok', sqlState);

/** rep.one a supervisor, rep.2 and sam.ortiz representatives, all on the server. */
async function office() {
  const { server, b } = await officeWithSam();
  return { server, b, asB: await loginSession(b.config) };
}

const standing = async (server: ServerConfig, gid: string) =>
  (
    await serverRows<{ role: string; email: string | null; version: number }>(
      server,
      `SELECT role, email, version FROM users WHERE gid = $1`,
      [gid],
    )
  )[0];

/** A user change as a desk's login could write it itself, moving the row one version on. */
const change = (set: string) =>
  `UPDATE users SET ${set}, version = version + 1, changed_at = '2026-03-16T10:00:00.000Z'
     WHERE gid = $1`;

const newUser = (role: string, pending: boolean) =>
  `INSERT INTO users (gid, username, display_name, role, active, pending, created_at,
       changed_at, changed_by, version)
     VALUES ($1, substr($1, 6), 'New', '${role}', true, ${pending}, '2026-03-16', '2026-03-16',
       $2, 1)`;

describeWithPg("the server judging a desk login's writes to users", () => {
  it('refuses a representative made a supervisor on their own word, takes a supervisor as author', async () => {
    const { server, asB } = await office();
    const promote = change(`role = 'supervisor', changed_by = $2`);
    expect(await answer(asB, promote, ['user:sam.ortiz', 'user:sam.ortiz'])).toBe(NOT_ALLOWED);
    expect(await answer(asB, promote, ['user:sam.ortiz', 'user:rep.2'])).toBe(NOT_ALLOWED);
    expect(await standing(server, 'user:sam.ortiz')).toEqual({
      role: 'representative',
      email: null,
      version: 1,
    });
    // what is left open: the desk's word for who the author is
    expect(await answer(asB, promote, ['user:sam.ortiz', 'user:rep.one'])).toBe('ok');
    expect(await standing(server, 'user:sam.ortiz')).toMatchObject({
      role: 'supervisor',
      version: 2,
    });
  });

  it('takes a new user only from a supervisor on the rows as they stood before the statement', async () => {
    const { server, asB } = await office();
    const supervisor = newUser('supervisor', false);
    expect(await answer(asB, supervisor, ['user:lee.park', 'user:lee.park'])).toBe(NOT_ALLOWED);
    expect(await answer(asB, supervisor, ['user:lee.park', 'user:sam.ortiz'])).toBe(NOT_ALLOWED);
    // waiting, but as a supervisor, still grants something
    expect(await answer(asB, newUser('supervisor', true), ['user:lee.park', 'user:lee.park'])).toBe(
      NOT_ALLOWED,
    );
    // a row the same statement makes a supervisor does not count as one
    expect(
      await answer(
        asB,
        `INSERT INTO users (gid, username, display_name, role, active, pending, created_at,
             changed_at, changed_by, version)
           VALUES ('user:lee.park', 'lee.park', 'Lee', 'supervisor', true, false, 'x', 'x',
                   'user:rep.one', 1),
                  ('user:kim.ng', 'kim.ng', 'Kim', 'supervisor', true, false, 'x', 'x',
                   'user:lee.park', 1)`,
      ),
    ).toBe(NOT_ALLOWED);
    expect(
      await serverRows(
        server,
        `SELECT gid FROM users WHERE gid IN ('user:lee.park', 'user:kim.ng')`,
      ),
    ).toEqual([]);
    // a name waiting for a supervisor grants nothing, so anyone may make it known
    expect(await answer(asB, newUser('representative', true), ['user:kim.ng', 'user:kim.ng'])).toBe(
      'ok',
    );
    // and a supervisor may add anyone, starting at version 1
    expect(await answer(asB, supervisor, ['user:lee.park', 'user:rep.one'])).toBe('ok');
    expect(
      await answer(asB, supervisor.replace(', 1)', ', 4)'), ['user:ann.lu', 'user:rep.one']),
    ).toBe(CHECK_VIOLATION);
  });

  it("lets a user change their own contact, not another's, and holds every change to one version on", async () => {
    const { server, asB } = await office();
    const email = change(`email = 'sam@example.org', changed_by = $2`);
    expect(await answer(asB, email, ['user:sam.ortiz', 'user:sam.ortiz'])).toBe('ok');
    expect(await answer(asB, email, ['user:rep.2', 'user:sam.ortiz'])).toBe(NOT_ALLOWED);
    expect(await standing(server, 'user:sam.ortiz')).toEqual({
      role: 'representative',
      email: 'sam@example.org',
      version: 2,
    });
    expect(await standing(server, 'user:rep.2')).toMatchObject({ email: null, version: 1 });
    // a supervisor's change too moves one version, never more or back
    for (const version of [7, 2, 1]) {
      expect(
        await answer(
          asB,
          `UPDATE users SET active = false, changed_by = 'user:rep.one', version = $2
             WHERE gid = $1`,
          ['user:sam.ortiz', version],
        ),
        `to version ${version}`,
      ).toBe(CHECK_VIOLATION);
    }
    // the gid stays, and so do the name and date the office first knew them by
    expect(
      await answer(asB, change(`gid = 'user:sam', changed_by = 'user:rep.one'`), [
        'user:sam.ortiz',
      ]),
    ).toBe(NOT_ALLOWED);
    expect(
      await answer(
        asB,
        change(`username = 'someone', created_at = 'then', changed_by = 'user:sam.ortiz'`),
        ['user:sam.ortiz'],
      ),
    ).toBe('ok');
    expect(
      await serverRows(
        server,
        `SELECT username, created_at <> 'then' AS kept, version FROM users
           WHERE gid = 'user:sam.ortiz'`,
      ),
    ).toEqual([{ username: 'sam.ortiz', kept: true, version: 3 }]);
    expect(await answer(asB, `DELETE FROM users WHERE gid = 'user:sam.ortiz'`)).toBe(NOT_ALLOWED);
    expect(await answer(asB, `TRUNCATE users`)).toBe(NOT_ALLOWED);
  });

  it("answers the server's own refusal of an entry's user change as a refusal", async () => {
    const { server, b } = await office();
    const pool = openPool(b.config, 1);
    onTestFinished(() => pool.end());
    const row = samsRow({ role: 'representative', active: false, changedBy: 'user:rep.one' });
    // a supervisor's change, but skipping versions: only the server's trigger sees it
    const outcome = await applySamsChange(pool, b, row, { seq: 900, baseVersion: 1, version: 5 });
    expect(outcome).toMatchObject({
      outcome: 'refused',
      reason: expect.stringMatching(/^This change to sam\.ortiz did not follow the office's/),
      serverRows: [{ tbl: 'users', gid: 'user:sam.ortiz', version: 1 }],
    });
    expect(await standing(server, 'user:sam.ortiz')).toMatchObject({ version: 1 });
    // the same from version 1 to 2 is taken, through the desk's own login
    expect(await applySamsChange(pool, b, row, { seq: 901, baseVersion: 1, version: 2 })).toEqual({
      outcome: 'accepted',
    });
    expect(await standing(server, 'user:sam.ortiz')).toMatchObject({ version: 2 });
  });
});

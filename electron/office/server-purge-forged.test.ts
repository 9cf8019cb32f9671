import pg from 'pg';
import { expect, it } from 'vitest';
import { oneOrThrow } from '../db/query';
import { addAccount } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { gidOf } from './gids';
import { sealOutbox } from './outbox';

/**
 * A desk's login calling `purge_person` itself (server migration 17) with a person it made
 * up: it must not be able to blank or rewrite a living patient's notes, nor move a living
 * patient's account to its made-up person.
 */
const REMOVED = '[removed]';

async function withClient<T>(config: pg.ClientConfig, f: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client(config);
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

const deskOf = (d: Desktop) =>
  oneOrThrow<{ d: string }>(d.ctx.db, `SELECT desktop_id AS d FROM office_link`).d;

/** A person of the desk's own, made de-identified and deceased, in the client's transaction. */
async function forgePerson(c: pg.Client, desk: string): Promise<string> {
  const gid = `${desk}:999999`;
  await c.query(
    `INSERT INTO people (gid, last_name, first_name, returned_mail, deceased_date, created_at,
       desktop_id) VALUES ($1, $2, $2, 0, '2020-01-01', '2026-01-01', $3)`,
    [gid, REMOVED, desk],
  );
  return gid;
}

const code = (error: unknown) => String((error as { code?: unknown }).code);

describeWithPg('purge_person called by a desk login with a person it made up', () => {
  it("leaves a living patient's first-copy note as it is when handed over as the marker", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1);
    const acct = accountIds[0] ?? 0;
    const text = 'Patient promised to pay Friday.';
    call(b.ctx, 'addActivity', { accountId: acct, kind: 'note', text });
    await syncAll(a, b);
    const accountGid = gidOf(a.ctx.db, 'accounts', acct);
    expect(accountGid.startsWith('base:')).toBe(true);
    const { noteGid, user } = await withClient(server, async (o) => ({
      noteGid: (
        await o.query<{ gid: string }>(`SELECT gid FROM activities WHERE body = $1`, [text])
      ).rows[0]?.gid,
      user: (await o.query<{ u: string }>(`SELECT user_gid AS u FROM activities LIMIT 1`)).rows[0]
        ?.u,
    }));
    expect(noteGid).toBeDefined();

    await withClient(a.config, async (c) => {
      await c.query('BEGIN');
      const person = await forgePerson(c, deskOf(a));
      // the history line the purge looks for on a first-copy account, forged on someone else's
      await c.query(
        `INSERT INTO activities (gid, account_gid, kind, body, user_gid, occurred_at)
           VALUES ($1, $2, 'system', 'De-identified after the retention period: x', $3,
             '2026-01-01')`,
        [`${deskOf(a)}:999998`, accountGid, user],
      );
      await c.query(`SELECT purge_person($1, $2, $3)`, [
        person,
        [accountGid],
        JSON.stringify({ [noteGid ?? '']: REMOVED }),
      ]);
      await c.query('COMMIT');
    });
    const after = await withClient(server, (o) =>
      o.query<{ body: string }>(`SELECT body FROM activities WHERE gid = $1`, [noteGid]),
    );
    expect(after.rows.map((r) => r.body)).toEqual([text]);
  });

  it("cannot move a living patient's account made after joining to that person", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1);
    const { accountId: acct } = addAccount(b.ctx, { number: 'V-1' });
    sealOutbox(b.ctx.db, b.ctx.clock.now(), b.ctx.userId);
    const text = 'Living patient note.';
    call(b.ctx, 'addActivity', { accountId: acct, kind: 'note', text });
    await syncAll(b, a);
    const accountGid = gidOf(b.ctx.db, 'accounts', acct);
    expect(accountGid.startsWith('base:')).toBe(false);
    const before = await withClient(server, (o) =>
      o.query<{ gid: string; row: unknown }>(
        `SELECT a.gid, to_jsonb(a) AS row FROM accounts a WHERE gid = $1`,
        [accountGid],
      ),
    );
    const noteGid = await withClient(server, async (o) => {
      const { rows } = await o.query<{ gid: string }>(
        `SELECT gid FROM activities WHERE body = $1`,
        [text],
      );
      return rows[0]?.gid ?? '';
    });

    const refused = await withClient(a.config, async (c) => {
      const out: string[] = [];
      for (const set of [`patient_gid = $1`, `account_number = 'HIJACKED'`]) {
        await c.query('BEGIN');
        const person = await forgePerson(c, deskOf(a));
        try {
          await c.query(
            `UPDATE accounts SET ${set.replace('$1', `'${person}'`)}, version = version + 1
               WHERE gid = $1`,
            [accountGid],
          );
          out.push('ok');
        } catch (error) {
          out.push(code(error));
        }
        await c.query('ROLLBACK');
      }
      // its guarantor may change, but the purge then only takes that person's own texts out
      await c.query('BEGIN');
      const person = await forgePerson(c, deskOf(a));
      await c.query(
        `UPDATE accounts SET guarantor_gid = $1, version = version + 1 WHERE gid = $2`,
        [person, accountGid],
      );
      await c.query(`SELECT purge_person($1, '{}', $2)`, [
        person,
        JSON.stringify({ [noteGid]: REMOVED }),
      ]);
      await c.query('ROLLBACK');
      return out;
    });
    expect(refused).toEqual(['42501', '42501']);
    const after = await withClient(server, async (o) => ({
      account: (
        await o.query<{ gid: string; row: unknown }>(
          `SELECT a.gid, to_jsonb(a) AS row FROM accounts a WHERE gid = $1`,
          [accountGid],
        )
      ).rows,
      note: (
        await o.query<{ body: string }>(`SELECT body FROM activities WHERE gid = $1`, [noteGid])
      ).rows,
    }));
    expect(after.account).toEqual(before.rows);
    expect(after.note).toEqual([{ body: text }]);
  });
});

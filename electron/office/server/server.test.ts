import crypto from 'node:crypto';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createServerDatabase, describeWithPg } from '../../testing/office/server-db';
import type { Entry, FollowUpRow } from '../wire';
import { applyEntry } from './apply';
import { noteEntry } from '../../testing/office/entries';
import { openPool, type ServerConfig } from './connection';
import { migrateServer } from './migrate';
import { SERVER_MIGRATIONS, SERVER_SCHEMA_VERSION } from './migrations';
import { readChanges, registerDesktop, uploadBase } from './office';

const followUp: FollowUpRow = {
  accountGid: 'base:1',
  claimGid: null,
  kind: 'account',
  status: 'open',
  dueDate: '2026-03-20',
  deadlineDate: null,
  ownerGid: 'base:1',
  reason: null,
  createdAt: '2026-03-16T15:00:00.000Z',
  createdBy: 'base:1',
  completedAt: null,
  completedBy: null,
};

/** A migrated server with one uploaded follow-up (base:1) and one desktop; closed after. */
async function office(): Promise<{ pool: pg.Pool; config: ServerConfig; desktop: string }> {
  const config = await createServerDatabase();
  const pool = openPool(config);
  await migrateServer(pool);
  const desktop = crypto.randomUUID();
  await registerDesktop(pool, desktop, 'test desktop');
  await uploadBase(pool, desktop, [{ gid: 'base:1', row: followUp }]);
  return { pool, config, desktop };
}

async function counts(pool: pg.Pool): Promise<Record<string, string>> {
  const { rows } = await pool.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM activities) AS activities,
            (SELECT string_agg(gid || ' v' || version || ' ' || due_date, ',') FROM follow_ups) AS "followUps",
            (SELECT count(*) FROM change_log) AS log,
            (SELECT count(*) FROM applied_entries) AS entries`,
  );
  return rows[0] ?? {};
}

function moveTo(seq: number, dueDate: string, baseVersion: number): Entry {
  return {
    seq,
    changes: [
      {
        tbl: 'follow_ups',
        op: 'update',
        gid: 'base:1',
        baseVersion,
        version: baseVersion + 1,
        row: { ...followUp, dueDate },
      },
    ],
  };
}

describeWithPg('the office server', () => {
  it('applies an entry sent twice once, and answers a refused one the same way again', async () => {
    const { pool, desktop } = await office();
    try {
      const note = noteEntry(1, `${desktop}:7`, 'Called the payer.');
      expect(await applyEntry(pool, desktop, note)).toEqual({ outcome: 'accepted' });
      expect(await applyEntry(pool, desktop, moveTo(2, '2026-03-25', 1))).toEqual({
        outcome: 'accepted',
      });
      const after = await counts(pool);
      expect(after).toEqual({
        activities: '1',
        followUps: 'base:1 v2 2026-03-25',
        log: '2',
        entries: '2',
      });
      // the desktop never heard the answers and sends both again
      expect(await applyEntry(pool, desktop, note)).toEqual({ outcome: 'accepted' });
      expect(await applyEntry(pool, desktop, moveTo(2, '2026-03-25', 1))).toEqual({
        outcome: 'accepted',
      });
      expect(await counts(pool)).toEqual(after);

      const stale = moveTo(3, '2026-03-30', 1);
      const refused = await applyEntry(pool, desktop, stale);
      expect(refused).toMatchObject({
        outcome: 'refused',
        reason: 'Someone changed this follow-up first: Account follow-up due 03/25/2026.',
        serverRows: [{ gid: 'base:1', version: 2, row: { dueDate: '2026-03-25' } }],
      });
      expect(await applyEntry(pool, desktop, stale)).toEqual(refused);
      expect((await counts(pool)).followUps).toBe('base:1 v2 2026-03-25');
    } finally {
      await pool.end();
    }
  });

  it('reads the log a page at a time, in order, each row once, across a late commit', async () => {
    const { pool, config, desktop } = await office();
    const late = new pg.Client(config);
    await late.connect();
    const log = (c: pg.Pool | pg.ClientBase, gids: string[]) =>
      c.query(
        `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
           SELECT 'follow_ups', g, 1, $2, $3, 1 FROM unnest($1::text[]) AS g`,
        [gids, JSON.stringify(followUp), desktop],
      );
    try {
      const start = await readChanges(pool, '0');
      // past nine rows in one transaction: as text, position 10 would sort before 9
      const first = Array.from({ length: 11 }, (_, i) => `a${i + 1}`);
      await log(pool, first);
      await log(pool, ['b1', 'b2']);
      // a transaction still open holds the horizon: its rows come only after it commits
      await late.query('BEGIN');
      await log(late, ['late']);
      const read: string[] = [];
      let cursor = start.cursor;
      const pages: boolean[] = [];
      for (
        let page = await readChanges(pool, cursor, 3);
        ;
        page = await readChanges(pool, cursor, 3)
      ) {
        read.push(...page.changes.map((c) => c.row.gid));
        pages.push(page.more);
        cursor = page.cursor;
        if (!page.more) break;
      }
      expect(read).toEqual([...first, 'b1', 'b2']);
      expect(pages).toEqual([true, true, true, true, false]);
      await late.query('COMMIT');
      expect((await readChanges(pool, cursor, 3)).changes.map((c) => c.row.gid)).toEqual(['late']);
      await expect(readChanges(pool, 'x:1')).rejects.toThrow(/Not a change-log cursor/);
    } finally {
      await late.end();
      await pool.end();
    }
  });

  it('hands out no cursor past a transaction that commits after a later one', async () => {
    const { pool, config, desktop } = await office();
    const early = new pg.Client(config);
    const late = new pg.Client(config);
    await early.connect();
    await late.connect();
    const log = (c: pg.Client, gid: string) =>
      c.query(
        `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
           VALUES ('follow_ups', $1, 1, $2, $3, 1)`,
        [gid, JSON.stringify(followUp), desktop],
      );
    try {
      const start = await readChanges(pool, '0');
      // the early transaction takes the lower log position, the late one commits first
      await early.query('BEGIN');
      await log(early, 'early');
      await late.query('BEGIN');
      await log(late, 'late');
      await late.query('COMMIT');
      const first = await readChanges(pool, start.cursor);
      // a reader keeping the log's own sequence as its cursor has now passed 'early'
      const naive = await pool.query<{ seq: string }>(
        `SELECT max(seq)::text AS seq FROM change_log`,
      );
      await early.query('COMMIT');
      const second = await readChanges(pool, first.cursor);
      expect(first.changes).toEqual([]);
      expect(second.changes.map((c) => c.row.gid)).toEqual(['early', 'late']);
      const missed = await pool.query<{ gid: string }>(
        `SELECT gid FROM change_log WHERE seq > $1`,
        [naive.rows[0]?.seq],
      );
      expect(missed.rows).toEqual([]);

      // a transaction whose id is older than a committed one's but which logs after it
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()');
      await late.query('BEGIN');
      await log(late, 'late 2');
      await late.query('COMMIT');
      const third = await readChanges(pool, second.cursor);
      await log(early, 'early 2');
      await early.query('COMMIT');
      const fourth = await readChanges(pool, third.cursor);
      expect(third.changes).toEqual([]);
      expect(fourth.changes.map((c) => c.row.gid)).toEqual(['early 2', 'late 2']);
      expect((await readChanges(pool, fourth.cursor)).changes).toEqual([]);
    } finally {
      await early.end();
      await late.end();
      await pool.end();
    }
  });

  it('migrates on connect once, also when desktops connect together', async () => {
    const config = await createServerDatabase();
    const pools = [openPool(config), openPool(config)];
    try {
      const checks = await Promise.all(pools.map((p) => migrateServer(p)));
      expect(checks).toEqual([
        { ok: true, version: SERVER_SCHEMA_VERSION },
        { ok: true, version: SERVER_SCHEMA_VERSION },
      ]);
      const { rows } = await pools[0]!.query<{ version: number }>(
        `SELECT version FROM schema_version ORDER BY version`,
      );
      // each once, in order
      expect(rows.map((r) => r.version)).toEqual(SERVER_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

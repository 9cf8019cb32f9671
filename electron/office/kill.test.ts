import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all } from '../db/query';
import { call } from '../testing/call';
import { syncedState, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import type { SyncStep } from './steps';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const child = path.join(repo, 'electron', 'testing', 'office', 'sync-child.ts');

describeWithPg('a crash while sending the outbox', () => {
  it.each<[SyncStep, number]>([
    ['server-applied', 3],
    ['answered', 4],
    ['recorded', 5],
  ])('at the %s step of entry %i loses and doubles nothing', async (step, n) => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 3);
    for (let i = 0; i < 10; i++) {
      const accountId = accountIds[i % 3] as AccountId;
      if (i % 4 === 3) {
        call(b.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: `2026-03-${20 + i}` });
      } else {
        call(b.ctx, 'addActivity', { accountId, kind: 'note', text: `B note ${i}` });
      }
    }
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', child, b.ctx.databasePath, String(b.ctx.userId), step, String(n)],
      {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, CLAIMDESK_TEST_OFFICE: JSON.stringify(server) },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.signal, `the child reached step ${step} of entry ${n}`).toBe('SIGKILL');
    // entries before the n-th were answered and recorded; the n-th as far as the step
    const left = all(b.ctx.db, `SELECT seq FROM outbox`).length;
    expect(left).toBe(step === 'recorded' ? 10 - n : 10 - n + 1);

    // the next start of ClaimDesk on that desktop
    await b.sync.connect();
    expect((await b.sync.sync()).push).toEqual({ accepted: left, refused: 0 });
    await a.sync.pull();
    const client = new pg.Client(server);
    await client.connect();
    try {
      const { rows } = await client.query<{ entries: string; notes: string; moves: string }>(
        `SELECT (SELECT count(*) FROM applied_entries e JOIN desktops d ON d.id = e.desktop_id
                   WHERE d.name = 'desktop 2') AS entries,
                (SELECT count(*) FROM activities WHERE body LIKE 'B note %') AS notes,
                (SELECT count(*) FROM change_log WHERE tbl = 'follow_ups') AS moves`,
      );
      expect(rows[0]).toEqual({ entries: '10', notes: '8', moves: '2' });
    } finally {
      await client.end();
    }
    expect(syncedState(a.ctx)).toEqual(syncedState(b.ctx));
  });
});

import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { addDays } from '../../shared/dates/iso-date';
import { all } from '../db/query';
import { call } from '../testing/call';
import { TEST_TODAY } from '../testing/test-db';
import { syncedState, twoDesktops } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

describeWithPg('a desktop offline for a day', () => {
  it('lands its 1,000 actions when it reconnects: conflicts listed, nothing doubled', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 20);
    // meanwhile the office moves the follow-ups of the first five accounts
    for (const accountId of accountIds.slice(0, 5)) {
      call(a.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: '2026-04-01' });
    }
    await a.sync.sync();

    // B's day: 1,000 actions over the 20 accounts in turn, each fifth round rescheduling
    // every account's follow-up (200 moves), notes otherwise (800)
    for (let i = 0; i < 1000; i++) {
      const accountId = accountIds[i % accountIds.length] as AccountId;
      if (Math.floor(i / accountIds.length) % 5 === 4) {
        call(b.ctx, 'setFollowUp', {
          accountId,
          kind: 'account',
          dueDate: addDays(TEST_TODAY, 1 + Math.floor(i / accountIds.length)),
        });
      } else {
        call(b.ctx, 'addActivity', { accountId, kind: 'note', text: `B offline ${i}` });
      }
    }
    expect(all(b.ctx.db, `SELECT seq FROM outbox`)).toHaveLength(1000);

    const { push } = await b.sync.sync();
    await a.sync.pull();
    // the first move of each of the five follow-ups the office moved first is refused, and
    // B's nine later moves of each, built on it, are listed with it
    expect(push).toEqual({ accepted: 950, refused: 50 });
    const refused = all<{ reason: string; n: number }>(
      b.ctx.db,
      `SELECT reason, count(*) AS n FROM not_synced GROUP BY reason ORDER BY reason`,
    );
    expect(refused).toEqual([
      { reason: 'Not sent: it builds on an earlier action of yours that was not synced.', n: 45 },
      { reason: 'Someone changed this follow-up first: Account follow-up due 04/01/2026.', n: 5 },
    ]);
    expect(all(b.ctx.db, `SELECT seq FROM outbox`)).toEqual([]);

    const client = new pg.Client(server);
    await client.connect();
    try {
      const notes = await client.query<{ body: string; n: string }>(
        `SELECT body, count(*) AS n FROM activities WHERE body LIKE 'B offline %' GROUP BY body`,
      );
      expect(notes.rows.filter((r) => r.n !== '1')).toEqual([]);
      expect(notes.rows).toHaveLength(800);
    } finally {
      await client.end();
    }
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
  });
});

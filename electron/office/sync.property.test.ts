import fc from 'fast-check';
import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId, FollowUpId } from '../../shared/ids';
import { addDays } from '../../shared/dates/iso-date';
import { dispatch } from '../api/dispatch';
import { all, one } from '../db/query';
import { TEST_TODAY } from '../testing/test-db';
import { desktopsOf, syncedState, type Desktop } from '../testing/office/desktops';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

type Action =
  | { do: 'note'; at: number; account: number }
  | { do: 'reschedule'; at: number; account: number; inDays: number }
  | { do: 'complete'; at: number; account: number }
  | { do: 'callback'; at: number; account: number; inDays: number }
  | { do: 'push' | 'pull' | 'sync'; at: number };

const at = fc.integer({ min: 0, max: 2 });
const account = fc.integer({ min: 0, max: 1 });
const inDays = fc.integer({ min: 1, max: 30 });
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ do: fc.constant('note' as const), at, account }),
  fc.record({ do: fc.constant('reschedule' as const), at, account, inDays }),
  fc.record({ do: fc.constant('complete' as const), at, account }),
  fc.record({ do: fc.constant('callback' as const), at, account, inDays }),
  // a desktop that is not synced for a while is offline for that while
  fc.record({ do: fc.constantFrom('push' as const, 'pull' as const, 'sync' as const), at }),
);

let notes = 0;

/** One person's action at one desktop; a request the desktop refuses writes nothing. */
async function perform(d: Desktop, accountId: AccountId, a: Action): Promise<void> {
  const due = (n: number) => addDays(TEST_TODAY, n);
  switch (a.do) {
    case 'push':
      await d.sync.push();
      return;
    case 'pull':
      await d.sync.pull();
      return;
    case 'sync':
      await d.sync.sync();
      return;
    case 'note':
      dispatch(d.ctx, 'addActivity', { accountId, kind: 'note', text: `note ${(notes += 1)}` });
      return;
    case 'reschedule':
      dispatch(d.ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: due(a.inDays) });
      return;
    case 'callback':
      dispatch(d.ctx, 'setFollowUp', { accountId, kind: 'callback', dueDate: due(a.inDays) });
      return;
    case 'complete': {
      const open = one<{ id: FollowUpId }>(
        d.ctx.db,
        `SELECT id FROM follow_ups WHERE account_id = ? AND status = 'open' ORDER BY id LIMIT 1`,
        accountId,
      );
      if (open) dispatch(d.ctx, 'completeFollowUp', { followUpId: open.id });
    }
  }
}

/** Entries each desktop wrote, by where they ended: on the server, or listed as not synced. */
function ledgerOfEntries(d: Desktop): { outbox: number; notSynced: number } {
  return {
    outbox: all(d.ctx.db, `SELECT seq FROM outbox`).length,
    notSynced: all(d.ctx.db, `SELECT seq FROM not_synced`).length,
  };
}

describeWithPg('three desktops with random disconnects', () => {
  it('always converge on the server state, each entry accepted once or listed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40 }), async (actions) => {
        const server = await createServerDatabase();
        const { desktops, accountIds, close } = await desktopsOf(server, 3, 2);
        const written = [0, 0, 0];
        for (const a of actions) {
          const d = desktops[a.at] as Desktop;
          const before = one<{ n: number }>(d.ctx.db, `SELECT count(*) AS n FROM outbox`)?.n;
          const accountId = accountIds['account' in a ? a.account : 0] as AccountId;
          await perform(d, accountId, a);
          const after = one<{ n: number }>(d.ctx.db, `SELECT count(*) AS n FROM outbox`)?.n;
          if (!('account' in a)) continue;
          written[a.at] = (written[a.at] ?? 0) + (after ?? 0) - (before ?? 0);
        }
        // everyone comes back online
        for (const d of desktops) await d.sync.sync();
        for (const d of desktops) await d.sync.pull();

        const client = new pg.Client(server);
        await client.connect();
        try {
          const states = desktops.map((d) => syncedState(d.ctx));
          for (const s of states.slice(1)) expect(s).toEqual(states[0]);
          const serverNotes = await client.query<{ s: string }>(
            `SELECT gid || ' ' || body AS s FROM activities`,
          );
          expect(serverNotes.rows.map((r) => r.s).sort()).toEqual(
            states[0]?.notes.filter((n) => !n.startsWith('base:')),
          );
          // nothing lost, nothing doubled: every entry written is accepted once or listed
          for (const [i, d] of desktops.entries()) {
            const { rows } = await client.query<{ n: string }>(
              `SELECT count(*) AS n FROM applied_entries e JOIN desktops k ON k.id = e.desktop_id
                 WHERE k.name = $1 AND e.outcome = 'accepted'`,
              [`desktop ${i + 1}`],
            );
            const { outbox, notSynced } = ledgerOfEntries(d);
            expect(outbox).toBe(0);
            expect(Number(rows[0]?.n) + notSynced).toBe(written[i]);
          }
          // no lost update: each follow-up's accepted versions follow one another
          const { rows } = await client.query<{ gid: string; versions: number[] }>(
            `SELECT gid, array_agg(version ORDER BY version) AS versions FROM change_log
               WHERE tbl = 'follow_ups' GROUP BY gid`,
          );
          for (const r of rows) {
            const first = r.versions[0] ?? 1;
            expect(r.versions).toEqual(r.versions.map((_, i) => first + i));
          }
        } finally {
          await client.end();
          await close();
        }
      }),
      {
        numRuns: 12,
        // fixed, so that a run fails only for a change. Random seeds, 1,500 runs at a time,
        // found four sync bugs; the example below and conflicts.test.ts keep each found
        seed: 20261205,
        examples: [
          // a completion refused while the desktop had rescheduled the same follow-up: taking
          // the server's state reopened one row before the batch closed its twin
          [
            [
              { do: 'note', at: 2, account: 0 },
              { do: 'reschedule', at: 0, account: 1, inDays: 1 },
              { do: 'complete', at: 2, account: 1 },
              { do: 'reschedule', at: 2, account: 1, inDays: 1 },
              { do: 'note', at: 0, account: 0 },
              { do: 'note', at: 0, account: 0 },
              { do: 'complete', at: 0, account: 0 },
              { do: 'push', at: 0 },
            ],
          ],
        ],
      },
    );
    // eight offices of three desktops each against a real server: seconds alone, but the
    // whole suite runs beside it
  }, 300_000);
});

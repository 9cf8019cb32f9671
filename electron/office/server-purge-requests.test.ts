import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import type { AccountId } from '../../shared/ids';
import { all } from '../db/query';
import { syncAll, type Desktop } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, herRefusalRefused, NAME } from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import type { ServerConfig } from './server/connection';

/** The server's requests, their rows in the log, and the refusals quoting them, as text. */
async function requestsText(server: ServerConfig): Promise<string[]> {
  const client = new pg.Client(server);
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string }>(
      `SELECT to_jsonb(r)::text AS t FROM adjustment_requests r
       UNION ALL SELECT row::text FROM change_log WHERE tbl = 'adjustment_requests'
       UNION ALL SELECT coalesce(reason, '') || ' ' || server_rows::text FROM applied_entries
         WHERE outcome = 'refused'`,
    );
    return rows.map((r) => r.t);
  } finally {
    await client.end();
  }
}

/** The requests at a desk, by account: what was asked and how it was decided. */
const requestsAt = (d: Desktop, accountId: AccountId) =>
  all<{ status: string; memo: string | null; note: string | null }>(
    d.ctx.db,
    `SELECT status, memo, decision_note AS note FROM adjustment_requests WHERE account_id = ?`,
    accountId,
  );

describeWithPg("a de-identified person's name in a request waiting for approval", () => {
  it('is gone from the server, its log and a refusal quoting it, and from every desk', async () => {
    const server = await createServerDatabase();
    // her write-off and another patient's asked at C; two supervisors refuse hers at once,
    // B's refusal refused, quoting A's note
    const { a, b, c, hers, theirs } = await herRefusalRefused(server, [
      'Eleanor Testwell is not on this account.',
    ]);
    const [other] = theirs as [AccountId];
    const before = await requestsText(server);
    expect(before.filter((t) => t.includes('Eleanor Testwell has not sent'))).toHaveLength(3);
    for (const d of [a, b, c]) {
      expect(requestsAt(d, hers)).toEqual([
        {
          status: 'rejected',
          memo: "Write off per Eleanor Testwell's hardship call.",
          note: 'Eleanor Testwell has not sent the hardship letter.',
        },
      ]);
    }

    for (const d of [a, b, c]) closeAccount(d, hers);
    deidentifyAt(a, hers);
    await syncAll(a, b, c);

    // the server's request, its log rows and the refusal (its row and its reason) scrubbed,
    // the decided request rewritten in place; the other patient's request keeps its memo
    const after = await requestsText(server);
    expect(after.filter((t) => NAME.test(t))).toEqual([
      expect.stringContaining('Eleanor Testwell is not on this account.'),
      expect.stringContaining('Eleanor Testwell is not on this account.'),
    ]);
    expect(after.filter((t) => t.includes(`${REMOVED} has not sent the hardship`))).toHaveLength(3);
    expect(after.join('\n')).toContain(`already refused by`);
    const client = new pg.Client(server);
    await client.connect();
    try {
      const { rows } = await client.query<{ memo: string; version: number }>(
        `SELECT memo, version FROM adjustment_requests WHERE status = 'rejected'`,
      );
      expect(rows).toEqual([{ memo: `Write off per ${REMOVED}'s hardship call.`, version: 2 }]);
    } finally {
      await client.end();
    }
    // A's own scrub, and B and C scrubbing their copies as they take the de-identification
    for (const d of [a, b, c]) {
      expect(requestsAt(d, hers)).toEqual([
        {
          status: 'rejected',
          memo: `Write off per ${REMOVED}'s hardship call.`,
          note: `${REMOVED} has not sent the hardship letter.`,
        },
      ]);
      expect(requestsAt(d, other)).toMatchObject([
        { memo: 'Eleanor Testwell is not on this account.' },
      ]);
    }
    // the scrub sent nothing of its own: nothing refused or held at A
    expect(all(a.ctx.db, `SELECT seq FROM not_synced`)).toEqual([]);
    expect(all(a.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
  });
});

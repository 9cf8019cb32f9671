import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays } from '../../shared/dates/iso-date';
import { fixedClock } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { asRequest } from '../testing/office/desktops';
import {
  deidentifyAt,
  herWriteOffWaiting,
  NAME,
  refusedAtBTheDayBefore,
  whatNamesHer,
} from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { CHANGES_PAGE, readChanges } from './server/office';

/*
 * Found in review: a request decided before its patient was de-identified and arriving after
 * has its texts blanked as it is taken, and `unquoteLate` (deidentified.ts) takes them out of
 * the history lines "of the same pull". It looks only at the rows of one page of the pull
 * (`pullNow` takes the log 1,000 rows at a time, each page on its own), so when the page
 * ends between the request and its history line, the refusal's line ("Write-off of $15.00
 * refused: Eleanor Testwell has not sent the hardship letter.") is taken with nothing to
 * unquote, and the patient's name stays in the de-identifying desk's history. A desk back
 * from a day offline (the 1,000 actions) sends pages that end anywhere.
 */

describeWithPg('a late refusal whose history line comes on the next page of the pull', () => {
  it('still has the note taken out of its line at the de-identifying desk', async () => {
    const server = await createServerDatabase();
    const { a, b, hers, other } = await herWriteOffWaiting(server);
    // B, offline, works the other account all day (one action of many notes), then refuses
    // the write-off the day before A de-identifies her
    const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
    asRequest(b, () => {
      for (let i = 0; i < CHANGES_PAGE - 1; i++) {
        run(
          b.ctx.db,
          `INSERT INTO activities (account_id, kind, body, user_id, occurred_at)
           VALUES (?, 'note', ?, ?, ?)`,
          other,
          `Called the payer, item ${i + 1}.`,
          b.ctx.userId,
          dayBefore.clock.now(),
        );
      }
    });
    refusedAtBTheDayBefore(b);
    deidentifyAt(a, hers);
    await a.sync.sync();
    await b.sync.sync();

    // the first page A reads ends between the refused request and its history line
    const cursor = oneOrThrow<{ cursor: string }>(a.ctx.db, `SELECT cursor FROM office_link`);
    const pool = new pg.Pool(a.config);
    try {
      const page = await readChanges(pool, cursor.cursor);
      expect(page.more).toBe(true);
      const next = await readChanges(pool, page.cursor);
      const tbls = [page.changes.at(-1)?.row.tbl, next.changes[0]?.row.tbl].sort();
      expect(tbls).toEqual(['activities', 'adjustment_requests']);
    } finally {
      await pool.end();
    }

    await a.sync.pull();
    expect(all(a.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
      { memo: REMOVED, note: REMOVED },
    ]);
    expect(
      all(a.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Write-off of % refused%'`),
    ).toEqual([{ body: `Write-off of $15.00 refused: ${REMOVED}` }]);
    expect(whatNamesHer(a)).not.toMatch(NAME);
  });
});

import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { all, oneOrThrow } from '../db/query';
import { inWriteTransaction } from '../upkeep/upkeep';
import { call } from '../testing/call';
import type { Desktop } from '../testing/office/desktops';
import {
  deidentifyAt,
  herWriteOffWaiting,
  NAME,
  refusedAtBTheDayBefore,
} from '../testing/office/eleanor';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { withCaptureOff } from './capture';
import { takeWithDeidentified, type Quoted } from './deidentified';
import { readChanges } from './server/office';
import { takeRows } from './take';
import type { ServerRow } from './wire';

/*
 * A page of a pull may end between a late record and the history line quoting its text. In
 * the log a decision's line comes before its request (deidentified-pages.review.test.ts);
 * here the other order, the request taken in one page and its line in the next, as `pullNow`
 * takes them: each page in its own transaction, the blanked texts carried from one to the next.
 */

const REFUSAL = /^Write-off of .* refused/;

/** Takes one page as `pullNow` does. */
const takePage = (d: Desktop, rows: ServerRow[], quoted: Quoted) =>
  inWriteTransaction(d.ctx, () =>
    withCaptureOff(d.ctx.db, () =>
      takeWithDeidentified(d.ctx, rows, () => takeRows(d.ctx.db, rows), quoted),
    ),
  );

describeWithPg('a late refusal taken a page before its history line', () => {
  it('has the note taken out of the line that lands in the later page', async () => {
    const server = await createServerDatabase();
    const { a, b, hers, other } = await herWriteOffWaiting(server);
    refusedAtBTheDayBefore(b);
    // a line of the other account quoting the same words: not hers, kept
    call(a.ctx, 'addActivity', {
      accountId: other,
      kind: 'note',
      text: 'Eleanor Testwell has not sent the hardship letter.',
    });
    deidentifyAt(a, hers);
    await a.sync.sync();
    await b.sync.sync();

    const link = oneOrThrow<{ cursor: string; desk: string }>(
      a.ctx.db,
      `SELECT cursor, desktop_id AS desk FROM office_link`,
    );
    const pool = new pg.Pool(a.config);
    const rows = await readChanges(pool, link.cursor).finally(() => pool.end());
    const theirs = rows.changes.filter((c) => c.desktopId !== link.desk).map((c) => c.row);
    const isLine = (r: ServerRow) =>
      r.tbl === 'activities' && r.row.kind === 'system' && REFUSAL.test(r.row.body);
    const line = theirs.filter(isLine);
    expect(line).toHaveLength(1);
    expect(theirs.some((r) => r.tbl === 'adjustment_requests')).toBe(true);

    const quoted: Quoted = new Map();
    takePage(
      a,
      theirs.filter((r) => !isLine(r)),
      quoted,
    );
    expect(all(a.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
      { memo: REMOVED, note: REMOVED },
    ]);
    takePage(a, line, quoted);
    expect(
      all(a.ctx.db, `SELECT body FROM activities WHERE body LIKE 'Write-off of % refused%'`),
    ).toEqual([{ body: `Write-off of $15.00 refused: ${REMOVED}` }]);
    const onHers = all<{ body: string }>(
      a.ctx.db,
      `SELECT body FROM activities WHERE account_id = ?`,
      hers,
    );
    expect(onHers.filter((r) => NAME.test(r.body))).toEqual([]);
    // only her account's system lines: the other account's note keeps the words
    expect(
      all(a.ctx.db, `SELECT body FROM activities WHERE account_id = ? AND kind = 'note'`, other),
    ).toContainEqual({ body: 'Eleanor Testwell has not sent the hardship letter.' });
  });
});

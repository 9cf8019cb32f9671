import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays, isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { openDatabase } from '../db/open';
import { all, oneOrThrow } from '../db/query';
import { inWriteTransaction } from '../upkeep/upkeep';
import { call } from '../testing/call';
import { twoDesktops, type Desktop } from '../testing/office/desktops';
import {
  closeAccount,
  deidentifyAt,
  eleanor,
  herWriteOffWaiting,
  NAME,
  refusedAtBTheDayBefore,
  whatNamesHer,
} from '../testing/office/eleanor';
import { owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { withCaptureOff } from './capture';
import { takePulledPage } from './deidentified';
import { readChanges } from './server/office';
import { takeRows } from './take';
import type { ServerRow } from './wire';

/*
 * A page of a pull may end between a late record and the history line quoting its text. In
 * the log a decision's line comes before its request (deidentified-pages.review.test.ts);
 * here the other order, the request taken in one page and its line in the next, as `pullNow`
 * takes them: each page in its own transaction, the blanked texts carried from one to the
 * next through the file, so that a desk closed between the two pages still takes the note out
 * of the line at its next start.
 */

const REFUSAL = /^Write-off of .* refused/;
const LONG_AGO = fixedClock(isoDate('2014-02-03'));

/** Takes one page as `pullNow` does; `more` when pages follow. */
const takePage = (ctx: Ctx, rows: ServerRow[], more: boolean) =>
  inWriteTransaction(ctx, () =>
    withCaptureOff(ctx.db, () => takePulledPage(ctx, rows, () => takeRows(ctx.db, rows), more)),
  );

/** The next page taken as by the same desk started again: from its file, nothing in memory. */
function takeLastPageAfterARestart(d: Desktop, rows: ServerRow[]): void {
  const again: Ctx = { ...d.ctx, db: openDatabase(d.ctx.databasePath) };
  try {
    takePage(again, rows, false);
    // what was carried names her: it is not kept past the pull's last page
    expect(all(again.db, `SELECT * FROM sync_quoted`)).toEqual([]);
  } finally {
    again.db.close();
  }
}

/** What the desk's next pull would take: the other desks' rows since its cursor. */
async function pulledBy(d: Desktop): Promise<ServerRow[]> {
  const link = oneOrThrow<{ cursor: string; desk: string }>(
    d.ctx.db,
    `SELECT cursor, desktop_id AS desk FROM office_link`,
  );
  const pool = new pg.Pool(d.config);
  const rows = await readChanges(pool, link.cursor).finally(() => pool.end());
  return rows.changes.filter((c) => c.desktopId !== link.desk).map((c) => c.row);
}

describeWithPg('a late record taken a page apart from its history line', () => {
  it('has the note taken out of the line that lands in the later page, the desk closed between', async () => {
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

    const theirs = await pulledBy(a);
    const isLine = (r: ServerRow) =>
      r.tbl === 'activities' && r.row.kind === 'system' && REFUSAL.test(r.row.body);
    const line = theirs.filter(isLine);
    expect(line).toHaveLength(1);
    expect(theirs.some((r) => r.tbl === 'adjustment_requests')).toBe(true);

    takePage(
      a.ctx,
      theirs.filter((r) => !isLine(r)),
      true,
    );
    expect(all(a.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
      { memo: REMOVED, note: REMOVED },
    ]);
    takeLastPageAfterARestart(a, line);
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

  it("has a late write-off's memo blanked in its own line, whichever page brings which, the desk closed between", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, accountId) => {
      eleanor(ctx, accountId);
      owing({ ...ctx, clock: LONG_AGO }, accountId);
    });
    const [hers] = accountIds as [AccountId];
    call({ ...a.ctx, clock: LONG_AGO }, 'postAdjustment', {
      accountId: hers,
      side: 'patient',
      amount: 20_000,
      reasonCode: 'SMALL_BALANCE',
      memo: 'Nothing to collect.',
    });
    const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
    for (const [amount, memo] of [
      [2_500, "Eleanor Testwell's estate has nothing."],
      [1_000, 'Per Eleanor Testwell.'],
    ] as const) {
      call(dayBefore, 'postAdjustment', {
        accountId: hers,
        side: 'patient',
        amount,
        reasonCode: 'SMALL_BALANCE',
        memo,
      });
    }
    closeAccount(a, hers);
    deidentifyAt(a, hers);
    await a.sync.sync();
    await b.sync.sync();
    const theirs = await pulledBy(a);
    // the first write-off's row before its line, the second's line before its row
    const later = (r: ServerRow) =>
      (r.tbl === 'activities' && r.row.body.startsWith('Small balance write-off of $25.00')) ||
      (r.tbl === 'ledger_entries' && r.row.amount === -1_000);
    expect(theirs.filter(later)).toHaveLength(2);
    takePage(
      a.ctx,
      theirs.filter((r) => !later(r)),
      true,
    );
    takeLastPageAfterARestart(a, theirs.filter(later));
    const lines = all<{ body: string }>(
      a.ctx.db,
      `SELECT body FROM activities WHERE account_id = ? AND body LIKE 'Small balance write-off%'`,
      hers,
    ).map((r) => r.body);
    expect(lines.sort()).toEqual([
      `Small balance write-off of $10.00 posted. ${REMOVED}`,
      `Small balance write-off of $200.00 posted. Nothing to collect.`,
      `Small balance write-off of $25.00 posted. ${REMOVED}`,
    ]);
    expect(whatNamesHer(a)).not.toMatch(NAME);
  });
});

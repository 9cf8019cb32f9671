import pg from 'pg';
import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { openDatabase } from '../db/open';
import { all, oneOrThrow, run } from '../db/query';
import { inWriteTransaction } from '../upkeep/upkeep';
import { call } from '../testing/call';
import { asRequest, syncAll, twoDesktops } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor, NAME } from '../testing/office/eleanor';
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

/** Takes one page as `pullNow` does; `more` when pages follow. */
const takePage = (ctx: Ctx, rows: ServerRow[], more: boolean) =>
  inWriteTransaction(ctx, () =>
    withCaptureOff(ctx.db, () => takePulledPage(ctx, rows, () => takeRows(ctx.db, rows), more)),
  );

describeWithPg('a late refusal taken a page before its history line', () => {
  it('has the note taken out of the line that lands in the later page, the desk closed between', async () => {
    const server = await createServerDatabase();
    let first = true;
    const { a, b, accountIds } = await twoDesktops(server, 2, (ctx, accountId) => {
      if (first) eleanor(ctx, accountId);
      first = false;
    });
    const [hers, other] = accountIds as [AccountId, AccountId];
    asRequest(a, () =>
      run(
        a.ctx.db,
        `INSERT INTO adjustment_requests (kind, account_id, side, amount, reason_code, memo,
           requested_at, requested_by)
         VALUES ('write_off', ?, 'patient', 1500, 'SMALL_BALANCE', ?, ?, ?)`,
        hers,
        "Write off per Eleanor Testwell's hardship call.",
        `${addDays(TEST_TODAY, -2)}T09:00:00.000Z`,
        a.ctx.userId,
      ),
    );
    await syncAll(a, b);
    for (const d of [a, b]) closeAccount(d, hers);
    const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
    call(dayBefore, 'decideAdjustment', {
      requestId: oneOrThrow<{ id: number }>(b.ctx.db, `SELECT id FROM adjustment_requests`).id,
      decision: 'reject',
      note: 'Eleanor Testwell has not sent the hardship letter.',
    });
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

    takePage(
      a.ctx,
      theirs.filter((r) => !isLine(r)),
      true,
    );
    expect(all(a.ctx.db, `SELECT memo, decision_note AS note FROM adjustment_requests`)).toEqual([
      { memo: REMOVED, note: REMOVED },
    ]);
    // the desk closed between the two pages: its next start takes the next page from its file
    const again: Ctx = { ...a.ctx, db: openDatabase(a.ctx.databasePath) };
    try {
      takePage(again, line, false);
      // the texts, which name her, are not kept past the pull's last page
      expect(all(again.db, `SELECT text FROM sync_quoted`)).toEqual([]);
    } finally {
      again.db.close();
    }
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

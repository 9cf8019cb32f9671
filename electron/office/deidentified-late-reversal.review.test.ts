import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays, isoDate } from '../../shared/dates/iso-date';
import type { AccountId, LedgerEntryId } from '../../shared/ids';
import { fixedClock } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { twoDesktops } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor } from '../testing/office/eleanor';
import { owing } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';

/*
 * Found in review: a late write-off's memo is now blanked in its own history line too, but a
 * late reversal's reason is worded twice the same way (its row "Reversal: <reason>", its line
 * "Adjustment of $200.00 reversed: <reason>", posting/reverse.ts) and only the row is blanked.
 * Desk B, offline, reverses Eleanor's write-off the day before desk A de-identifies
 * her, typing her name in the reason; when B's reversal reaches A, its row's memo is blanked
 * and its history line keeps her name for anyone opening the account.
 */

const LONG_AGO = fixedClock(isoDate('2014-02-03'));
const REASON = 'Eleanor Testwell disputed it.';

describeWithPg('a late reversal of a de-identified patient’s write-off', () => {
  it('has its typed reason blanked in its own history line as in its row', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, accountId) => {
      eleanor(ctx, accountId);
      owing({ ...ctx, clock: LONG_AGO }, accountId);
      call({ ...ctx, clock: LONG_AGO }, 'postAdjustment', {
        accountId,
        side: 'patient',
        amount: 20_000,
        reasonCode: 'SMALL_BALANCE',
        memo: 'Nothing to collect.',
      });
    });
    const [hers] = accountIds as [AccountId];
    const writeOff = oneOrThrow<{ id: LedgerEntryId }>(
      b.ctx.db,
      `SELECT id FROM ledger_entries WHERE account_id = ? AND reason_code = 'SMALL_BALANCE'`,
      hers,
    ).id;
    const dayBefore = { ...b.ctx, clock: fixedClock(addDays(TEST_TODAY, -1)) };
    call(dayBefore, 'reverseEntry', { entryId: writeOff, reason: REASON });
    closeAccount(a, hers);
    deidentifyAt(a, hers);
    await a.sync.sync();
    await b.sync.sync();
    await a.sync.sync();

    // the reversal reached A, its row blanked as a late one
    expect(all(a.ctx.db, `SELECT memo FROM ledger_entries WHERE reverses_id IS NOT NULL`)).toEqual([
      { memo: REMOVED },
    ]);
    // and its own line names her no more than the row does
    const lines = all<{ body: string }>(
      a.ctx.db,
      `SELECT body FROM activities WHERE account_id = ? AND body LIKE '%reversed%'`,
      hers,
    ).map((r) => r.body);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/Eleanor|Testwell/);
  });
});

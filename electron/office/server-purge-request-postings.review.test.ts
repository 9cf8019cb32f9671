import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { writeBillingRules } from '../rules/billing-rules';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor, NAME } from '../testing/office/eleanor';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

/*
 * Found in review: server migration 37 and the desks' scrub take a de-identified patient's
 * name out of a request's memo ("Write off per Eleanor Testwell's hardship call"), but the
 * approval posts that memo again: the write-off's ledger row carries it as its own memo
 * ("Small balance: Write off per Eleanor Testwell's hardship call", posting/adjustment.ts), and
 * a refund's receipt or a reversal's rows do the same. Ledger rows travel with their memo, so
 * after the purge her name is still in the server's `ledger_entries`, in the change log's rows
 * of them that every desk joining later pulls, and in every desk's ledger. The memo is free
 * text, not money: scrubbing it changes no amount or balance.
 */

/** Years ago, so the posting leaves her past the retention period today. */
const LONG_AGO = isoDate('2014-02-03');

const longAgo = (ctx: Ctx): Ctx => ({ ...ctx, clock: fixedClock(LONG_AGO) });

/** Eleanor owes $200.00 from long ago; a write-off over $50.00 waits for a supervisor. */
function hersOwing(ctx: Ctx, accountId: AccountId): void {
  eleanor(ctx, accountId);
  owing(longAgo(ctx), accountId);
  writeBillingRules(
    ctx.db,
    { writeOffApprovalLimit: cents(5_000) },
    { userId: ctx.userId, now: ctx.clock.now() },
  );
}

const memosAt = (d: Desktop) =>
  all<{ memo: string }>(
    d.ctx.db,
    `SELECT memo FROM ledger_entries WHERE memo IS NOT NULL
     UNION ALL SELECT memo FROM adjustment_requests WHERE memo IS NOT NULL`,
  ).map((r) => r.memo);

describeWithPg('a de-identified patient whose write-off was approved', () => {
  it("is named by no ledger row's memo on the server, in its log or at any desk", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, hersOwing);
    const hers = accountIds[0] as AccountId;
    // her returned mail names her on the server, so the purge has her names to look for
    call(b.ctx, 'recordReturnedMail', { accountId: hers, receivedOn: '2026-03-02' });
    // long ago: B asks to write off her balance, A approves it
    const asked = call(longAgo(b.ctx), 'postAdjustment', {
      accountId: hers,
      side: 'patient',
      amount: 20_000,
      reasonCode: 'SMALL_BALANCE',
      memo: "Write off per Eleanor Testwell's hardship call.",
    });
    expect(asked.status).toBe('pending_approval');
    await syncAll(b, a);
    const request = oneOrThrow<{ id: number }>(a.ctx.db, `SELECT id FROM adjustment_requests`).id;
    call(longAgo(a.ctx), 'decideAdjustment', { requestId: request, decision: 'approve' });
    await syncAll(a, b);
    for (const d of [a, b]) closeAccount(d, hers);

    deidentifyAt(a, hers);
    await syncAll(a, b);

    // the request's memo is scrubbed everywhere (migration 37 and the desks' scrub)
    expect(await serverRows(server, `SELECT memo FROM adjustment_requests`)).toEqual([
      { memo: "Write off per [removed]'s hardship call." },
    ]);
    // but the write-off it posted still quotes it, on the server and in its log
    const onServer = await serverRows<{ t: string }>(
      server,
      `SELECT memo AS t FROM ledger_entries WHERE memo IS NOT NULL
       UNION ALL SELECT row::text FROM change_log WHERE tbl = 'ledger_entries'`,
    );
    expect(onServer.map((r) => r.t).filter((t) => NAME.test(t))).toEqual([]);
    for (const d of [a, b]) expect(memosAt(d).filter((t) => NAME.test(t))).toEqual([]);
  });
});

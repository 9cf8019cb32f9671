import { expect, it } from 'vitest';
import { REMOVED } from '../../shared/api/purge';
import { addDays, isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all } from '../db/query';
import { call } from '../testing/call';
import { twoDesktops, type Desktop } from '../testing/office/desktops';
import { closeAccount, deidentifyAt, eleanor, NAME } from '../testing/office/eleanor';
import { owing, writeOffPatient } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';

/*
 * Found in review: a money row typed at a desk that was offline, before another desk
 * de-identified the patient, reaches the de-identifying desk after, and its memo is blanked
 * whole there. The memo so blanked was also taken out of the account's system lines as a
 * text they quote: a payment's short memo ("cash") is a word of the app's own lines, which
 * lost it. A money row's memo is now blanked in its row only.
 */

const LONG_AGO = isoDate('2014-02-03');
const at = (ctx: Ctx, day: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(day)) });

function hersOwing(ctx: Ctx, accountId: AccountId): void {
  eleanor(ctx, accountId);
  owing(at(ctx, LONG_AGO), accountId);
}

const systemLines = (d: Desktop, accountId: AccountId) =>
  all<{ body: string }>(
    d.ctx.db,
    `SELECT body FROM activities WHERE account_id = ? AND kind = 'system' ORDER BY id`,
    accountId,
  ).map((r) => r.body);

/** A writes her balance off and de-identifies her; B, offline, posted `late` the day before. */
async function lateAtB(late: (ctx: Ctx, accountId: AccountId) => void) {
  const server = await createServerDatabase();
  const { a, b, accountIds } = await twoDesktops(server, 1, hersOwing);
  const hers = accountIds[0] as AccountId;
  call(at(a.ctx, LONG_AGO), 'postAdjustment', {
    accountId: hers,
    side: 'patient',
    amount: 20_000,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Nothing to collect.',
  });
  late(at(b.ctx, addDays(TEST_TODAY, -1)), hers);
  closeAccount(a, hers);
  deidentifyAt(a, hers);
  await a.sync.sync();
  await b.sync.sync();
  await a.sync.pull();
  return { a, b, hers };
}

describeWithPg("a de-identified patient's late money rows at the de-identifying desk", () => {
  it("keep the app's own history lines whole when a late payment's memo is a word of them", async () => {
    const { a, hers } = await lateAtB((ctx, accountId) => {
      call(ctx, 'takePayment', {
        accountId,
        amount: 2_500,
        method: 'cash',
        receivedDate: ctx.clock.today(),
        memo: 'cash',
      });
    });
    expect(all(a.ctx.db, `SELECT memo FROM receipts WHERE amount = 2500`)).toEqual([
      { memo: REMOVED },
    ]);
    // "Posted $25.00 cash payment to account …" is the app's line, naming no one
    expect(systemLines(a, hers).filter((t) => t.startsWith('Posted $25.00'))).toEqual([
      expect.stringMatching(/^Posted \$25\.00 cash payment to account /),
    ]);
  });

  it("blank a late write-off's memo in its own history line too, and nowhere else", async () => {
    const { a, hers } = await lateAtB((ctx, accountId) => {
      writeOffPatient(ctx, accountId, 2_500, "Eleanor Testwell's estate has nothing.");
      // a memo that is a word of another line of the app's
      writeOffPatient(ctx, accountId, 1_000, 'cash');
      call(ctx, 'takePayment', {
        accountId,
        amount: 500,
        method: 'cash',
        receivedDate: ctx.clock.today(),
      });
    });
    const lines = systemLines(a, hers);
    expect(lines.filter((t) => NAME.test(t))).toEqual([]);
    // the write-off's line words its memo apart from the ledger row's: that part, and only it
    expect(lines).toContain(`Small balance write-off of $25.00 posted. ${REMOVED}`);
    expect(lines).toContain(`Small balance write-off of $10.00 posted. ${REMOVED}`);
    expect(lines.filter((t) => t.startsWith('Posted $5.00'))).toEqual([
      expect.stringMatching(/^Posted \$5\.00 cash payment to account /),
    ]);
    // A's own write-off, sent before the de-identification, keeps its memo
    expect(lines).toContain('Small balance write-off of $200.00 posted. Nothing to collect.');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all, run } from '../db/query';
import { addAccount } from '../testing/builders';
import { call } from '../testing/call';
import { owing } from '../testing/office/money';
import { joinOffice } from '../testing/office/not-synced-rows';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../testing/test-db';
import { inWriteTransaction } from '../upkeep/upkeep';
import { changes as changesSchema } from './wire';

let ctx: TestCtx;
afterEach(() => ctx.close());

function outbox() {
  return all<{ seq: number; partOf: number | null; changes: string }>(
    ctx.db,
    `SELECT seq, part_of AS partOf, changes FROM outbox ORDER BY seq`,
  ).map((e) => ({
    seq: e.seq,
    partOf: e.partOf,
    tables: changesSchema.parse(JSON.parse(e.changes)).map((c) => c.tbl),
  }));
}

const cash = (accountId: AccountId, amount: number) => ({
  accountId,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});

describe('money in the outbox', () => {
  it("sends a patient's payment with its receipt first, and its reversal naming it", () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    owing(ctx, accountId);
    joinOffice(ctx);
    const paid = call(ctx, 'takePayment', cash(accountId, 2_500));
    if (paid.receiptId === null) expect.fail('no receipt');
    call(ctx, 'reversePayment', { receiptId: paid.receiptId, reason: 'Wrong account.' });
    // the batch the payment opened goes alone before it; the reversal goes into the batch
    expect(outbox()).toEqual([
      { seq: 1, partOf: null, tables: ['deposit_batches'] },
      { seq: 2, partOf: null, tables: ['receipts', 'ledger_entries', 'activities'] },
      { seq: 3, partOf: null, tables: ['receipts', 'ledger_entries', 'activities'] },
    ]);
    const [opened, , reversal] = all<{ changes: string }>(ctx.db, `SELECT changes FROM outbox`).map(
      (e) => changesSchema.parse(JSON.parse(e.changes)),
    );
    const batch = opened?.find((c) => c.tbl === 'deposit_batches');
    expect(batch?.row).toMatchObject({ source: 'desk', expectedTotal: 2_500 });
    const receipt = reversal?.find((c) => c.tbl === 'receipts');
    expect(receipt?.row).toMatchObject({
      amount: -2_500,
      reversesGid: `d:${paid.receiptId}`,
      batchGid: batch?.gid,
    });
  });

  it("keeps the upkeep's credit follow-up and its note out, named as this desktop's own", () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    owing(ctx, accountId);
    joinOffice(ctx);
    // more than is owed: the upkeep opens a credit balance follow-up, with a note
    call(ctx, 'takePayment', cash(accountId, 25_000));
    // what pays the claim, the credit left on the account, and the payment's history line
    expect(outbox()).toEqual([
      { seq: 1, partOf: null, tables: ['deposit_batches'] },
      {
        seq: 2,
        partOf: null,
        tables: ['receipts', 'ledger_entries', 'ledger_entries', 'activities'],
      },
    ]);
    expect(
      all(
        ctx.db,
        `SELECT f.kind, s.gid FROM follow_ups f JOIN sync_rows s
           ON s.tbl = 'follow_ups' AND s.local_id = f.id`,
      ),
    ).toEqual([{ kind: 'credit_balance', gid: expect.stringMatching(/^own:\d+$/) }]);
    expect(
      all(
        ctx.db,
        `SELECT count(*) AS n FROM sync_rows WHERE tbl = 'activities' AND gid LIKE 'own:%'`,
      ),
    ).toEqual([{ n: 1 }]);
    // the capture is back on for the next request
    expect(all(ctx.db, `SELECT capture, own FROM office_link`)).toEqual([{ capture: 1, own: 0 }]);
  });

  it('sends the follow-ups a request changes apart from the money it moves, as part of it', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    owing(ctx, accountId);
    joinOffice(ctx);
    // one request that takes a payment and sets a follow-up a person decides
    inWriteTransaction(ctx, () => {
      call(ctx, 'takePayment', cash(accountId, 1_000));
      call(ctx, 'setFollowUp', { accountId, dueDate: '2026-04-01', reason: 'Call back.' });
    });
    expect(outbox()).toEqual([
      { seq: 1, partOf: null, tables: ['deposit_batches'] },
      { seq: 2, partOf: null, tables: ['receipts', 'ledger_entries', 'activities', 'activities'] },
      { seq: 3, partOf: 2, tables: ['follow_ups'] },
    ]);
  });

  it('sends every ledger row, an adjustment too, once, and keeps the ledger append-only', () => {
    ctx = createTestCtx();
    const { accountId } = addAccount(ctx);
    owing(ctx, accountId);
    joinOffice(ctx);
    call(ctx, 'takePayment', cash(accountId, 1_000));
    run(ctx.db, `DELETE FROM outbox`);
    call(ctx, 'postAdjustment', {
      accountId,
      side: 'patient',
      amount: 500,
      reasonCode: 'ADMIN',
      memo: 'Courtesy.',
    });
    // the adjustment's ledger row travels with its history line, noted once
    expect(outbox()).toEqual([{ seq: 3, partOf: null, tables: ['ledger_entries', 'activities'] }]);
    expect(() => run(ctx.db, `DELETE FROM ledger_entries`)).toThrow(/append-only/);
    expect(() => run(ctx.db, `DELETE FROM receipts`)).toThrow(/append-only/);
  });
});

import { expect, it } from 'vitest';
import type { AccountId, ReceiptId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { call } from '../testing/call';
import { approvalsOffice, as, askWriteOff } from '../testing/office/approvals';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { withCaptureOff } from './capture';

/*
 * Found in review: a request of the office's first copy (filed before the office was made) is
 * `base:<id>` on every desk, and the server has no row of it until someone decides it. A
 * decision of it that the office refuses leaves the server still without a row, so
 * `withOfficeRequests` sent nothing back and the deciding desk kept its own refused decision:
 * the request read "approved" there with nothing posted, while the office and every other desk
 * held it waiting, and nobody at that desk could decide it again. It now waits again there
 * (requests.ts, settleRefusedRequests).
 */

/**
 * Dana Reyes and Lee Park are the office's supervisors. The patient paid $50.00 by check
 * 1042 on $200.00 owed; the representative asked to reverse it, above the $10.00 reversal
 * limit: the reversal waits for a supervisor, in the first copy.
 */
function officeWithAWaitingReversal(ctx: Ctx, account: AccountId): void {
  approvalsOffice(ctx, account, { reversalApprovalLimit: cents(1_000) });
  const paid = call(ctx, 'takePayment', {
    accountId: account,
    amount: 5_000,
    method: 'check',
    checkNumber: '1042',
    receivedDate: TEST_TODAY,
  });
  if (paid.receiptId === null) expect.fail('no receipt');
  const asked = call(ctx, 'reversePayment', { receiptId: paid.receiptId, reason: 'Keyed twice.' });
  if (asked.pendingRequestId == null) expect.fail('the reversal did not wait for approval');
}

/**
 * The same office with a write-off of $150.00 waiting (the write-off limit is $50.00 a day)
 * instead of a reversal.
 */
function officeWithA150WriteOffWaiting(ctx: Ctx, account: AccountId): void {
  approvalsOffice(ctx, account);
  askWriteOff(ctx, account, 15_000);
}

const requestAt = (d: Desktop) =>
  oneOrThrow<{ id: number }>(d.ctx.db, `SELECT id FROM adjustment_requests`).id;

const requestState = (d: Desktop) =>
  all<{ status: string; posted: number | null }>(
    d.ctx.db,
    `SELECT status, coalesce(ledger_entry_id, receipt_id) AS posted FROM adjustment_requests`,
  );

describeWithPg('a first-copy request whose decision the office refuses', () => {
  it('approved at B after A recorded the check returned: waits again at B, as at A', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, officeWithAWaitingReversal);
    const check = oneOrThrow<{ id: ReceiptId }>(
      a.ctx.db,
      `SELECT id FROM receipts WHERE check_number = '1042'`,
    ).id;
    // the bank returns the check: Dana records it at A, which reverses the payment
    call(as(a, 'dana.reyes'), 'recordReturnedCheck', {
      receiptId: check,
      returnedOn: TEST_TODAY,
      reason: 'nsf',
    });
    // Lee, at B, not having heard, approves the waiting reversal of the same payment
    call(as(b, 'lee.park'), 'decideAdjustment', {
      requestId: requestAt(b),
      decision: 'approve',
      note: 'Agreed.',
    });
    expect((await a.sync.sync()).push.refused).toBe(0);
    // B's reversal is refused (A's came first) and its approval goes down with it
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    await expectLedgersAgree(server, a, b);

    // the office holds no decision of it, and A shows it waiting for a supervisor to refuse
    expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([]);
    expect(requestState(a)).toEqual([{ status: 'pending', posted: null }]);
    // and so must B (it reads "approved" there, with nothing posted)
    expect(requestState(b)).toEqual([{ status: 'pending', posted: null }]);
  });

  it("a representative's own-made supervisor's approval refused: waits again at B", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, officeWithA150WriteOffWaiting);
    // rep.2 made a supervisor in B's own file, by hand, approves the first copy's request
    withCaptureOff(b.ctx.db, () =>
      run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, b.ctx.userId),
    );
    call(b.ctx, 'decideAdjustment', { requestId: requestAt(b), decision: 'approve', note: 'Ok.' });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    await expectLedgersAgree(server, a, b);
    expect(await serverRows(server, `SELECT status FROM adjustment_requests`)).toEqual([]);
    expect(requestState(a)).toEqual([{ status: 'pending', posted: null }]);

    // a real supervisor at B cannot decide it: B says it was approved already
    expect(() =>
      call(as(b, 'dana.reyes'), 'decideAdjustment', {
        requestId: requestAt(b),
        decision: 'approve',
        note: '',
      }),
    ).not.toThrow();
  });
});

import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { call } from '../testing/call';
import { approvalsOffice, as, askWriteOff, writeOffs } from '../testing/office/approvals';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { withCaptureOff } from './capture';
import { gidOf } from './gids';
import { sqlState } from './server/connection';

/** The desk's one request, found by its office-wide id (local ids differ between desks). */
const requestAt = (d: Desktop) =>
  oneOrThrow<{ id: number }>(d.ctx.db, `SELECT id FROM adjustment_requests`).id;

/** The desk's requests as a person sees them, and the office-wide id of what each posted. */
const requests = (d: Desktop) =>
  all<{ id: number; status: string; decidedBy: string | null; posted: number | null }>(
    d.ctx.db,
    `SELECT r.id, r.status, u.username AS decidedBy, r.ledger_entry_id AS posted
       FROM adjustment_requests r LEFT JOIN users u ON u.id = r.decided_by ORDER BY r.id`,
  ).map((r) => ({
    gid: gidOf(d.ctx.db, 'adjustment_requests', r.id),
    status: r.status,
    decidedBy: r.decidedBy,
    posted: r.posted === null ? null : gidOf(d.ctx.db, 'ledger_entries', r.posted),
  }));

const decide = (ctx: Ctx, requestId: number, decision: 'approve' | 'reject', note: string) =>
  call(ctx, 'decideAdjustment', { requestId, decision, note });

/** The not-synced list as a supervisor sees it: everyone's. */
const notSynced = (d: Desktop) => call(as(d, 'dana.reyes'), 'listNotSynced', {}).actions;

describeWithPg('a request waiting for approval across the desks of an office', () => {
  it('filed at one desk, is approved by a supervisor at the other, posted once', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 15_000);
    await syncAll(a, b);

    // the supervisor at B sees it waiting, as asked at A
    const waiting = call(as(b, 'dana.reyes'), 'listAdjustmentRequests', {});
    expect(waiting).toMatchObject([
      { accountId: account, amount: 15_000, status: 'pending', memo: 'Small balance' },
    ]);
    expect(waiting[0]?.requestedBy).toBe(
      oneOrThrow<{ n: string }>(b.ctx.db, `SELECT display_name AS n FROM users WHERE id = 1`).n,
    );
    decide(as(b, 'dana.reyes'), requestAt(b), 'approve', 'Agreed.');
    await syncAll(b, a);

    const [posted] = writeOffs(b);
    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([posted]);
      expect(requests(d)).toEqual([
        { gid: expect.stringMatching(/:/), status: 'approved', decidedBy: 'dana.reyes', posted },
      ]);
      expect(call(d.ctx, 'listAdjustmentRequests', { status: 'approved' })[0]).toMatchObject({
        decidedBy: 'Dana Reyes',
        decisionNote: 'Agreed.',
      });
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
      expect(notSynced(d)).toEqual([]);
    }
    expect(requests(a)[0]?.gid).toBe(requests(b)[0]?.gid);
    expect(
      await serverRows(
        server,
        `SELECT status, decided_by AS "decidedBy", ledger_entry_gid AS posted, version
           FROM adjustment_requests`,
      ),
    ).toEqual([{ status: 'approved', decidedBy: 'user:dana.reyes', posted, version: 2 }]);
    // approved, the write-off no longer counts toward either desk's unapproved limit for the day
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[0]?.balance).toBe(5_000);
  });

  it('decided by two supervisors at once: the second is refused, its posting withdrawn', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 15_000);
    await syncAll(a, b);
    decide(as(a, 'dana.reyes'), requestAt(a), 'approve', 'Agreed.');
    decide(as(b, 'lee.park'), requestAt(b), 'approve', 'Fine by me.');
    expect(writeOffs(b)).toHaveLength(1);

    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    // B holds Dana's decision and posting, its own write-off withdrawn: one posting everywhere
    const [posted] = writeOffs(a);
    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([posted]);
      expect(requests(d)).toMatchObject([{ status: 'approved', decidedBy: 'dana.reyes', posted }]);
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    }
    const [refused] = notSynced(b);
    expect(refused?.reason).toBe(
      'This write-off of $150.00 was already approved by Dana Reyes at another desktop; this desktop’s approval and what it posted were withdrawn here and are listed. The office’s decision comes with the next sync.',
    );
    expect(refused?.lines).toContain('Write-off of $150.00 approved and posted.');
    expect(notSynced(a)).toEqual([]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[0]?.balance).toBe(5_000);
  });

  it('refused at one desk while approved at the other: the office keeps the first decision', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 15_000);
    await syncAll(a, b);
    decide(as(b, 'lee.park'), requestAt(b), 'reject', 'Call the patient first.');
    decide(as(a, 'dana.reyes'), requestAt(a), 'approve', 'Agreed.');
    // B's refusal reaches the office first; A's approval is refused with its write-off
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([]);
      expect(requests(d)).toMatchObject([{ status: 'rejected', decidedBy: 'lee.park' }]);
    }
    expect(notSynced(a)[0]?.reason).toMatch(
      /^This write-off of \$150\.00 was already refused by Lee Park \(Call the patient first\.\) at another desktop; this desktop’s approval and what it posted were withdrawn/,
    );
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[0]?.balance).toBe(20_000);
  });

  it('a refund approved at two desks at once: the second receipt withdrawn, the first taken', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    // the patient paid $250.00 on $200.00 owed; a representative asks to pay $50.00 back
    call(a.ctx, 'takePayment', {
      accountId: account,
      amount: 25_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    const asked = call(a.ctx, 'postRefund', {
      accountId: account,
      side: 'patient',
      amount: 5_000,
      method: 'check',
      reference: '5001',
      memo: 'Overpaid.',
    });
    expect(asked.pendingRequestId).toBeDefined();
    await syncAll(a, b);
    decide(as(b, 'lee.park'), requestAt(b), 'approve', 'Send it.');
    decide(as(a, 'dana.reyes'), requestAt(a), 'approve', 'Agreed.');
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    const refunds = (d: Desktop) =>
      all<{ id: number }>(d.ctx.db, `SELECT id FROM receipts WHERE kind = 'refund'`).map((r) =>
        gidOf(d.ctx.db, 'receipts', r.id),
      );
    const [paidBack] = refunds(b);
    for (const d of [a, b]) {
      expect(refunds(d)).toEqual([paidBack]);
      const [request] = all<{ receipt: number | null; who: string }>(
        d.ctx.db,
        `SELECT r.receipt_id AS receipt, u.username AS who
           FROM adjustment_requests r JOIN users u ON u.id = r.decided_by`,
      );
      expect(request?.who).toBe('lee.park');
      expect(request?.receipt == null ? null : gidOf(d.ctx.db, 'receipts', request.receipt)).toBe(
        paidBack,
      );
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    }
    expect(notSynced(a)[0]?.reason).toMatch(
      /^This refund of \$50\.00 was already approved by Lee Park at another desktop/,
    );
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[0]?.balance).toBe(0);
  });

  it("refuses a representative's login deciding as a supervisor of their own making", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 15_000);
    await syncAll(a, b);
    // rep.2 made a supervisor in B's own file, by hand: the capture off, as an edit is
    withCaptureOff(b.ctx.db, () =>
      run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, b.ctx.userId),
    );
    decide(b.ctx, requestAt(b), 'approve', 'Looks fine.');
    expect(writeOffs(b)).toHaveLength(1);

    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    // withdrawn at B with its write-off, waiting again at both, listed at B
    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([]);
      expect(requests(d)).toMatchObject([{ status: 'pending', decidedBy: null, posted: null }]);
    }
    expect(notSynced(b)[0]?.reason).toBe(
      'Only a supervisor can approve or refuse a request waiting for approval, and the office does not know the person who made this change as an active supervisor; this desktop took the office’s record of the request.',
    );
    expect(await serverRows(server, `SELECT status, version FROM adjustment_requests`)).toEqual([
      { status: 'pending', version: 1 },
    ]);
    // a real supervisor then decides it at B
    decide(as(b, 'dana.reyes'), requestAt(b), 'approve', 'Agreed.');
    await syncAll(b, a);
    for (const d of [a, b]) expect(requests(d)).toMatchObject([{ status: 'approved' }]);
    await expectLedgersAgree(server, a, b);
  });

  it("holds a desk's login to the rules on the server, written around ClaimDesk", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(a.ctx, account, 15_000);
    await syncAll(a, b);
    const [request] = await serverRows<{ gid: string }>(
      server,
      `SELECT gid FROM adjustment_requests`,
    );
    if (!request) expect.fail('the request did not reach the office');
    const asB = await loginSession(b.config);
    const answer = (sql: string, values: unknown[] = []) =>
      asB.query(sql, values).then(
        () => 'ok',
        (e: unknown) => `${sqlState(e)} ${String((e as { constraint?: unknown }).constraint)}`,
      );
    const decideAs = `UPDATE adjustment_requests SET status = 'approved', decided_at = 'now',
        decided_by = $2, version = version + 1 WHERE gid = $1`;
    // a representative, or nobody the office knows, deciding: judged and refused
    expect(await answer(decideAs, [request.gid, 'user:rep.2'])).toBe('42501 supervisor_decision');
    expect(await answer(decideAs, [request.gid, 'user:nobody'])).toBe('42501 supervisor_decision');
    // what it asked for is not the desk's to change, nor is a request deleted or emptied
    expect(
      await answer(`UPDATE adjustment_requests SET amount = 1 WHERE gid = $1`, [request.gid]),
    ).toBe('42501 undefined');
    expect(await answer(`DELETE FROM adjustment_requests WHERE gid = $1`, [request.gid])).toMatch(
      /^42501/,
    );
    expect(await answer(`TRUNCATE adjustment_requests`)).toMatch(/^42501/);
    // a request filed in another desk's name is refused by row-level security
    const forged = `INSERT INTO adjustment_requests (gid, kind, account_gid, side, amount,
        reason_code, status, requested_at, requested_by, desktop_id)
      SELECT $1 || ':900', 'write_off', $2, 'patient', 100, 'SMALL_BALANCE', 'pending', 'now',
        'user:rep.2', $1::uuid`;
    const deskA = request.gid.split(':')[0] ?? '';
    expect(await answer(forged, [deskA, `base:${account}`])).toBe('42501 undefined');
    // what is left open, as for every judged decision: the desk's word for who decided
    expect(await answer(decideAs, [request.gid, 'user:dana.reyes'])).toBe('ok');
    // and once decided, never again, whoever writes it
    expect(await answer(decideAs, [request.gid, 'user:lee.park'])).toMatch(/^42501/);
    expect(
      await serverRows(
        server,
        `SELECT decided_by AS "decidedBy", version FROM adjustment_requests`,
      ),
    ).toEqual([{ decidedBy: 'user:dana.reyes', version: 2 }]);
  });
});

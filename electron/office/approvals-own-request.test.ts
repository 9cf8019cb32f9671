import { expect, it } from 'vitest';
import type { AccountId, UserId } from '../../shared/ids';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { postWriteOff, requireReason } from '../posting/adjustment';
import { call } from '../testing/call';
import { asRequest, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { approvalsOffice, as, askWriteOff } from '../testing/office/approvals';
import { expectLedgersAgree } from '../testing/office/money';
import { desktopIdOf, serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { gidOf } from './gids';
import { sqlState } from './server/connection';

/*
 * Nobody decides a request they asked for: each desk refuses it (approvals/decide.ts), and
 * since server migration 39 so does the office, for a desk's login writing around ClaimDesk.
 */

/** The same office, Dana's write-off asked in the first copy: `base:` everywhere. */
function officeWithDanasRequest(ctx: Ctx, account: AccountId): void {
  approvalsOffice(ctx, account);
  askWriteOff(
    {
      ...ctx,
      userId: oneOrThrow<{ id: UserId }>(
        ctx.db,
        `SELECT id FROM users WHERE username = 'dana.reyes'`,
      ).id,
    },
    account,
    15_000,
  );
}

const requestAt = (d: Desktop) =>
  oneOrThrow<{ id: number }>(d.ctx.db, `SELECT id FROM adjustment_requests`).id;

const requestState = (d: Desktop) =>
  all<{ status: string; decidedBy: string | null; posted: number | null }>(
    d.ctx.db,
    `SELECT r.status, u.username AS decidedBy, r.ledger_entry_id AS posted
       FROM adjustment_requests r LEFT JOIN users u ON u.id = r.decided_by`,
  );

const writeOffs = (d: Desktop) =>
  all<{ id: number }>(
    d.ctx.db,
    `SELECT id FROM ledger_entries WHERE reason_code = 'SMALL_BALANCE'`,
  );

/**
 * Dana's approval of her own request written into B's file around ClaimDesk (whose check
 * refuses it) and sent as a request's would be: the write-off posted and the request naming
 * it, in one transaction.
 */
function forgeOwnApproval(b: Desktop, account: AccountId): void {
  const dana = as(b, 'dana.reyes');
  const { db } = b.ctx;
  asRequest(b, () => {
    const entry = postWriteOff(
      dana,
      {
        accountId: account,
        claimId: null,
        side: 'patient',
        amount: cents(15_000),
        reasonCode: 'SMALL_BALANCE',
        memo: 'Small balance',
      },
      requireReason(db, 'SMALL_BALANCE'),
    );
    run(
      db,
      `UPDATE adjustment_requests SET status = 'approved', decided_at = ?, decided_by = ?,
         decision_note = 'Mine to approve.', ledger_entry_id = ?`,
      dana.clock.now(),
      dana.userId,
      entry,
    );
  });
}

const REFUSED =
  'A request waiting for approval is approved or refused by a supervisor other than the one who asked for it, and the person who made this change asked for it; this desktop took the office’s record of the request.';

describeWithPg('a request decided by the person who asked for it', () => {
  it("is refused to a desk's login, the asker a supervisor the office knows", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(as(a, 'dana.reyes'), account, 15_000);
    await syncAll(a, b);
    const [request] = await serverRows<{ gid: string; requestedBy: string }>(
      server,
      `SELECT gid, requested_by AS "requestedBy" FROM adjustment_requests`,
    );
    if (!request) expect.fail('the request did not reach the office');
    expect(request.requestedBy).toBe('user:dana.reyes');
    const asB = await loginSession(b.config);
    const answer = (sql: string, values: unknown[]) =>
      asB.query(sql, values).then(
        () => 'ok',
        (e: unknown) => `${sqlState(e)} ${String((e as { constraint?: unknown }).constraint)}`,
      );
    const decideAs = (status: string) => `UPDATE adjustment_requests SET status = '${status}',
        decided_at = 'now', decided_by = $2, version = version + 1 WHERE gid = $1`;
    // neither her approval nor her refusal of her own request
    for (const status of ['approved', 'rejected']) {
      expect(await answer(decideAs(status), [request.gid, 'user:dana.reyes'])).toBe(
        '42501 decided_by_another',
      );
    }
    // nor a request of B's own filed already decided by its asker
    const filedDecided = `INSERT INTO adjustment_requests (gid, kind, account_gid, side, amount,
        reason_code, status, requested_at, requested_by, decided_at, decided_by, desktop_id)
      SELECT $1, 'write_off', $2, 'patient', 100, 'SMALL_BALANCE', 'approved', 'now',
        'user:dana.reyes', 'now', $3, $4::uuid`;
    const deskB = desktopIdOf(b.ctx) ?? '';
    const accountGid = gidOf(b.ctx.db, 'accounts', account);
    expect(await answer(filedDecided, [`${deskB}:900`, accountGid, 'user:dana.reyes', deskB])).toBe(
      '42501 decided_by_another',
    );
    expect(await answer(filedDecided, [`${deskB}:900`, accountGid, 'user:lee.park', deskB])).toBe(
      'ok',
    );
    // another supervisor decides it
    expect(await answer(decideAs('approved'), [request.gid, 'user:lee.park'])).toBe('ok');
    expect(
      await serverRows(
        server,
        `SELECT decided_by AS "decidedBy", version FROM adjustment_requests WHERE gid = $1`,
        [request.gid],
      ),
    ).toEqual([{ decidedBy: 'user:lee.park', version: 2 }]);
  });

  it("is refused to a desk's login for a first-copy request, which arrives decided", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, officeWithDanasRequest);
    const [account] = accountIds as [AccountId];
    const gid = gidOf(a.ctx.db, 'adjustment_requests', requestAt(a));
    expect(gid).toMatch(/^base:/);
    // sent from B's file written around ClaimDesk: the office has no row of it to send back
    forgeOwnApproval(b, account);
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([]);
      expect(requestState(d)).toEqual([{ status: 'pending', decidedBy: null, posted: null }]);
    }
    expect(call(as(b, 'lee.park'), 'listNotSynced', {}).actions.map((l) => l.reason)).toEqual([
      'A request waiting for approval is approved or refused by a supervisor other than the one who asked for it, and the person who made this change asked for it; the office has no record of it yet, so it waits here again, as at the other desktops.',
    ]);
    expect(await serverRows(server, `SELECT gid FROM adjustment_requests`)).toEqual([]);
    const asB = await loginSession(b.config);
    // the first copy's request reaches the office with its first decision, at version 2
    const decided = (by: string) =>
      asB.query(
        `INSERT INTO adjustment_requests (gid, kind, account_gid, side, amount, reason_code,
            memo, status, requested_at, requested_by, decided_at, decided_by, version, desktop_id)
          VALUES ($1, 'write_off', $2, 'patient', 15000, 'SMALL_BALANCE', 'Small balance',
            'approved', 'now', 'user:dana.reyes', 'now', $3, 2, $4)`,
        [gid, `base:${account}`, by, desktopIdOf(b.ctx)],
      );
    await expect(decided('user:dana.reyes')).rejects.toMatchObject({
      code: '42501',
      constraint: 'decided_by_another',
    });
    await expect(decided('user:lee.park')).resolves.toMatchObject({ rowCount: 1 });
  });

  it('sent from a desk written around ClaimDesk: refused, withdrawn and listed there', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, approvalsOffice);
    const [account] = accountIds as [AccountId];
    askWriteOff(as(a, 'dana.reyes'), account, 15_000);
    await syncAll(a, b);
    // ClaimDesk itself refuses her
    expect(() =>
      call(as(b, 'dana.reyes'), 'decideAdjustment', {
        requestId: requestAt(b),
        decision: 'approve',
        note: '',
      }),
    ).toThrow(/You asked for this yourself/);
    forgeOwnApproval(b, account);
    expect(writeOffs(b)).toHaveLength(1);

    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);
    // withdrawn at B with its write-off, waiting at both, listed at B as a supervisor sees it
    for (const d of [a, b]) {
      expect(writeOffs(d)).toEqual([]);
      expect(requestState(d)).toEqual([{ status: 'pending', decidedBy: null, posted: null }]);
    }
    const listed = call(as(b, 'lee.park'), 'listNotSynced', {}).actions;
    expect(listed.map((l) => l.reason)).toEqual([REFUSED]);
    expect(await serverRows(server, `SELECT status, version FROM adjustment_requests`)).toEqual([
      { status: 'pending', version: 1 },
    ]);
    // another supervisor then decides it at B
    call(as(b, 'lee.park'), 'decideAdjustment', {
      requestId: requestAt(b),
      decision: 'approve',
      note: 'Agreed.',
    });
    await syncAll(b, a);
    for (const d of [a, b]) {
      expect(requestState(d)).toMatchObject([{ status: 'approved', decidedBy: 'lee.park' }]);
    }
    await expectLedgersAgree(server, a, b);
  });
});

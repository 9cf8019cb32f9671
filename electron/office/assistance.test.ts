import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { ecaRefusal } from '../collections/eca';
import { fixedClock, type Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call, callAsync, expectRefused } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree, supervisorsOwingWithLetterhead } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { firstOutboxEntry } from './outbox';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

/** The desk on another day (the notice's deadline passed, say). */
const on = (d: Desktop, date: string): Ctx => ({ ...d.ctx, clock: fixedClock(isoDate(date)) });

const timeline = (ctx: Ctx, accountId: AccountId) =>
  call(ctx, 'getAssistanceTimeline', { accountId });

/** The application waiting on the account at this desk, by this desk's own id. */
const waitingApplication = (ctx: Ctx, accountId: AccountId) => {
  const app = timeline(ctx, accountId).applications.at(-1);
  if (!app) throw new Error('no application');
  return app;
};

const serverApplications = (server: pg.ClientConfig) =>
  serverRows<{ status: string; discounted: string | null; version: number }>(
    server,
    `SELECT status, discounted_amount AS discounted, version FROM assistance_applications
       ORDER BY gid`,
  );

const charity = (d: Desktop) =>
  all<{ amount: number }>(
    d.ctx.db,
    `SELECT amount FROM ledger_entries WHERE reason_code = 'CHARITY' ORDER BY id`,
  ).map((r) => r.amount);

/** A's statement and ECA notice, on the first copy's account, reaching B. */
async function noticeSentAtA(a: Desktop, b: Desktop, account: AccountId): Promise<void> {
  await callAsync(a.ctx, 'generateStatement', { accountId: account });
  await callAsync(a.ctx, 'sendEcaNotice', { accountId: account });
  await syncAll(a, b);
}

describeWithPg('financial assistance and the 501(r) notice across the office', () => {
  it("an application received at one desk stops the other's collection actions", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwingWithLetterhead);
    const [account] = accountIds as [AccountId];
    await noticeSentAtA(a, b, account);

    // B sees the notice A sent and its deadline, the letter filed under B's own id
    const atB = timeline(b.ctx, account);
    expect(atB.firstStatementDate).toBe('2026-03-16');
    expect(atB.notices).toEqual([
      { documentId: expect.any(Number) as number, sentOn: '2026-03-16', deadline: '2026-07-14' },
    ]);
    const letter = oneOrThrow<{ title: string }>(
      b.ctx.db,
      `SELECT title FROM documents WHERE id = ?`,
      atB.notices[0]?.documentId ?? 0,
    );
    expect(letter.title).toMatch(/collect/i);
    // past the deadline, B may take an action: the notice counts there
    expect(timeline(on(b, '2026-07-20'), account).eca).toEqual({
      allowed: true,
      allowedFrom: null,
      reason: null,
    });
    expect(ecaRefusal(b.ctx.db, account, 'credit_report', isoDate('2026-07-20'))).toBeNull();
    call(on(b, '2026-07-20'), 'recordExtraordinaryAction', {
      accountId: account,
      action: 'credit_report',
      note: 'Reported to the bureaus',
    });
    await syncAll(b, a);

    // an application received at A
    call(on(a, '2026-07-20'), 'receiveAssistanceApplication', {
      accountId: account,
      receivedOn: isoDate('2026-07-18'),
    });
    await syncAll(a, b);
    // B may no longer report the debt, nor move the account to bad debt
    expectRefused(
      on(b, '2026-07-20'),
      'recordExtraordinaryAction',
      { accountId: account, action: 'credit_report', note: 'Reported to the bureaus' },
      /application received 07\/18\/2026 is being reviewed/,
    );
    expectRefused(
      on(b, '2026-07-20'),
      'requestBadDebt',
      { accountId: account, memo: 'No contact' },
      /financial-assistance application is waiting for a decision/,
    );
    expect(all(b.ctx.db, `SELECT action FROM extraordinary_actions`)).toEqual([
      { action: 'credit_report' },
    ]);

    // B's later change reaches A: the application incomplete, with what is missing
    const app = waitingApplication(b.ctx, account);
    await callAsync(on(b, '2026-07-21'), 'markApplicationIncomplete', {
      applicationId: app.id,
      missing: ['Proof of income'],
    });
    await syncAll(b, a);
    expect(waitingApplication(a.ctx, account)).toMatchObject({
      status: 'incomplete',
      missing: ['Proof of income'],
      completeBy: '2026-08-20',
    });
    expect(timeline(on(a, '2026-07-22'), account).eca.reason).toMatch(
      /incomplete, waiting for the applicant/,
    );

    // decided at A: the charity adjustment and the decision land together at B
    call(on(a, '2026-07-25'), 'decideAssistanceApplication', {
      applicationId: waitingApplication(a.ctx, account).id,
      decision: 'eligible',
      discountedAmount: 5_000,
      note: 'Income under 200% of the poverty line',
    });
    await syncAll(a, b);
    expect(waitingApplication(b.ctx, account)).toMatchObject({
      status: 'eligible',
      discountedAmount: 5_000,
      decidedOn: '2026-07-25',
    });
    expect(charity(b)).toEqual([-15_000]);
    // and B's credit report, which A's decision reversed, is reversed at B
    expect(timeline(b.ctx, account).actions).toEqual([
      expect.objectContaining({ action: 'credit_report', reversedOn: '2026-07-25' }),
    ]);
    // a new notice is owed after an eligible decision, at B as at A
    expect(timeline(on(b, '2026-07-26'), account).eca.reason).toMatch(
      /has not been sent since the patient was found eligible/,
    );
    expect(await serverApplications(server)).toEqual([
      { status: 'eligible', discounted: '5000', version: 3 },
    ]);
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([5_000]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two desks deciding one application at once, the second is refused whole', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwingWithLetterhead);
    const [account] = accountIds as [AccountId];
    call(a.ctx, 'receiveAssistanceApplication', {
      accountId: account,
      receivedOn: isoDate('2026-03-10'),
    });
    await syncAll(a, b);

    const decide = (d: Desktop, owed: number, note: string) =>
      call(d.ctx, 'decideAssistanceApplication', {
        applicationId: waitingApplication(d.ctx, account).id,
        decision: 'eligible',
        discountedAmount: owed,
        note,
      });
    decide(a, 5_000, 'Household of four');
    decide(b, 8_000, 'Household of three');
    // the decision and its charity adjustment are one entry
    const sent = firstOutboxEntry(b.ctx.db)?.changes.map((c) => `${c.tbl} ${c.op}`);
    expect(sent).toEqual([
      'ledger_entries insert',
      'activities insert',
      'assistance_applications update',
    ]);
    // the decision, then the closing of the account's assistance hold as a part of it
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 2 });
    await syncAll(a, b);

    // the discount is taken once, A's, at both desks and on the server
    for (const d of [a, b]) {
      expect(charity(d)).toEqual([-15_000]);
      expect(waitingApplication(d.ctx, account)).toMatchObject({
        status: 'eligible',
        discountedAmount: 5_000,
        note: 'Household of four',
      });
    }
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances.map((x) => x.balance)).toEqual([5_000]);
    const [refused] = notSyncedActions(b.ctx.db);
    expect(refused?.reason).toBe(
      "Someone changed this account's financial-assistance application first at another desktop; this desktop took the office's record of it.",
    );
    expect(refused?.changes.map((c) => `${c.tbl} ${c.op}`)).toEqual(sent);
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines).toContain(
      'Financial-assistance application of 03/10/2026 decided: eligible, $80.00 owed.',
    );
    expect(await serverApplications(server)).toEqual([
      { status: 'eligible', discounted: '5000', version: 2 },
    ]);
  });

  it('of two desks receiving an application on one account at once, the second is refused', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwingWithLetterhead);
    const [account] = accountIds as [AccountId];
    for (const d of [a, b]) {
      call(d.ctx, 'receiveAssistanceApplication', {
        accountId: account,
        receivedOn: isoDate('2026-03-12'),
      });
    }
    await syncAll(a, b);
    for (const d of [a, b]) {
      expect(timeline(d.ctx, account).applications.map((x) => x.status)).toEqual(['pending']);
    }
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      expect.stringMatching(/application was already received at another desktop/),
    ]);
    expect(await serverApplications(server)).toEqual([
      { status: 'pending', discounted: null, version: 1 },
    ]);
  });

  it('an entry applied twice changes nothing, and a desk may not delete or rename', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwingWithLetterhead);
    const [account] = accountIds as [AccountId];
    // the notice's letter goes with its file, which the sync sends first
    await noticeSentAtA(a, b, account);
    call(a.ctx, 'receiveAssistanceApplication', {
      accountId: account,
      receivedOn: isoDate('2026-03-16'),
    });
    const entry = firstOutboxEntry(a.ctx.db);
    if (!entry) throw new Error('nothing sealed');
    const sent = { seq: entry.seq, changes: entry.changes };
    expect(sent.changes.map((c) => `${c.tbl} ${c.op}`)).toEqual([
      'activities insert',
      'assistance_applications insert',
      // the hold it puts on the account's statements
      'collection_holds insert',
    ]);
    const pool = openPool(server, 1);
    onTestFinished(() => pool.end());
    const { desktopId } = requireOfficeLink(a.ctx.db);
    expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
    const logged = await serverRows(server, `SELECT count(*)::int AS n FROM change_log`);
    expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM change_log`)).toEqual(logged);
    // the desktop, which never heard the answer, sends it again
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM change_log`)).toEqual(logged);
    await b.sync.pull();
    expect(timeline(b.ctx, account).notices).toHaveLength(1);
    expect(timeline(b.ctx, account).applications.map((x) => x.status)).toEqual(['pending']);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);

    // a desk's own login: no deleting, emptying or renaming what travelled
    const desk = new pg.Client(a.config);
    await desk.connect();
    onTestFinished(() => desk.end());
    for (const t of ['assistance_applications', 'eca_notices']) {
      await expect(desk.query(`DELETE FROM ${t}`), t).rejects.toThrow(/permission denied/);
      await expect(desk.query(`TRUNCATE ${t}`), t).rejects.toThrow(/permission denied/);
    }
    for (const [t, col] of [
      ['assistance_applications', 'account_gid'],
      ['assistance_applications', 'received_on'],
      ['eca_notices', 'deadline'],
    ] as const) {
      await expect(desk.query(`UPDATE ${t} SET ${col} = ${col}`), t).rejects.toThrow(
        /permission denied/,
      );
    }
    // and the owner's login is refused by the tables' own triggers
    const owner = new pg.Client(server);
    await owner.connect();
    onTestFinished(() => owner.end());
    await expect(owner.query(`DELETE FROM assistance_applications`)).rejects.toThrow(
      /never deleted/,
    );
    await expect(owner.query(`UPDATE eca_notices SET deadline = deadline`)).rejects.toThrow(
      /insert-only/,
    );
    expect(await serverApplications(server)).toEqual([
      { status: 'pending', discounted: null, version: 1 },
    ]);
  });
});

import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { writeBillingRules } from '../rules/billing-rules';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { everyoneSupervisor, syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { owing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { withCaptureOff } from './capture';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

/** rep.one (A) the office's supervisor, rep.2 (B) a representative; the patient owes $200.00. */
function office(ctx: Ctx, account: AccountId): void {
  makeSupervisor(ctx);
  owing(ctx, account);
}

const accountOf = (d: Desktop) =>
  oneOrThrow<{ id: AccountId }>(d.ctx.db, `SELECT id FROM accounts LIMIT 1`).id;

const rules = (d: Desktop) => call(d.ctx, 'getBillingRules', {});

const serverRules = (server: Parameters<typeof serverRows>[0]) =>
  serverRows<{ gid: string; value: string; version: number }>(
    server,
    `SELECT gid, value, version FROM billing_rules ORDER BY gid`,
  );

/** A write-off of $150.00 on the account, as the desk's own user asks it. */
const writeOff = (d: Desktop, account: AccountId) =>
  call(d.ctx, 'postAdjustment', {
    accountId: account,
    side: 'patient',
    amount: 15_000,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Small balance',
  });

describeWithPg("the office's billing rules across its desks", () => {
  it("a supervisor's lower write-off limit at one desk holds a representative at the other", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, (ctx, account) => {
      office(ctx, account);
      // a rule the first copy already held, which the office has from the upload
      writeBillingRules(ctx.db, { planMaxMonths: 24 }, { userId: ctx.userId, now: 'then' });
    });
    const [account] = accountIds as [AccountId];
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:planMaxMonths', value: '24', version: 1 },
    ]);

    call(a.ctx, 'saveBillingRules', { writeOffApprovalLimit: 10_000, planMaxMonths: 30 });
    // the desk's own backup schedule stays its own
    call(a.ctx, 'saveBackupSchedule', { time: '19:30', folder: '' });
    await syncAll(a, b);

    expect(rules(b).rules).toMatchObject({ writeOffApprovalLimit: 10_000, planMaxMonths: 30 });
    expect(rules(b).lastChange?.byName).toBe(rules(a).lastChange?.byName);
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:planMaxMonths', value: '30', version: 2 },
      { gid: 'rule:writeOffApprovalLimit', value: '10000', version: 1 },
    ]);
    const held = writeOff(b, account);
    expect(held.status).toBe('pending_approval');
    expect(held.message).toMatch(/above the \$100\.00 daily approval limit/);

    // raised again at A: B's next write-off of the same size posts
    call(a.ctx, 'saveBillingRules', { writeOffApprovalLimit: 20_000 });
    await syncAll(a, b);
    expect(rules(b).rules.writeOffApprovalLimit).toBe(20_000);
    expect(await serverRules(server)).toContainEqual({
      gid: 'rule:writeOffApprovalLimit',
      value: '20000',
      version: 2,
    });
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two supervisors changing one rule at once, the second is refused and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, (ctx, account) => {
      everyoneSupervisor(ctx);
      owing(ctx, account);
    });
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 21 });
    call(b.ctx, 'saveBillingRules', { statementCycleDays: 45, callingHoursEnd: 20 });
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    for (const d of [a, b]) {
      expect(rules(d).rules).toMatchObject({ statementCycleDays: 21, callingHoursEnd: 21 });
    }
    const [listed] = notSyncedActions(b.ctx.db);
    expect(listed?.reason).toMatch(/^Someone changed this billing rule first at another desktop/);
    expect(listed?.changes.map(describeRow)).toEqual([
      'Billing rule “Statement cycle (days)” set to 45.',
      'Billing rule “Calling hours end (hour, 1-24)” set to 20.',
    ]);
    // redone at B from the office's rule, it lands
    call(b.ctx, 'saveBillingRules', { statementCycleDays: 45 });
    await syncAll(b, a);
    expect(rules(a).rules.statementCycleDays).toBe(45);
  });

  it('answers a refusal over a first-copy rule outside today’s bounds without holding the outbox', async () => {
    const server = await createServerDatabase();
    const { b } = await twoDesktops(server, 1, (ctx, account) => {
      office(ctx, account);
      // as an older version, whose bounds were wider, could have stored it
      writeBillingRules(ctx.db, { statementCycleDays: 7 }, { userId: ctx.userId, now: 'then' });
    });
    withCaptureOff(b.ctx.db, () =>
      run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, b.ctx.userId),
    );
    call(b.ctx, 'saveBillingRules', { statementCycleDays: 28 });
    call(b.ctx, 'addActivity', { accountId: accountOf(b), kind: 'note', text: 'Called.' });
    // the rule refused (the office's is not one a desk may take), its note after it sent
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      expect.stringMatching(/^Only a supervisor can change the office’s billing rules/),
    ]);
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:statementCycleDays', value: '7', version: 1 },
    ]);
  });

  it('refuses a rule set by a representative who made themselves a supervisor in their copy', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    withCaptureOff(b.ctx.db, () =>
      run(b.ctx.db, `UPDATE users SET role = 'supervisor' WHERE id = ?`, b.ctx.userId),
    );
    call(b.ctx, 'saveBillingRules', { writeOffApprovalLimit: 9_999_900 });
    await syncAll(b, a);

    // back to the office's (the default: none was ever set) at B, and never at A
    for (const d of [a, b]) expect(rules(d).rules.writeOffApprovalLimit).toBe(50_000);
    expect(all(b.ctx.db, `SELECT key FROM billing_rules`)).toEqual([]);
    expect(await serverRules(server)).toEqual([]);
    expect(notSyncedActions(b.ctx.db).map((x) => x.reason)).toEqual([
      expect.stringMatching(
        /^Only a supervisor can change the office’s billing rules.*went back to the rule as it comes/,
      ),
    ]);
  });
});

import pg from 'pg';
import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { run } from '../db/query';
import { writeBillingRules } from '../rules/billing-rules';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg, loginSession } from '../testing/office/server-db';
import { describeRow } from './describe';
import { requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { sealOutbox } from './outbox';
import { sqlState, type ServerConfig } from './server/connection';

/** rep.one (A) the office's supervisor, rep.2 (B) a representative. */
const office = (ctx: Ctx) => makeSupervisor(ctx);

const CHECK_VIOLATION = '23514';
const deskId = (d: Desktop) => requireOfficeLink(d.ctx.db).desktopId;
const answer = (c: pg.ClientBase, sql: string, values: unknown[] = []) =>
  c.query(sql, values).then(() => 'ok', sqlState);
const rules = (d: Desktop) => call(d.ctx, 'getBillingRules', {}).rules;

const serverRules = (server: ServerConfig) =>
  serverRows<{ gid: string; value: string; version: number }>(
    server,
    `SELECT gid, value, version FROM billing_rules ORDER BY gid`,
  );

/** Rules written into the desk's file around ClaimDesk, sent as one request's would be. */
function forge(d: Desktop, values: Record<string, number>): void {
  for (const [key, value] of Object.entries(values)) {
    run(
      d.ctx.db,
      `INSERT INTO billing_rules (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      key,
      JSON.stringify(value),
      d.ctx.clock.now(),
      d.ctx.userId,
    );
  }
  sealOutbox(d.ctx.db, d.ctx.clock.now(), d.ctx.userId);
}

describeWithPg("the office server holding its billing rules to Settings' bounds", () => {
  it("refuses a desk login's own writes of a rule outside them, the table unchanged", async () => {
    const server = await createServerDatabase();
    const { a } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 21, callingHoursStart: 9 });
    await a.sync.sync();
    const before = await serverRules(server);
    expect(before).toEqual([
      { gid: 'rule:callingHoursStart', value: '9', version: 1 },
      { gid: 'rule:statementCycleDays', value: '21', version: 1 },
    ]);

    const asA = await loginSession(a.config);
    const insert = (key: string, value: number) =>
      answer(
        asA,
        `INSERT INTO billing_rules (gid, key, value, updated_at, updated_by, version, desktop_id)
           VALUES ('rule:' || $1, $1, $2, '2026-03-16T09:00:00Z', 'user:rep.one', 1, $3)`,
        [key, value, deskId(a)],
      );
    const change = (key: string, value: number) =>
      answer(asA, `UPDATE billing_rules SET value = $2, version = version + 1 WHERE key = $1`, [
        key,
        value,
      ]);
    expect(await change('statementCycleDays', 7)).toBe(CHECK_VIOLATION);
    expect(await change('statementCycleDays', 61)).toBe(CHECK_VIOLATION);
    expect(await insert('planMaxMonths', 121)).toBe(CHECK_VIOLATION);
    expect(await insert('returnedCheckFee', 10_001)).toBe(CHECK_VIOLATION);
    expect(await insert('planMinimumMonthly', 0)).toBe(CHECK_VIOLATION);
    expect(await insert('noSuchRule', 1)).toBe(CHECK_VIOLATION);
    // calling hours where the office holds both: judged as the transaction commits
    expect(await insert('callingHoursEnd', 9)).toBe(CHECK_VIOLATION);
    expect(await serverRules(server)).toEqual(before);

    // within the bounds, at their edges, the login's write is taken as before
    expect(await change('statementCycleDays', 60)).toBe('ok');
    expect(await insert('returnedCheckFee', 10_000)).toBe('ok');
    // one transaction may move both hours past each other's old value
    await asA.query('BEGIN');
    await asA.query(
      `UPDATE billing_rules SET value = 22, version = 2 WHERE key = 'callingHoursStart'`,
    );
    await insert('callingHoursEnd', 24);
    await asA.query('COMMIT');
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:callingHoursEnd', value: '24', version: 1 },
      { gid: 'rule:callingHoursStart', value: '22', version: 2 },
      { gid: 'rule:returnedCheckFee', value: '10000', version: 1 },
      { gid: 'rule:statementCycleDays', value: '60', version: 2 },
    ]);
  });

  it('refuses a value forged at a desk, listed with its rule and why, the desk back at the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 21 });
    await syncAll(a, b);

    forge(a, { statementCycleDays: 7 });
    expect(rules(a).statementCycleDays).toBe(7);
    // refused, not a failure: the desk's outbox goes on
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    expect(rules(a).statementCycleDays).toBe(21);
    const [listed, ...others] = notSyncedActions(a.ctx.db);
    expect(others).toEqual([]);
    expect(listed?.reason).toBe(
      'The office holds “Statement cycle (days)” from 14 to 60, so it refused 7; this desktop took the office’s rule.',
    );
    expect(listed?.changes.map(describeRow)).toEqual([
      'Billing rule “Statement cycle (days)” set to 7.',
    ]);
    // a money rule's bounds in dollars
    forge(a, { returnedCheckFee: 10_001 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toContain(
      'The office holds “Returned check fee” from $0.00 to $100.00, so it refused $100.01; the office has never set it, so this desktop went back to the rule as it comes.',
    );
    expect(rules(a).returnedCheckFee).toBe(0);

    // a change within the bounds still lands, and reaches the other desk
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 45 });
    await syncAll(a, b);
    expect(rules(b).statementCycleDays).toBe(45);
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:statementCycleDays', value: '45', version: 2 },
    ]);
  });

  it('refuses calling hours forged at a desk to start at or after their end', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveBillingRules', { callingHoursStart: 9, callingHoursEnd: 20 });
    await syncAll(a, b);

    forge(a, { callingHoursStart: 20 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toEqual([
      'Calling hours must start before they end: 20:00 is not before 20:00; this desktop took the office’s rule.',
    ]);
    for (const d of [a, b]) {
      expect(rules(d)).toMatchObject({ callingHoursStart: 9, callingHoursEnd: 20 });
    }
    // both moved in one request, judged together
    forge(a, { callingHoursStart: 20, callingHoursEnd: 10 });
    expect((await a.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toContain(
      'Calling hours must start before they end: 20:00 is not before 10:00; this desktop went back to the rules as the office has them.',
    );
    for (const d of [a, b]) {
      expect(rules(d)).toMatchObject({ callingHoursStart: 9, callingHoursEnd: 20 });
    }
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:callingHoursEnd', value: '20', version: 1 },
      { gid: 'rule:callingHoursStart', value: '9', version: 1 },
    ]);
  });

  it('a desk passes over a rule the office logged outside them, keeping its own, and pulls on', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 21 });
    await syncAll(a, b);
    // as a desk's login could log one before the server held the bounds itself
    const asA = await loginSession(a.config);
    await asA.query(
      `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
         VALUES ('billing_rules', 'rule:statementCycleDays', 2, $1, $2, 999)`,
      [
        JSON.stringify({
          key: 'statementCycleDays',
          value: 7,
          updatedAt: '2026-03-16T09:00:00Z',
          updatedBy: 'user:rep.one',
        }),
        deskId(a),
      ],
    );
    call(a.ctx, 'saveBillingRules', { planMaxMonths: 30 });
    await a.sync.sync();

    await b.sync.pull();
    expect(rules(b)).toMatchObject({ statementCycleDays: 21, planMaxMonths: 30 });
    // and the pull does not stop there: a later change still reaches B
    call(a.ctx, 'saveBillingRules', { planMaxMonths: 24 });
    await syncAll(a, b);
    expect(rules(b).planMaxMonths).toBe(24);
  });

  it('lets a desk change a rule the office holds outside them, though it passed that one over', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, office);
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 21 });
    await syncAll(a, b);
    // the office's owner writing one outside the bounds, as before server migration 25
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      await owner.query(`ALTER TABLE billing_rules DISABLE TRIGGER billing_rules_bounded`);
      const { rows } = await owner.query<{ row: unknown }>(
        `UPDATE billing_rules SET value = 7, version = version + 1
          WHERE gid = 'rule:statementCycleDays'
          RETURNING jsonb_build_object('key', key, 'value', value, 'updatedAt', updated_at,
            'updatedBy', updated_by) AS row`,
      );
      await owner.query(`ALTER TABLE billing_rules ENABLE TRIGGER billing_rules_bounded`);
      await owner.query(
        `INSERT INTO change_log (tbl, gid, version, row, desktop_id, entry_seq)
           VALUES ('billing_rules', 'rule:statementCycleDays', 2, $1, $2, 999)`,
        [JSON.stringify(rows[0]?.row), deskId(a)],
      );
    } finally {
      await owner.end();
    }
    await syncAll(a, b);
    expect(rules(b).statementCycleDays).toBe(21);

    // A's supervisor sets it again from the version A holds, which the office has passed
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 30 });
    await syncAll(a, b);
    await syncAll(a, b);
    expect(rules(a).statementCycleDays).toBe(30);
    expect(rules(b).statementCycleDays).toBe(30);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
    expect((await serverRules(server)).find((r) => r.gid === 'rule:statementCycleDays')).toEqual({
      gid: 'rule:statementCycleDays',
      value: '30',
      version: 3,
    });
    // and A holds it at the office's version: its next change lands from there
    call(a.ctx, 'saveBillingRules', { statementCycleDays: 28 });
    await syncAll(a, b);
    expect(rules(b).statementCycleDays).toBe(28);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it('takes the first copy’s rules at the upload, as an older version allowed them', async () => {
    const server = await createServerDatabase();
    await twoDesktops(server, 1, (ctx) => {
      office(ctx);
      const by = { userId: ctx.userId, now: 'then' };
      writeBillingRules(ctx.db, { statementCycleDays: 7, callingHoursStart: 22 }, by);
      writeBillingRules(ctx.db, { callingHoursEnd: 20 }, by);
    });
    expect(await serverRules(server)).toEqual([
      { gid: 'rule:callingHoursEnd', value: '20', version: 1 },
      { gid: 'rule:callingHoursStart', value: '22', version: 1 },
      { gid: 'rule:statementCycleDays', value: '7', version: 1 },
    ]);
  });
});

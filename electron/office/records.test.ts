import pg from 'pg';
import { expect, it } from 'vitest';
import type { AccountId, PayerId, UserId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow, run } from '../db/query';
import { addAccount, addPerson, makeSupervisor } from '../testing/builders';
import { COLUMNS, sheet, sheetRow } from '../testing/csv-sheet';
import { call } from '../testing/call';
import type { Claim837 } from '../importers/claims/claim-types';
import { claimFileText, testClaim } from '../testing/claims';
import type { Desktop } from '../testing/office/desktops';
import { syncedState, twoDesktops } from '../testing/office/desktops';
import { moneyState } from '../testing/office/money';
import { recordsState, serverCount } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { TEST_TODAY } from '../testing/test-db';
import { localIdOf } from './gids';
import { notSyncedActions } from './not-synced';
import { firstOutboxEntry } from './outbox';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

/** The payer the test claims bill, in the copy every desktop starts from. */
function withAcme(ctx: Ctx): void {
  run(
    ctx.db,
    `INSERT OR IGNORE INTO payers (name, payer_code, financial_class, timely_filing_days,
         appeal_window_days) VALUES ('Acme Health Plan', 'ACME01', 'commercial', 180, 180)`,
  );
}

/** And an account of the copy every desktop starts from, for Ana Rivera, covered by Acme. */
function withRiveraAccount(ctx: Ctx): void {
  withAcme(ctx);
  const payerId = oneOrThrow<{ id: PayerId }>(
    ctx.db,
    `SELECT id FROM payers WHERE payer_code = 'ACME01'`,
  ).id;
  const patientId = addPerson(ctx, { last: 'Rivera', first: 'Ana', dob: '1980-04-12' });
  addAccount(ctx, { number: '200500', patientId, payerId });
}

/** Acme, and every desktop's user a supervisor, who may import a spreadsheet. */
function withSupervisors(ctx: Ctx): void {
  withAcme(ctx);
  for (const { id } of all<{ id: UserId }>(ctx.db, `SELECT id FROM users`)) {
    makeSupervisor(ctx, id);
  }
}

function importSheet(d: Desktop, numbers: string[]): void {
  const report = call(d.ctx, 'importCsv', {
    fileName: 'accounts.csv',
    text: sheet(numbers.map((n) => sheetRow(n, 'ACME01'))),
    columns: COLUMNS,
  });
  expect(report.imported).toBe(numbers.length);
}

function importClaim(
  d: Desktop,
  pcn: string,
  charges: number[],
  file = `${pcn}.837`,
  over: Partial<Claim837> = {},
): void {
  const report = call(d.ctx, 'importFile', {
    fileName: file,
    text: claimFileText([testClaim(pcn, charges, over)]),
  });
  expect(report.status).toBe('posted');
}

function accountId(ctx: Ctx, number: string): AccountId {
  return oneOrThrow<{ id: AccountId }>(
    ctx.db,
    `SELECT id FROM accounts WHERE account_number = ?`,
    number,
  ).id;
}

/** Every account's cached balance is its ledger's sum, and the day totals agree with it. */
function expectMoneyRight(ctx: Ctx): void {
  for (const b of moneyState(ctx).balances) expect(b.balance).toBe(b.ledgerSum);
  const totals = (sql: string) => oneOrThrow<{ amount: number; n: number }>(ctx.db, sql);
  expect(
    totals(`SELECT ifnull(sum(amount), 0) AS amount, ifnull(sum(entries), 0) AS n
              FROM ledger_day_totals`),
  ).toEqual(totals(`SELECT ifnull(sum(amount), 0) AS amount, count(*) AS n FROM ledger_entries`));
}

const cash = (id: AccountId, amount: number) => ({
  accountId: id,
  amount,
  method: 'cash' as const,
  receivedDate: TEST_TODAY,
});

describeWithPg('records created after joining', () => {
  it('takes an account, its claim and charges from the desktop that imported them, and sends back what is done on it', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000, 8_000]);
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect(await b.sync.pull()).toBeGreaterThan(0);

    const onB = recordsState(b.ctx);
    expect(onB).toEqual(recordsState(a.ctx));
    expect(onB.accounts.filter((x) => !x.startsWith('base:'))).toEqual([
      expect.stringMatching(/^[0-9a-f-]+:\d+ 100234 Rivera, Ana$/),
    ]);
    expect(onB.claims).toHaveLength(1);
    expect(onB.lines).toHaveLength(2);
    expect(onB.addresses).toHaveLength(1);
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    const balance = (ctx: Ctx) =>
      moneyState(ctx).balances.find((x) => x.account.endsWith(`:${accountId(ctx, '100234')}`));
    expect(balance(a.ctx)).toMatchObject({ balance: 20_000, ledgerSum: 20_000 });
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expectMoneyRight(b.ctx);

    // B works the new account: a note and a payment reach A
    const there = accountId(b.ctx, '100234');
    call(b.ctx, 'addActivity', { accountId: there, kind: 'note', text: 'B: patient will pay.' });
    call(b.ctx, 'takePayment', cash(there, 5_000));
    expect((await b.sync.sync()).push.refused).toBe(0);
    await a.sync.pull();
    expect(syncedState(a.ctx)).toEqual(syncedState(b.ctx));
    expect(moneyState(a.ctx)).toEqual(moneyState(b.ctx));
    expect(
      moneyState(a.ctx).balances.find((x) => x.account.endsWith(`:${accountId(a.ctx, '100234')}`)),
    ).toMatchObject({ balance: 15_000, ledgerSum: 15_000 });
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    }
    expect(await serverCount(server, `SELECT count(*) AS n FROM claim_lines`)).toBe(2);
  });

  it('refuses the second desktop to create one account number, withdraws its rows and lists them, nothing doubled', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000, 8_000]);
    // B, offline, imports its own claim under the same number and works the account
    importClaim(b, '100234', [30_000], 'other.837');
    const mine = accountId(b.ctx, '100234');
    call(b.ctx, 'addActivity', { accountId: mine, kind: 'note', text: 'B: mailed a statement.' });
    // paid past what is owed: B's upkeep opens its own credit follow-up, never sent
    call(b.ctx, 'takePayment', cash(mine, 35_000));
    expect(all(b.ctx.db, `SELECT 1 FROM follow_ups WHERE kind = 'credit_balance'`)).toHaveLength(1);
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    const synced = await b.sync.sync();
    expect(synced.push).toEqual({ accepted: 0, refused: 4 });

    expect(
      all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`).map(
        (r) => r.reason,
      ),
    ).toEqual([
      'Account 100234 was already created at another desktop; this desktop’s copy and what was done on it here were withdrawn and are listed here; redo them on the office’s.',
      'Not sent: it belongs to an action with money or new records that was not synced.',
      'Not sent: it is about an account, claim or person the office refused.',
      'Not sent: it is about an account, claim or person the office refused.',
    ]);
    // what B's representative did is kept in the list: the import's rows and the note
    const [imported, , note] = notSyncedActions(b.ctx.db);
    expect(new Set(imported?.changes.map((c) => c.tbl))).toEqual(
      new Set([
        'people',
        'addresses',
        'accounts',
        'coverages',
        'claims',
        'claim_lines',
        'ledger_entries',
        'activities',
      ]),
    );
    expect(note?.changes.map((c) => c.tbl)).toEqual(['activities']);
    // as the list shows it: each record once, the account gone from this desktop
    const [shown] = call(b.ctx, 'listNotSynced', {}).actions;
    expect(shown).toMatchObject({ accountId: null, accountNumber: null });
    expect(shown?.lines).toEqual([
      'New person Rivera, Ana.',
      'New account 100234.',
      'New claim 100234 for $300.00.',
      'Claim 100234 (837I, 1 line, $300.00) imported from claim file other.837, billed to Acme Health Plan on 03/16/2026.',
    ]);

    // B now has the office's account only, with A's charges, and nothing of its own
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(localIdOf(b.ctx.db, 'accounts', `${officeId(a)}:${accountId(a.ctx, '100234')}`)).toBe(
      accountId(b.ctx, '100234'),
    );
    expect(all(b.ctx.db, `SELECT 1 FROM ledger_entries WHERE amount = 30000`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT 1 FROM activities WHERE body LIKE 'B: mailed%'`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT 1 FROM receipts`)).toEqual([]);
    expect(all(b.ctx.db, `SELECT 1 FROM follow_ups WHERE kind = 'credit_balance'`)).toEqual([]);
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
    expect(await serverCount(server, `SELECT count(*) AS n FROM accounts`)).toBe(1);
    expect(await serverCount(server, `SELECT sum(amount) AS n FROM ledger_entries`)).toBe(20_000);
    await a.sync.pull();
    expect(all(a.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
  });

  it('refuses a claim number another desktop created first on an account both have, and withdraws its charges', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withRiveraAccount);
    const base = accountId(b.ctx, '200500');
    importClaim(a, '200500', [10_000]);
    importClaim(b, '200500', [40_000], 'other.837');
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 2 });

    const [reason] = all<{ reason: string }>(
      b.ctx.db,
      `SELECT reason FROM not_synced ORDER BY seq`,
    );
    expect(reason?.reason).toBe(
      'Claim 200500 was already created at another desktop; this desktop’s copy and what was done on it here were withdrawn and are listed here; redo them on the office’s.',
    );
    // the account both started with stays, with the office's claim and charges only
    expect(accountId(b.ctx, '200500')).toBe(base);
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]).toMatchObject({
      accountId: base,
      accountNumber: '200500',
    });
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(moneyState(b.ctx).balances.find((x) => x.account === `base:${base}`)).toEqual({
      account: `base:${base}`,
      balance: 10_000,
      ledgerSum: 10_000,
    });
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expectMoneyRight(b.ctx);
    expect(await serverCount(server, `SELECT count(*) AS n FROM claims`)).toBe(1);
  });

  it("takes a spreadsheet's accounts and opening balances, and refuses a number imported at both", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withSupervisors);
    importSheet(a, ['S-1', 'S-2']);
    // B, offline, imports S-2 (with S-3) from its own copy of the spreadsheet
    importSheet(b, ['S-2', 'S-3']);
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push.refused).toBeGreaterThan(0);
    await a.sync.pull();

    const numbers = (ctx: Ctx) =>
      all<{ n: string }>(ctx.db, `SELECT account_number AS n FROM accounts ORDER BY 1`).map(
        (r) => r.n,
      );
    const [reason] = all<{ reason: string }>(
      b.ctx.db,
      `SELECT reason FROM not_synced ORDER BY seq`,
    );
    expect(reason?.reason).toMatch(/^Account S-2 was already created at another desktop; /);
    // the whole import was one action: S-3 went with it, and is listed to import again
    expect(numbers(b.ctx).filter((n) => n.startsWith('S-'))).toEqual(['S-1', 'S-2']);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expect(moneyState(a.ctx).balances.filter((x) => !x.account.startsWith('base:'))).toEqual([
      expect.objectContaining({ balance: 131_450, ledgerSum: 131_450 }),
      expect.objectContaining({ balance: 131_450, ledgerSum: 131_450 }),
    ]);
    expectMoneyRight(a.ctx);
    expectMoneyRight(b.ctx);
    expect(await serverCount(server, `SELECT count(*) AS n FROM accounts`)).toBe(2);
  });

  it('takes a payer a claim file named with its claim, and refuses the same new payer added at both', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    const lakeside = { payer: { name: 'Lakeside Mutual', payerId: 'LAKE01' } };
    importClaim(a, '300100', [9_000], 'a.837', lakeside);
    importClaim(b, '300200', [7_000], 'b.837', lakeside);
    expect((await a.sync.sync()).push.refused).toBe(0);
    expect((await b.sync.sync()).push.refused).toBe(2);
    await a.sync.pull();

    const [reason] = all<{ reason: string }>(
      b.ctx.db,
      `SELECT reason FROM not_synced ORDER BY seq`,
    );
    expect(reason?.reason).toMatch(
      /^Payer Lakeside Mutual \(LAKE01\) was already added at another desktop; /,
    );
    const payerOfClaim = (ctx: Ctx) =>
      all<{ code: string }>(
        ctx.db,
        `SELECT p.payer_code AS code FROM claims c JOIN payers p ON p.id = c.payer_id
           WHERE c.claim_number LIKE '3001%' OR c.claim_number LIKE '3002%'`,
      );
    expect(payerOfClaim(b.ctx)).toEqual([{ code: 'LAKE01' }]);
    expect(all(b.ctx.db, `SELECT 1 FROM payers WHERE payer_code = 'LAKE01'`)).toHaveLength(1);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expectMoneyRight(b.ctx);
    // with the office's payer here, B's file now imports and is sent
    importClaim(b, '300200', [7_000], 'b.837', lakeside);
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await a.sync.pull();
    expect(payerOfClaim(a.ctx)).toEqual([{ code: 'LAKE01' }, { code: 'LAKE01' }]);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
  });

  it('holds the office account while its number is taken here, and places it once the refusal frees it', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000, 8_000]);
    importClaim(b, '100234', [30_000], 'other.837');
    await a.sync.sync();
    // B reads A's account before it sends its own: the account and all that names it wait
    await b.sync.pull();
    const held = all<{ tbl: string }>(b.ctx.db, `SELECT DISTINCT tbl FROM sync_held ORDER BY tbl`);
    expect(held.map((h) => h.tbl)).toEqual(
      expect.arrayContaining(['accounts', 'claims', 'claim_lines', 'ledger_entries']),
    );
    expect(all(b.ctx.db, `SELECT 1 FROM accounts WHERE account_number = '100234'`)).toHaveLength(1);
    expect(all(b.ctx.db, `SELECT 1 FROM ledger_entries WHERE amount = 12000`)).toEqual([]);
    expectMoneyRight(b.ctx);

    expect((await b.sync.sync()).push.refused).toBe(2);
    expect(all(b.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(syncedState(b.ctx)).toEqual(syncedState(a.ctx));
    expectMoneyRight(b.ctx);
  });

  it('keeps a refused account that other work here names, sends nothing that names it, doubles nothing', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000, 8_000]);
    importClaim(b, '100234', [30_000], 'other.837');
    const mine = accountId(b.ctx, '100234');
    // a cease-contact letter is recorded on it, which stays on its desk: withdrawing the
    // account would lose it
    call(b.ctx, 'recordContactRestriction', {
      accountId: mine,
      kind: 'cease_contact',
      effectiveDate: '2026-03-12',
      note: 'Letter asking us to stop calling',
    });
    await a.sync.sync();
    expect((await b.sync.sync()).push.refused).toBe(3);

    const [reason] = all<{ reason: string }>(
      b.ctx.db,
      `SELECT reason FROM not_synced ORDER BY seq`,
    );
    expect(reason?.reason).toMatch(
      /^Account 100234 was already created at another desktop; .* it stays on this desktop only and is not sent\.$/,
    );
    // B keeps its own account and its money; the office's waits, never a second 100234
    expect(accountId(b.ctx, '100234')).toBe(mine);
    expect(all(b.ctx.db, `SELECT 1 FROM ledger_entries WHERE amount = 30000`)).toHaveLength(1);
    expect(all(b.ctx.db, `SELECT DISTINCT tbl FROM sync_held WHERE tbl = 'accounts'`)).toHaveLength(
      1,
    );
    expectMoneyRight(b.ctx);
    // later work on the kept account stays here too
    call(b.ctx, 'addActivity', { accountId: mine, kind: 'note', text: 'B: kept account note.' });
    expect(all(b.ctx.db, `SELECT * FROM outbox`)).toEqual([]);
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 0 });
    expect(await serverCount(server, `SELECT count(*) AS n FROM accounts`)).toBe(1);
    expect(
      await serverCount(server, `SELECT count(*) AS n FROM activities WHERE body LIKE 'B:%'`),
    ).toBe(0);
  });

  it('applies an entry sent twice once', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000, 8_000]);
    const entry = firstOutboxEntry(a.ctx.db);
    if (!entry) expect.fail('no entry');
    const pool = openPool(server);
    try {
      const { desktopId } = oneOrThrow<{ desktopId: string }>(
        a.ctx.db,
        `SELECT desktop_id AS desktopId FROM office_link`,
      );
      const sent = { seq: entry.seq, changes: entry.changes };
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
      const logged = await serverCount(server, `SELECT count(*) AS n FROM change_log`);
      expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
      expect(await serverCount(server, `SELECT count(*) AS n FROM change_log`)).toBe(logged);
    } finally {
      await pool.end();
    }
    // the desktop, which never heard the answer, sends it again
    expect((await a.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await b.sync.pull();
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(moneyState(b.ctx)).toEqual(moneyState(a.ctx));
    expect(await serverCount(server, `SELECT count(*) AS n FROM accounts`)).toBe(1);
    expect(await serverCount(server, `SELECT count(*) AS n FROM ledger_entries`)).toBe(2);
    expectMoneyRight(b.ctx);
  });

  it('refuses to change or remove a record on the server', async () => {
    const server = await createServerDatabase();
    const { a } = await twoDesktops(server, 1, withAcme);
    importClaim(a, '100234', [12_000], 'a.837', {
      payer: { name: 'Lakeside Mutual', payerId: 'LAKE01' },
    });
    await a.sync.sync();
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      const tables = ['payers', 'people', 'addresses', 'accounts', 'coverages', 'claims'];
      for (const t of [...tables, 'claim_lines']) {
        await expect(owner.query(`UPDATE ${t} SET gid = gid`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`DELETE FROM ${t}`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`TRUNCATE ${t}`), t).rejects.toThrow(/insert-only/);
        const rights = await owner.query<{ r: string }>(
          `SELECT r FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) r
             WHERE has_table_privilege('claimdesk_desktop', $1, r)`,
          [t],
        );
        expect(rights.rows.map((x) => x.r)).toEqual(['SELECT', 'INSERT']);
      }
      expect(await serverCount(server, `SELECT count(*) AS n FROM claim_lines`)).toBe(1);
    } finally {
      await owner.end();
    }
  });
});

function officeId(d: Desktop): string {
  return oneOrThrow<{ id: string }>(d.ctx.db, `SELECT desktop_id AS id FROM office_link`).id;
}

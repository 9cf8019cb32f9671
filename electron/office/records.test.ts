import pg from 'pg';
import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { addFacility } from '../testing/facilities';
import { syncedState, twoDesktops } from '../testing/office/desktops';
import { demoBillingProvider } from '../testing/x12/generate-837';
import { gidOf } from './gids';
import { moneyState } from '../testing/office/money';
import {
  accountId,
  cash,
  expectMoneyRight,
  importClaim,
  importSheet,
  recordsState,
  serverCount,
  withAcme,
  withSupervisors,
} from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { firstOutboxEntry } from './outbox';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

const NORTH = '1234567893';
const WEST = '1111111112';
const EAST = '2222222228';

/** The billing provider of a claim file from the facility of this NPI. */
const provider = (npi: string) => ({ ...demoBillingProvider(), npi });

/** The facilities a copy holds, by office-wide id, name and NPI. */
const facilities = (ctx: Ctx) =>
  all<{ id: number; name: string; npi: string | null }>(
    ctx.db,
    `SELECT id, name, npi FROM facilities ORDER BY name`,
  )
    .map((f) => `${gidOf(ctx.db, 'facilities', f.id)} ${f.name} ${f.npi ?? '-'}`)
    .sort();

/** The facility an account is billed under, by name and NPI. */
const facilityOf = (ctx: Ctx, accountNumber: string) => {
  const f = oneOrThrow<{ name: string; npi: string }>(
    ctx.db,
    `SELECT f.name, f.npi FROM accounts a JOIN facilities f ON f.id = a.facility_id
       WHERE a.account_number = ?`,
    accountNumber,
  );
  return `${f.name} ${f.npi}`;
};

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

  it('takes a facility added after joining with the accounts billed under it, and refuses an NPI added at both', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withSupervisors);
    // each adds a facility of its own: both get the same local id, which names two places
    addFacility(b.ctx, 'West Clinic', WEST);
    addFacility(a.ctx, 'North Clinic', NORTH);
    importClaim(a, '100234', [12_000], 'a.837', { billingProvider: provider(NORTH) });
    expect(facilityOf(a.ctx, '100234')).toBe(`North Clinic ${NORTH}`);
    expect((await a.sync.sync()).push).toEqual({ accepted: 3, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    await a.sync.pull();

    expect(facilityOf(b.ctx, '100234')).toBe(`North Clinic ${NORTH}`);
    expect(facilities(b.ctx)).toEqual(facilities(a.ctx));
    // named by the desktop that added each, not `base:<id>`
    expect(
      facilities(a.ctx)
        .map((f) => f.replace(/^[0-9a-f-]{36}:\d+ /, 'new '))
        .sort(),
    ).toEqual(['base:1 Main facility -', `new North Clinic ${NORTH}`, `new West Clinic ${WEST}`]);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expect(await serverCount(server, `SELECT count(*) AS n FROM facilities`)).toBe(2);

    // both add a facility with one NPI; B, the second, also imported a claim under its own
    addFacility(a.ctx, 'East Campus', EAST);
    addFacility(b.ctx, 'East Side Clinic', EAST);
    importClaim(b, '200300', [7_000], 'b.837', { billingProvider: provider(EAST) });
    expect((await a.sync.sync()).push.refused).toBe(0);
    // the facility, then the import billed under it and the import's follow-ups
    expect((await b.sync.sync()).push.refused).toBe(3);
    const reasons = all<{ reason: string }>(b.ctx.db, `SELECT reason FROM not_synced ORDER BY seq`);
    expect(reasons.map((r) => r.reason)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Facility East Side Clinic \\(NPI ${EAST}\\) was already added at another desktop; `,
        ),
      ),
      expect.stringMatching(/^Not sent: /),
      expect.stringMatching(/^Not sent: /),
    ]);
    // withdrawn with the account billed under it; the office's facility took its place
    expect(all(b.ctx.db, `SELECT 1 FROM accounts WHERE account_number = '200300'`)).toEqual([]);
    expect(facilities(b.ctx)).toEqual(facilities(a.ctx));
    expect(facilities(b.ctx).filter((f) => f.endsWith(EAST))).toEqual([
      expect.stringMatching(/ East Campus /),
    ]);
    expect(recordsState(b.ctx)).toEqual(recordsState(a.ctx));
    expectMoneyRight(b.ctx);
    expect(await serverCount(server, `SELECT count(*) AS n FROM facilities`)).toBe(3);
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

  it('refuses to remove or rename a record on the server, and to change one that never changes', async () => {
    const server = await createServerDatabase();
    const { a } = await twoDesktops(server, 1, withSupervisors);
    addFacility(a.ctx, 'North Clinic', NORTH);
    importClaim(a, '100234', [12_000], 'a.837', {
      payer: { name: 'Lakeside Mutual', payerId: 'LAKE01' },
    });
    await a.sync.sync();
    const owner = new pg.Client(server);
    await owner.connect();
    try {
      const rights = async (t: string) =>
        (
          await owner.query<{ r: string }>(
            `SELECT r FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) r
               WHERE has_table_privilege('claimdesk_desktop', $1, r)`,
            [t],
          )
        ).rows.map((x) => x.r);
      const canUpdate = async (t: string, col: string) =>
        (
          await owner.query<{ ok: boolean }>(
            `SELECT has_column_privilege('claimdesk_desktop', $1, $2, 'UPDATE') AS ok`,
            [t, col],
          )
        ).rows[0]?.ok;
      for (const t of ['addresses']) {
        await expect(owner.query(`UPDATE ${t} SET gid = gid`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`DELETE FROM ${t}`), t).rejects.toThrow(/insert-only/);
        await expect(owner.query(`TRUNCATE ${t}`), t).rejects.toThrow(/insert-only/);
        expect(await rights(t)).toEqual(['SELECT', 'INSERT']);
      }
      // these change by version (server migrations 11, 15, 29 and 31), but are never deleted or renamed
      for (const t of [
        'facilities',
        'payers',
        'people',
        'accounts',
        'coverages',
        'claims',
        'claim_lines',
      ]) {
        await expect(owner.query(`UPDATE ${t} SET gid = gid || 'x'`), t).rejects.toThrow(
          /never deleted or renamed/,
        );
        await expect(owner.query(`DELETE FROM ${t}`), t).rejects.toThrow(/never deleted/);
        await expect(owner.query(`TRUNCATE ${t}`), t).rejects.toThrow(/insert-only/);
        // and a desk may update only what changes (server migration 17): never what names it
        expect(await rights(t)).toEqual(['SELECT', 'INSERT']);
        for (const col of ['gid', 'desktop_id', 'version']) {
          expect([t, col, await canUpdate(t, col)]).toEqual([t, col, col === 'version']);
        }
      }
      const fixed: [string, string, boolean][] = [
        ['accounts', 'status', true],
        ['accounts', 'financial_class', true],
        ['accounts', 'patient_gid', false],
        ['accounts', 'account_number', false],
        ['accounts', 'created_at', false],
        ['claims', 'status', true],
        ['claims', 'claim_number', false],
        ['claims', 'account_gid', false],
        ['coverages', 'account_gid', false],
        ['payers', 'payer_code', false],
        ['people', 'last_name', true],
        ['people', 'created_at', false],
        ['denials', 'claim_gid', false],
        ['bad_debt_moves', 'amount', false],
        ['bad_debt_moves', 'undone_at', true],
        ['agency_placements', 'account_gid', false],
        ['extraordinary_actions', 'action', false],
        ['claim_lines', 'charge', true],
        ['claim_lines', 'removed_at', true],
        ['claim_lines', 'claim_gid', false],
        ['claim_lines', 'line_number', false],
        ['agencies', 'commission_bps', true],
        ['agencies', 'active', true],
        ['agencies', 'created_by', false],
        ['facilities', 'name', true],
        ['facilities', 'npi', true],
      ];
      for (const [t, col, may] of fixed) {
        expect([t, col, await canUpdate(t, col)]).toEqual([t, col, may]);
      }
      expect(await serverCount(server, `SELECT count(*) AS n FROM claim_lines`)).toBe(1);
    } finally {
      await owner.end();
    }
  });
});

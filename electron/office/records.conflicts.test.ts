import { expect, it } from 'vitest';
import { all } from '../db/query';
import { call } from '../testing/call';
import { syncedState, twoDesktops } from '../testing/office/desktops';
import { moneyState } from '../testing/office/money';
import {
  accountId,
  cash,
  expectMoneyRight,
  importClaim,
  officeId,
  recordsState,
  serverCount,
  withAcme,
  withRiveraAccount,
} from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { localIdOf } from './gids';
import { notSyncedActions } from './not-synced';

describeWithPg('one record created at two desktops', () => {
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
    // the deposit batch the payment opened is accepted on its own
    expect(synced.push).toEqual({ accepted: 1, refused: 4 });

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
    // the claim file also fills in the patient's middle name and sex: a part of the import
    expect((await a.sync.sync()).push).toEqual({ accepted: 3, refused: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 3 });

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
});

import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import type { AccountId } from '../../shared/ids';
import { all } from '../db/query';
import { call, expectRefused, expectRefusedAsync } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { supervisorsOwing } from '../testing/office/money';
import { serverRows } from '../testing/office/office-copy';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { contactRestrictions } from '../contact/restrictions';
import { requireOfficeLink } from './gids';
import { notSyncedActions } from './not-synced';
import { firstOutboxEntry } from './outbox';
import { applyEntry } from './server/apply';
import { openPool } from './server/connection';

const candidates = (d: Desktop) =>
  call(d.ctx, 'listStatementCandidates', {}).accounts.flatMap((a) => a.accountIds);

const holdsOf = (d: Desktop, accountId: AccountId) =>
  call(d.ctx, 'getAccountDunning', { accountId }).holds.map((h) => h.hold);

const openHoldsOf = (d: Desktop, accountId: AccountId) =>
  call(d.ctx, 'getAccountDunning', { accountId }).openHolds.map((h) => h.kind);

/** An outbound call to the guarantor, its warnings (calling hours, say) confirmed. */
const callGuarantor = (accountId: AccountId) => ({
  accountId,
  kind: 'call' as const,
  direction: 'outbound' as const,
  party: 'guarantor' as const,
  outcome: 'no_answer' as const,
  text: 'Called about the balance.',
  confirmContactWarnings: true,
});

function ceaseContact(d: Desktop, accountId: AccountId): void {
  call(d.ctx, 'recordContactRestriction', {
    accountId,
    kind: 'cease_contact',
    effectiveDate: '2026-03-12',
    note: 'Letter asking us to stop calling',
  });
}

const restrictionOf = (d: Desktop, accountId: AccountId) =>
  call(d.ctx, 'getContactRules', { accountId }).restrictions[0]?.id ?? 0;

async function withDeskLogin<T>(d: Desktop, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(d.config);
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

describeWithPg('contact rules and statement holds across the office', () => {
  it('a cease-contact recorded at A stops B’s statements and calls; lifted at B, A may again', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    expect(candidates(b)).toEqual([account]);
    call(b.ctx, 'addActivity', callGuarantor(account));

    ceaseContact(a, account);
    await syncAll(a, b);

    // B no longer sends it statements, and refuses a call to the guarantor
    expect(candidates(b)).toEqual([]);
    expect(holdsOf(b, account)).toEqual(['contact_restricted']);
    expectRefused(
      b.ctx,
      'addActivity',
      callGuarantor(account),
      /No call to the guarantor may be logged: Request to stop contact on 03\/12\/2026/,
    );
    // nor does it print one asked for at the account
    await expectRefusedAsync(
      b.ctx,
      'generateStatement',
      { accountId: account },
      /No statement was made\. Account \w+: contact is restricted: request to stop contact on 03\/12\/2026/,
    );
    expect(contactRestrictions(b.ctx.db, account).map((r) => r.kind)).toEqual(['cease_contact']);
    expect(
      await serverRows(
        server,
        `SELECT kind, note, lifted_at AS lifted, version FROM contact_restrictions`,
      ),
    ).toEqual([
      { kind: 'cease_contact', note: 'Letter asking us to stop calling', lifted: null, version: 1 },
    ]);

    // lifted at B, which holds it only as taken from A: A may bill and call again
    call(b.ctx, 'liftContactRestriction', {
      restrictionId: restrictionOf(b, account),
      reason: 'Guarantor asked in writing to be called again',
    });
    await syncAll(b, a);
    expect(contactRestrictions(a.ctx.db, account)).toEqual([]);
    expect(candidates(a)).toEqual([account]);
    expect(holdsOf(a, account)).toEqual([]);
    call(a.ctx, 'addActivity', callGuarantor(account));
    expect(
      call(a.ctx, 'getContactRules', { accountId: account }).restrictions[0]?.lifted,
    ).toMatchObject({ reason: 'Guarantor asked in writing to be called again' });
    expect(
      await serverRows(server, `SELECT lift_reason AS reason, version FROM contact_restrictions`),
    ).toEqual([{ reason: 'Guarantor asked in writing to be called again', version: 2 }]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it("a dispute hold opened at A holds B's statements; released and closed at B, A's too", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    call(a.ctx, 'setCollectionHold', {
      accountId: account,
      kind: 'dispute',
      open: true,
      note: 'says insurance should pay',
    });
    await syncAll(a, b);
    expect(candidates(b)).toEqual([]);
    expect(holdsOf(b, account)).toEqual(['dispute']);
    expect(openHoldsOf(b, account)).toEqual(['dispute']);
    await expectRefusedAsync(
      b.ctx,
      'generateStatement',
      { accountId: account },
      /No statement was made\. Account \w+: the balance is disputed/,
    );

    // a supervisor at B lets the next statement go out: released at A too
    call(b.ctx, 'releaseStatementHold', {
      accountId: account,
      hold: 'dispute',
      reason: 'EOB reviewed with the patient; the share stands',
    });
    await syncAll(b, a);
    expect(holdsOf(a, account)).toEqual([]);
    expect(candidates(a)).toEqual([account]);
    expect(call(a.ctx, 'getAccountDunning', { accountId: account }).releases).toMatchObject([
      { hold: 'dispute', reason: 'EOB reviewed with the patient; the share stands' },
    ]);

    // closed at B: no hold stands at A
    call(b.ctx, 'setCollectionHold', { accountId: account, kind: 'dispute', open: false });
    await syncAll(b, a);
    expect(openHoldsOf(a, account)).toEqual([]);
    expect(
      await serverRows(
        server,
        `SELECT kind, closed_at IS NOT NULL AS closed, version FROM collection_holds`,
      ),
    ).toEqual([{ kind: 'dispute', closed: true, version: 2 }]);
    expect(await serverRows(server, `SELECT hold FROM statement_hold_releases`)).toEqual([
      { hold: 'dispute' },
    ]);

    // a financial-assistance application at A holds B's statements as well
    call(a.ctx, 'receiveAssistanceApplication', { accountId: account, receivedOn: '2026-03-16' });
    await syncAll(a, b);
    expect(openHoldsOf(b, account)).toEqual(['assistance']);
    expect(candidates(b)).toEqual([]);
    for (const d of [a, b]) expect(notSyncedActions(d.ctx.db)).toEqual([]);
  });

  it('of two desks lifting one restriction at once, the second is refused and takes the office’s', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    ceaseContact(a, account);
    await syncAll(a, b);
    call(a.ctx, 'liftContactRestriction', {
      restrictionId: restrictionOf(a, account),
      reason: 'Spoke with the guarantor',
    });
    call(b.ctx, 'liftContactRestriction', {
      restrictionId: restrictionOf(b, account),
      reason: 'Letter withdrawn',
    });
    await a.sync.sync();
    // B's history lines went; its lifting did not
    expect((await b.sync.sync()).push).toEqual({ accepted: 1, refused: 1 });
    await syncAll(a, b);

    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "Someone changed this account's contact restriction first at another desktop; this desktop took the office's record of it.",
    ]);
    expect(call(b.ctx, 'listNotSynced', {}).actions[0]?.lines).toEqual([
      'Request to stop contact on 03/12/2026 lifted: Letter withdrawn',
    ]);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT lift_reason AS reason FROM contact_restrictions`)).toEqual([
        { reason: 'Spoke with the guarantor' },
      ]);
    }
    expect(await serverRows(server, `SELECT version FROM contact_restrictions`)).toEqual([
      { version: 2 },
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it('of two desks holding one account for a dispute at once, the second is refused with its hold', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    for (const d of [a, b]) {
      call(d.ctx, 'setCollectionHold', { accountId: account, kind: 'dispute', open: true });
    }
    await a.sync.sync();
    expect((await b.sync.sync()).push).toEqual({ accepted: 0, refused: 1 });
    await syncAll(a, b);

    expect(notSyncedActions(b.ctx.db).map((n) => n.reason)).toEqual([
      "This account's statements were already held at another desktop (balance disputed); this hold was withdrawn here and is listed; the office’s comes with the next sync.",
    ]);
    // held once, at every desk: A's hold, which B closes for both
    for (const d of [a, b]) expect(openHoldsOf(d, account)).toEqual(['dispute']);
    call(b.ctx, 'setCollectionHold', { accountId: account, kind: 'dispute', open: false });
    await syncAll(b, a);
    for (const d of [a, b]) expect(openHoldsOf(d, account)).toEqual([]);
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM collection_holds`)).toEqual([
      { n: 1 },
    ]);
  });

  it('applies an entry sent twice once', async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    ceaseContact(a, account);
    const entry = firstOutboxEntry(a.ctx.db);
    if (!entry) expect.fail('no entry');
    const pool = openPool(server);
    onTestFinished(() => pool.end());
    const sent = { seq: entry.seq, changes: entry.changes };
    const { desktopId } = requireOfficeLink(a.ctx.db);
    expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
    const logged = await serverRows(server, `SELECT count(*)::int AS n FROM change_log`);
    expect(await applyEntry(pool, desktopId, sent)).toEqual({ outcome: 'accepted' });
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM change_log`)).toEqual(logged);
    // the desktop, which never heard the answer, sends it again
    expect((await a.sync.sync()).push).toEqual({ accepted: 1, refused: 0 });
    await syncAll(a, b);
    expect(await serverRows(server, `SELECT count(*)::int AS n FROM contact_restrictions`)).toEqual(
      [{ n: 1 }],
    );
    expect(all(b.ctx.db, `SELECT kind FROM contact_restrictions`)).toEqual([
      { kind: 'cease_contact' },
    ]);
  });

  it("refuses a desk's login deleting, emptying or renaming them, or putting one back in force", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, supervisorsOwing);
    const [account] = accountIds as [AccountId];
    call(a.ctx, 'setCollectionHold', { accountId: account, kind: 'dispute', open: true });
    call(a.ctx, 'releaseStatementHold', {
      accountId: account,
      hold: 'dispute',
      reason: 'Reviewed',
    });
    ceaseContact(a, account);
    call(a.ctx, 'liftContactRestriction', {
      restrictionId: restrictionOf(a, account),
      reason: 'Spoke with the guarantor',
    });
    await syncAll(a, b);
    const tables = ['contact_restrictions', 'collection_holds', 'statement_hold_releases'];
    await withDeskLogin(b, async (c) => {
      for (const t of tables) {
        await expect(c.query(`DELETE FROM ${t}`), t).rejects.toThrow();
        await expect(c.query(`TRUNCATE ${t}`), t).rejects.toThrow();
      }
      // what names a rule, a hold or a release is not the desk's to change
      await expect(
        c.query(`UPDATE contact_restrictions SET kind = 'attorney', version = version + 1`),
      ).rejects.toThrow(/permission denied/);
      await expect(
        c.query(`UPDATE contact_restrictions SET person_gid = 'base:999', version = version + 1`),
      ).rejects.toThrow(/permission denied/);
      await expect(
        c.query(`UPDATE collection_holds SET account_gid = 'base:999', version = version + 1`),
      ).rejects.toThrow(/permission denied/);
      await expect(c.query(`UPDATE statement_hold_releases SET reason = 'x'`)).rejects.toThrow(
        /permission denied/,
      );
      // nor may it put a lifted restriction back in force
      await expect(
        c.query(
          `UPDATE contact_restrictions
              SET lifted_at = NULL, lifted_by = NULL, lift_reason = NULL, version = version + 1`,
        ),
      ).rejects.toThrow(/ended already/);
    });
    expect(
      await serverRows(
        server,
        `SELECT kind, lift_reason AS reason, version FROM contact_restrictions`,
      ),
    ).toEqual([{ kind: 'cease_contact', reason: 'Spoke with the guarantor', version: 2 }]);
    expect(
      await serverRows(server, `SELECT count(*)::int AS n FROM statement_hold_releases`),
    ).toEqual([{ n: 1 }]);
  });
});

import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { claimFileText, serviceLine, testClaim } from '../testing/claims';
import { replaceRep1 } from '../testing/office/claim-changes';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { serverRows } from '../testing/office/office-copy';
import { expectMoneyRight, importClaim, withAcme } from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { describeRow } from './describe';
import { notSyncedActions } from './not-synced';

/** A claim's lines as an appeal letter or statement reads them. */
const linesOf = (ctx: Ctx, claimNumber: string) =>
  all<{ line: number; code: string | null; charge: number; removed: number }>(
    ctx.db,
    `SELECT l.line_number AS line, l.procedure_code AS code, l.charge,
            l.removed_at IS NOT NULL AS removed
       FROM claim_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.claim_number = ? ORDER BY l.line_number`,
    claimNumber,
  );

/** What the ledger has charged on the claim's account. */
const chargedOn = (ctx: Ctx, accountNumber: string) =>
  oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT sum(l.amount) AS n FROM ledger_entries l JOIN accounts a ON a.id = l.account_id
      WHERE a.account_number = ? AND l.kind = 'charge'`,
    accountNumber,
  ).n;

/** REP-1 sent again as a replacement: line 1 up, line 2 down, line 3 gone, line 4 new. */
const replace = (d: Desktop, file = 'corrected.837') =>
  replaceRep1(
    d,
    [
      serviceLine(1, 12_000),
      serviceLine(2, 1_500),
      serviceLine(4, 700, {
        revenueCode: '0636',
        procedure: { qualifier: 'HC', code: 'J1885', modifiers: [] },
      }),
    ],
    file,
  );

const REPLACED = [
  { line: 1, code: '99284', charge: 12_000, removed: 0 },
  { line: 2, code: '99284', charge: 1_500, removed: 0 },
  { line: 3, code: '99284', charge: 0, removed: 1 },
  { line: 4, code: 'J1885', charge: 700, removed: 0 },
];

describeWithPg("a claim's lines across the office", () => {
  it('a replacement claim imported at one desk leaves the same lines at the other', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
    await syncAll(a, b);

    replace(a);
    await syncAll(a, b);

    expect(linesOf(a.ctx, 'REP-1')).toEqual(REPLACED);
    expect(linesOf(b.ctx, 'REP-1')).toEqual(REPLACED);
    expectMoneyRight(b.ctx);
    expect(
      await serverRows(
        server,
        `SELECT line_number AS line, charge::int AS charge, removed_at IS NOT NULL AS removed, version
           FROM claim_lines ORDER BY line_number`,
      ),
    ).toEqual([
      { line: 1, charge: 12_000, removed: false, version: 2 },
      { line: 2, charge: 1_500, removed: false, version: 2 },
      { line: 3, charge: 0, removed: true, version: 2 },
      { line: 4, charge: 700, removed: false, version: 1 },
    ]);
    expect(notSyncedActions(a.ctx.db)).toEqual([]);
  });

  it("a first copy's claim replaced at one desk reaches the other, its lines at version 2", async () => {
    const server = await createServerDatabase();
    // the first copy's claim, imported before the office was made (beside its one account)
    const { a, b } = await twoDesktops(server, 1, (ctx) => {
      withAcme(ctx);
      const report = call(ctx, 'importFile', {
        fileName: 'REP-1.837',
        text: claimFileText([testClaim('REP-1', [10_000, 2_500, 4_000])]),
      });
      expect(report.status).toBe('posted');
    });

    replace(b);
    await syncAll(b, a);

    expect(linesOf(a.ctx, 'REP-1')).toEqual(REPLACED);
    expectMoneyRight(a.ctx);
    expect(
      await serverRows(server, `SELECT gid, version FROM claim_lines ORDER BY line_number`),
    ).toEqual([
      { gid: expect.stringMatching(/^base:\d+$/), version: 2 },
      { gid: expect.stringMatching(/^base:\d+$/), version: 2 },
      { gid: expect.stringMatching(/^base:\d+$/), version: 2 },
      { gid: expect.stringMatching(/^[0-9a-f-]{36}:\d+$/), version: 1 },
    ]);
  });

  it('of two desks replacing one claim at once, the second is refused whole and lists its lines', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
    await syncAll(a, b);

    replace(a);
    replace(b, 'corrected-again.837');
    await syncAll(a, b);
    await syncAll(a, b);

    expect(linesOf(b.ctx, 'REP-1')).toEqual(REPLACED);
    // B's charges moved by its replacement went back with it: the claim is charged once
    expectMoneyRight(b.ctx);
    expect(chargedOn(b.ctx, 'REP-1')).toBe(14_200);
    expect(chargedOn(a.ctx, 'REP-1')).toBe(14_200);
    const described = notSyncedActions(b.ctx.db).flatMap((x) => x.changes.map(describeRow));
    expect(described).toEqual(
      expect.arrayContaining([
        'Claim line 1 set to 99284 for $120.00.',
        'Claim line 3 removed by a replacement claim.',
      ]),
    );
  });
});

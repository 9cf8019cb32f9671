import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { all } from '../db/query';
import { call } from '../testing/call';
import { claimFileText, resent, serviceLine, testClaim } from '../testing/claims';
import { replaceRep1 } from '../testing/office/claim-changes';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import {
  claimStatusFile,
  expectMoneyRight,
  importClaim,
  withAcme,
} from '../testing/office/records';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { notSyncedActions } from './not-synced';

/** Each line of the claim: its charge, and what the ledger has charged on it. */
const perLine = (ctx: Ctx, claimNumber: string) =>
  all<{ line: number; charge: number; ledger: number }>(
    ctx.db,
    `SELECT l.line_number AS line, l.charge,
            (SELECT ifnull(sum(e.amount), 0) FROM ledger_entries e
              WHERE e.claim_line_id = l.id AND e.kind = 'charge') AS ledger
       FROM claim_lines l JOIN claims c ON c.id = l.claim_id
      WHERE c.claim_number = ? ORDER BY l.line_number`,
    claimNumber,
  );

/** REP-1 sent again as a replacement changing only its lines' charges (no line added). */
const replaceCharges = (d: Desktop, charges: number[], file: string) =>
  replaceRep1(
    d,
    charges.map((c, i) => serviceLine(i + 1, c)),
    file,
  );

/** REP-1 replaced with a new line 4 added. */
const replaceAdding = (d: Desktop, file: string) =>
  replaceRep1(
    d,
    [serviceLine(1, 12_000), serviceLine(2, 1_500), serviceLine(3, 4_000), serviceLine(4, 700)],
    file,
  );

/** Each line's charge is what the ledger has charged on it. */
const expectLinesAgreeWithLedger = (ctx: Ctx) => {
  const lines = perLine(ctx, 'REP-1');
  expect(lines.map((l) => ({ line: l.line, charge: l.ledger }))).toEqual(
    lines.map((l) => ({ line: l.line, charge: l.charge })),
  );
};

describeWithPg("a claim's lines when desks clash over it", () => {
  it("a replacement refused because another desk changed the claim's status first leaves no charges behind", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
    await syncAll(a, b);

    // B takes the payer's acknowledgment of the claim while A imports a replacement
    const ack = call(b.ctx, 'importFile', {
      fileName: 'ack.277',
      text: claimStatusFile('REP-1', false, 1),
    });
    expect(ack.status).toBe('posted');
    replaceAdding(a, 'corrected.837');
    await syncAll(b, a);
    await syncAll(b, a);

    for (const d of [a, b]) {
      expectMoneyRight(d.ctx);
      expectLinesAgreeWithLedger(d.ctx);
      // the claim as the office has it: A's replacement went back whole
      expect(perLine(d.ctx, 'REP-1').map((l) => l.charge)).toEqual([10_000, 2_500, 4_000]);
    }
    // and is listed at A, with what went with it, for a person to import again
    expect(notSyncedActions(a.ctx.db).map((x) => x.reason)).toEqual([
      expect.stringMatching(/^Someone changed claim REP-1 first at another desktop/),
      'Not sent: it belongs to an action with money or new records that was not synced.',
    ]);
  });

  it('a void at one desk refused because another desk replaced the claim first leaves no reversals behind', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
    await syncAll(a, b);

    replaceCharges(a, [12_000, 1_500, 4_000], 'corrected.837');
    const voided = call(b.ctx, 'importFile', {
      fileName: 'void.837',
      text: claimFileText([resent(testClaim('REP-1', [10_000, 2_500, 4_000]), '8')]),
    });
    expect(voided.status).toBe('posted');
    await syncAll(a, b);
    await syncAll(a, b);

    for (const d of [a, b]) {
      expectMoneyRight(d.ctx);
      expectLinesAgreeWithLedger(d.ctx);
    }
  });

  it('a line removed by one replacement and brought back by a later one at another desk', async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
    await syncAll(a, b);

    replaceCharges(a, [10_000, 2_500], 'shorter.837');
    await syncAll(a, b);
    replaceCharges(b, [10_000, 2_500, 3_000], 'longer.837');
    await syncAll(b, a);

    for (const d of [a, b]) {
      expectMoneyRight(d.ctx);
      expectLinesAgreeWithLedger(d.ctx);
      expect(perLine(d.ctx, 'REP-1').map((l) => l.charge)).toEqual([10_000, 2_500, 3_000]);
    }
  });
});

describeWithPg('one claim replaced at two desks at once, differently', () => {
  for (const firstCopy of [false, true]) {
    it(`${firstCopy ? "the first copy's claim" : 'a claim a desk imported'}: both desks hold the office's lines, charged as the ledger has them`, async () => {
      const server = await createServerDatabase();
      const { a, b } = await twoDesktops(server, firstCopy ? 1 : 0, (ctx) => {
        withAcme(ctx);
        if (!firstCopy) return;
        const report = call(ctx, 'importFile', {
          fileName: 'REP-1.837',
          text: claimFileText([testClaim('REP-1', [10_000, 2_500, 4_000])]),
        });
        expect(report.status).toBe('posted');
      });
      if (!firstCopy) {
        importClaim(a, 'REP-1', [10_000, 2_500, 4_000]);
        await syncAll(a, b);
      }

      replaceCharges(a, [12_000, 1_500, 4_000], 'corrected.837');
      replaceCharges(b, [11_000, 2_500, 3_000], 'corrected-again.837');
      await syncAll(a, b);
      await syncAll(a, b);

      // A's replacement reached the office first: B's is refused, its charges with it
      for (const d of [a, b]) {
        expect(perLine(d.ctx, 'REP-1').map((l) => l.charge)).toEqual([12_000, 1_500, 4_000]);
      }
      for (const d of [a, b]) {
        expectMoneyRight(d.ctx);
        expectLinesAgreeWithLedger(d.ctx);
      }
    });
  }
});

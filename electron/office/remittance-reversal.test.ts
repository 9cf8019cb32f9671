import { expect, it } from 'vitest';
import type { AccountId } from '../../shared/ids';
import type { Ctx } from '../core/context';
import { all, oneOrThrow } from '../db/query';
import type { Claim } from '../importers/x12/remittance-types';
import { addBilledClaim, addCoverage, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { syncAll, twoDesktops, type Desktop } from '../testing/office/desktops';
import { expectLedgersAgree } from '../testing/office/money';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';
import { claimNumberOf } from '../testing/office/records';
import { remitClaim, remittanceFile } from '../testing/remittance';

/** The account owes its payer $500.00 on one billed claim. */
function billed(ctx: Ctx, accountId: AccountId): void {
  const payerId = addPayer(ctx, { name: 'Acme Health' });
  addCoverage(ctx, accountId, payerId, 1);
  addBilledClaim(ctx, accountId, payerId, [30_000, 20_000]);
}

/** What the payer pays on the claim, and the status-22 claim that takes it back. */
function payAndTakeBack(ctx: Ctx, accountId: AccountId): { paid: Claim; reversal: Claim } {
  const number = claimNumberOf(ctx, accountId);
  const paid = remitClaim({
    patientControlNumber: number,
    charge: 50_000,
    paid: 42_000,
    adjustments: [{ group: 'CO', reason: '45', amount: 8_000 }],
  });
  const reversal: Claim = {
    ...paid,
    statusCode: '22',
    chargeAmount: -paid.chargeAmount,
    paidAmount: -paid.paidAmount,
    adjustments: paid.adjustments.map((x) => ({ ...x, amount: -x.amount })),
  } as Claim;
  return { paid, reversal };
}

/** The payer's codes on each desk's claim, the reversal's negated, by the receipt they name. */
function codes(d: Desktop) {
  return all(
    d.ctx.db,
    `SELECT c.group_code || '-' || c.reason_code AS code, c.amount,
         r.reverses_id IS NOT NULL AS reversal
       FROM claim_adjustments c JOIN receipts r ON r.id = c.receipt_id
       ORDER BY c.amount DESC`,
  );
}

function history(d: Desktop): string[] {
  return all<{ text: string }>(
    d.ctx.db,
    `SELECT body AS text FROM activities WHERE body LIKE 'Payment of % reversed: %' ORDER BY id`,
  ).map((a) => a.text);
}

function exceptions(d: Desktop): string[] {
  return all<{ reason: string }>(d.ctx.db, `SELECT reason FROM remittance_exceptions`).map(
    (e) => e.reason,
  );
}

/** Two desks; the payer's first file posted at A, and its payment pulled by B. */
async function paidAtA() {
  const server = await createServerDatabase();
  const { a, b, accountIds } = await twoDesktops(server, 1, billed);
  const { paid, reversal } = payAndTakeBack(a.ctx, accountIds[0] as AccountId);
  call(a.ctx, 'importFile', {
    fileName: 'paid.835',
    text: remittanceFile([paid], { trace: 'T1' }),
  });
  await syncAll(a, b);
  return { server, a, b, reversal };
}

describeWithPg("a payer's reversal of an 835 payment posted at another desktop", () => {
  it('is made where the reversal file is imported, as at the desk that posted the payment', async () => {
    const { server, a, b, reversal } = await paidAtA();
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(0);

    // B never saw the payer's first file: it holds the payment only as pulled from A
    const report = call(b.ctx, 'importFile', {
      fileName: 'reversal.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    expect(report.remittances[0]).toMatchObject({ reversals: 1, exceptions: 0 });
    expect(exceptions(b)).toEqual([]);
    // the payment is back on the payer here at once, its codes answered, the history said
    expect(
      oneOrThrow<{ owed: number }>(b.ctx.db, `SELECT insurance_balance AS owed FROM accounts`).owed,
    ).toBe(50_000);
    expect(codes(b)).toEqual([
      { code: 'CO-45', amount: 8_000, reversal: 0 },
      { code: 'CO-45', amount: -8_000, reversal: 1 },
    ]);
    expect(history(b)).toEqual(['Payment of $420.00 reversed: payer reversal in remittance T2']);

    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await syncAll(a, b);
    // A takes B's reversal: the same ledger, codes and history line, the balance back
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);
    expect(codes(a)).toEqual(codes(b));
    expect(history(a)).toEqual(history(b));
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    }
  });

  it("finds the office's payment at a desk whose own posting of the same file was refused", async () => {
    const server = await createServerDatabase();
    const { a, b, accountIds } = await twoDesktops(server, 1, billed);
    const { paid, reversal } = payAndTakeBack(a.ctx, accountIds[0] as AccountId);
    // both desks import the payer's first file: A's posting is the office's, B's withdrawn
    const first = remittanceFile([paid], { trace: 'T1' });
    for (const d of [a, b]) call(d.ctx, 'importFile', { fileName: 'paid.835', text: first });
    await a.sync.sync();
    expect((await b.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(0);

    const report = call(b.ctx, 'importFile', {
      fileName: 'reversal.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    expect(report.remittances[0]).toMatchObject({ reversals: 1, exceptions: 0 });
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    await syncAll(a, b);
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);
    for (const d of [a, b]) expect(history(d)).toHaveLength(1);
  });

  it('imported at both desks is made once office-wide, the second refused, withdrawn and listed', async () => {
    const { server, a, b, reversal } = await paidAtA();

    // both desks import the payer's reversal before either hears of the other's
    const file = remittanceFile([reversal], { trace: 'T2' });
    for (const d of [b, a]) {
      const report = call(d.ctx, 'importFile', { fileName: 'reversal.835', text: file });
      expect(report.remittances[0]).toMatchObject({ reversals: 1, exceptions: 0 });
    }
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await a.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    expect(all<{ reason: string }>(a.ctx.db, `SELECT reason FROM not_synced`)).toEqual([
      {
        reason:
          'This 835 payment (trace T2) was already posted at another desktop; this ' +
          "desktop's postings from it were withdrawn, so nothing was paid twice.",
      },
      // the claim's status the withdrawn reversal set, sent as its part
      {
        reason: 'Not sent: it belongs to an action with money or new records that was not synced.',
      },
    ]);
    expect(all(b.ctx.db, `SELECT * FROM not_synced`)).toEqual([]);
    // one reversal everywhere, B's: A's went with its codes and history line
    const balances = await expectLedgersAgree(server, a, b);
    expect(balances[0]?.balance).toBe(50_000);
    for (const d of [a, b]) {
      expect(all(d.ctx.db, `SELECT amount FROM receipts WHERE reverses_id IS NOT NULL`)).toEqual([
        { amount: -42_000 },
      ]);
      expect(codes(d)).toEqual([
        { code: 'CO-45', amount: 8_000, reversal: 0 },
        { code: 'CO-45', amount: -8_000, reversal: 1 },
      ]);
      expect(history(d)).toEqual(['Payment of $420.00 reversed: payer reversal in remittance T2']);
      expect(exceptions(d)).toEqual([]);
      expect(all(d.ctx.db, `SELECT * FROM sync_held`)).toEqual([]);
    }
  });

  it('in two different files, one at each desk, is made once office-wide: the second refused as reversed', async () => {
    const { server, a, b, reversal } = await paidAtA();

    // the payer sends the reversal twice, under two trace numbers, one reaching each desk
    for (const [d, trace] of [
      [b, 'T2'],
      [a, 'T3'],
    ] as const) {
      call(d.ctx, 'importFile', {
        fileName: `${trace}.835`,
        text: remittanceFile([reversal], { trace }),
      });
    }
    expect((await b.sync.sync()).push).toEqual({ accepted: 2, refused: 0 });
    expect((await a.sync.sync()).push.refused).toBeGreaterThan(0);
    await syncAll(a, b);

    expect(all<{ reason: string }>(a.ctx.db, `SELECT reason FROM not_synced`)[0]?.reason).toMatch(
      /^This payer's payment was already reversed at another desktop \(\$420\.00 on /,
    );
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);
    for (const d of [a, b]) {
      expect(codes(d)).toEqual([
        { code: 'CO-45', amount: 8_000, reversal: 0 },
        { code: 'CO-45', amount: -8_000, reversal: 1 },
      ]);
    }
  });

  it("imported after the office's reversal has arrived waits in the exceptions, saying it was reversed", async () => {
    const { server, a, b, reversal } = await paidAtA();
    call(b.ctx, 'importFile', {
      fileName: 'T2.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    await syncAll(b, a);
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);

    // the payer's second copy of the reversal reaches A, which already holds B's reversal
    const report = call(a.ctx, 'importFile', {
      fileName: 'T3.835',
      text: remittanceFile([reversal], { trace: 'T3' }),
    });
    expect(report.remittances[0]).toMatchObject({ reversals: 0, exceptions: 1 });
    expect(exceptions(a)).toEqual([
      expect.stringMatching(
        /: The payer reverses a payment on this claim that was already reversed \(\$420\.00 on \d\d\/\d\d\/\d{4}\); nothing was posted\.$/,
      ),
    ]);
    await syncAll(a, b);
    expect((await expectLedgersAgree(server, a, b))[0]?.balance).toBe(50_000);
  });
});

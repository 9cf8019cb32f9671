import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../../shared/dates/iso-date';
import { call } from '../../testing/call';
import { billedClaimFor, remitClaim } from '../../testing/remittance';
import { createTestCtx, TEST_TODAY, type TestCtx } from '../../testing/test-db';
import { era, type Plb } from '../../testing/remittance-era';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const claimFor = (charge: number) => billedClaimFor(ctx, charge);

/** A claim paid in part, the rest a contractual adjustment, so the claim balances. */
const pay = (number: string, charge: number, paid: number) =>
  remitClaim({
    patientControlNumber: number,
    charge,
    paid,
    adjustments: paid < charge ? [{ group: 'CO', reason: '45', amount: charge - paid }] : [],
  });
const reverse = (number: string, paid: number) =>
  remitClaim({ patientControlNumber: number, charge: -paid, paid: -paid, status: '22' });

function importEra(fileName: string, ...args: Parameters<typeof era>) {
  const report = call(ctx, 'importFile', { fileName, text: era(...args) });
  const remittance = report.remittances[0];
  if (!remittance?.remittanceId) throw new Error(`${fileName} posted no remittance`);
  return { report, remittance, remittanceId: remittance.remittanceId };
}

describe('a remittance ties out to its payment', () => {
  it('nets a $320.00 reversal: $3,100.00 paid less $320.00 reversed is the $2,780.00 payment', () => {
    const a = claimFor(50_000);
    const b = claimFor(200_000);
    const c = claimFor(150_000);
    importEra('first.835', [pay(a.number, 50_000, 32_000)], { trace: 'T-1' });
    const { report, remittance } = importEra(
      'second.835',
      [pay(b.number, 200_000, 180_000), pay(c.number, 150_000, 130_000), reverse(a.number, 32_000)],
      { trace: 'T-2' },
    );
    expect(remittance.paymentAmount).toBe(278_000);
    expect(remittance.tieOut).toMatchObject({
      payment: 278_000,
      claimsPaid: 310_000,
      reversals: 32_000,
      providerAdjustments: 0,
      exceptions: 0,
      difference: 0,
    });
    expect(remittance.tieOut?.line).toBe(
      'Claims paid $3,100.00 − reversed $320.00 = payment $2,780.00: ties out.',
    );
    // the file's summary says what came in, not the payments before the reversal
    expect(report.summary).toMatch(/\$2,780\.00 paid/);
    expect(report.summary).not.toMatch(/\$3,100\.00/);
  });

  it('says how much is missing when the posted amounts do not make up the payment', () => {
    const a = claimFor(10_000);
    // the payer reverses $100.00 against a payment of $80.00 it made before
    importEra('first.835', [pay(a.number, 10_000, 8_000)], { trace: 'T-1' });
    const b = claimFor(20_000);
    const { remittance } = importEra(
      'second.835',
      [pay(b.number, 20_000, 20_000), reverse(a.number, 10_000)],
      { trace: 'T-2' },
    );
    // the $80.00 receipt is what was reversed, so $20.00 of the payment is not accounted for
    expect(remittance.tieOut).toMatchObject({ reversals: 8_000, difference: -2_000 });
    expect(remittance.tieOut?.line).toBe(
      'Claims paid $200.00 − reversed $80.00 = $120.00, $20.00 more than the payment of $100.00: does not tie out.',
    );
  });

  it('dates a reversal with the remittance (BPR16 or DTM*405), not the day of the import', () => {
    const a = claimFor(40_000);
    const b = claimFor(40_000);
    const paidOn = addDays(TEST_TODAY, -20);
    const reversedOn = addDays(TEST_TODAY, -6);
    const producedOn = addDays(TEST_TODAY, -4);
    importEra('paid.835', [pay(a.number, 40_000, 30_000), pay(b.number, 40_000, 25_000)], {
      trace: 'T-1',
      date: paidOn,
    });
    importEra('reversed.835', [reverse(a.number, 30_000)], { trace: 'T-2', date: reversedOn });
    importEra('produced.835', [reverse(b.number, 25_000)], {
      trace: 'T-3',
      productionDate: producedOn,
    });
    const reversals = ctx.db
      .prepare(
        `SELECT r.received_date AS received, (SELECT group_concat(DISTINCT posting_date)
             FROM ledger_entries l WHERE l.receipt_id = r.id) AS posted, r.amount
           FROM receipts r WHERE r.reverses_id IS NOT NULL ORDER BY r.id`,
      )
      .all();
    expect(reversals).toEqual([
      { received: reversedOn, posted: reversedOn, amount: -30_000 },
      { received: producedOn, posted: producedOn, amount: -25_000 },
    ]);
    // each day's cash summary has its own remittance, and the day of the import none
    const day = (date: IsoDate) => call(ctx, 'getCashSummary', { date });
    expect(day(reversedOn).byMethod).toEqual([{ method: 'eft', count: -1, total: -30_000 }]);
    expect(day(reversedOn).remittances.map((r) => [r.traceNumber, r.tieOut.reversals])).toEqual([
      ['T-2', 30_000],
    ]);
    expect(day(producedOn).remittances.map((r) => r.tieOut.difference)).toEqual([0]);
    expect(day(TEST_TODAY)).toMatchObject({ byMethod: [], remittances: [] });
  });

  it('posts PLB interest (L6) and an overpayment recovery (WO) to facility accounts, in words', () => {
    const earlier = claimFor(30_000);
    importEra('earlier.835', [pay(earlier.number, 30_000, 30_000)], { trace: 'T-0' });
    const a = claimFor(50_000);
    const date = addDays(TEST_TODAY, -2);
    const plb: Plb[] = [
      { code: 'L6', ref: null, amount: -1_250 },
      { code: 'WO', ref: earlier.number, amount: 4_000 },
      { code: 'WO', ref: 'OVERPAY-9', amount: 500 },
      { code: 'LE', ref: null, amount: 800 },
    ];
    const { remittance, remittanceId } = importEra('plb.835', [pay(a.number, 50_000, 50_000)], {
      trace: 'T-PLB',
      date,
      plb,
    });
    expect(remittance.paymentAmount).toBe(50_000 + 1_250 - 4_000 - 500 - 800);
    expect(remittance.tieOut).toMatchObject({ providerAdjustments: -4_050, difference: 0 });
    expect(remittance.tieOut?.line).toBe(
      'Claims paid $500.00 − provider adjustments $40.50 = payment $459.50: ties out.',
    );

    const detail = call(ctx, 'getRemittance', { remittanceId });
    expect(detail.providerAdjustments.map((p) => [p.accountLabel, p.amount, p.words])).toEqual([
      ['Interest paid by payers', 1_250, 'Payer paid $12.50 interest'],
      [
        'Overpayment recoveries',
        -4_000,
        `Payer took back $40.00 overpayment on claim ${earlier.number}`,
      ],
      [
        'Overpayment recoveries',
        -500,
        "Payer took back $5.00 overpayment (payer's reference OVERPAY-9)",
      ],
      ['Penalties, levies and withholdings', -800, 'Payer withheld $8.00 levy'],
    ]);
    expect(detail.providerAdjustments.every((p) => p.postingDate === date)).toBe(true);

    // the recovery named a claim of ours: the payer owes that claim again
    const account = call(ctx, 'getAccount', { accountId: earlier.accountId });
    expect(account.balance.insurance).toBe(4_000);
    expect(account.activities[0]?.text).toBe(
      `Remittance T-PLB from ${remittance.payerName}: Payer took back $40.00 overpayment on claim ${earlier.number}.`,
    );

    // the cashier sees them on the remittance's day, and the facility ledger keeps them
    const summary = call(ctx, 'getCashSummary', { date });
    expect(summary.providerAdjustments.map((p) => p.words)[0]).toBe('Payer paid $12.50 interest');
    expect(summary.remittances[0]?.tieOut.difference).toBe(0);
    expect(() => ctx.db.prepare(`UPDATE facility_ledger SET amount = 1`).run()).toThrow(
      /append-only/,
    );
    expect(() => ctx.db.prepare(`DELETE FROM facility_ledger`).run()).toThrow(/append-only/);
  });

  it('counts claims waiting in exceptions, and moves them to claims paid once matched', () => {
    const a = claimFor(20_000);
    const target = claimFor(15_000);
    const { remittance, remittanceId } = importEra(
      'exceptions.835',
      [
        pay(a.number, 20_000, 18_000),
        pay('NO-SUCH-CLAIM', 15_000, 12_000),
        pay('ANOTHER-STRANGER', 5_000, 3_000),
      ],
      { trace: 'T-EXC' },
    );
    expect(remittance.tieOut).toMatchObject({
      claimsPaid: 18_000,
      exceptions: 15_000,
      exceptionCount: 2,
      difference: 0,
    });
    expect(remittance.tieOut?.line).toBe(
      'Claims paid $180.00 + in exceptions $150.00 (2 claims) = payment $330.00: ties out.',
    );
    const [waiting, other] = call(ctx, 'listRemittanceExceptions', {});
    if (!waiting || !other) throw new Error('two exceptions expected');
    call(ctx, 'resolveRemittanceException', {
      exceptionId: waiting.id,
      action: 'match',
      claimId: target.claimId,
    });
    call(ctx, 'resolveRemittanceException', {
      exceptionId: other.id,
      action: 'set_aside',
      note: 'Not ours',
    });
    const detail = call(ctx, 'getRemittance', { remittanceId });
    expect(detail.tieOut).toMatchObject({
      claimsPaid: 30_000,
      exceptions: 3_000,
      exceptionCount: 1,
      difference: 0,
    });
    expect(detail.claims.map((c) => [c.claimNumber, c.amount])).toEqual([
      [a.number, 18_000],
      [target.number, 12_000],
    ]);
    expect(detail.exceptions.map((e) => e.status)).toEqual(['matched', 'set_aside']);
  });

  it('opens the remittance from a report filed before reports kept its id', () => {
    const a = claimFor(10_000);
    const { report, remittanceId } = importEra('old.835', [pay(a.number, 10_000, 10_000)], {
      trace: 'T-OLD',
    });
    const { remittances } = report;
    const old = remittances.map(({ remittanceId: _id, tieOut: _t, ...r }) => r);
    // the report as an earlier ClaimDesk filed it
    ctx.db
      .prepare(`UPDATE import_files SET report = ? WHERE id = ?`)
      .run(JSON.stringify({ ...report, remittances: old }), report.importId);
    const stored = call(ctx, 'getImport', { importId: report.importId }).remittances[0];
    expect(stored?.tieOut).toBeUndefined();
    expect(stored?.remittanceId).toBe(remittanceId);
  });
});

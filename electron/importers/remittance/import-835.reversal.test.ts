import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../../testing/call';
import { billedClaimFor, remitClaim, remittanceFile } from '../../testing/remittance';
import { createTestCtx, rowCount, type TestCtx } from '../../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const claimFor = (charge: number) => billedClaimFor(ctx, charge);

describe("a payer's reversal in a remittance (835, claim status 22)", () => {
  it('a payer reversal (status 22) takes back the earlier posting', () => {
    const a = claimFor(40_000);
    const paid = remitClaim({
      patientControlNumber: a.number,
      charge: 40_000,
      paid: 40_000,
    });
    call(ctx, 'importFile', {
      fileName: 'first.835',
      text: remittanceFile([paid], { trace: 'T1' }),
    });
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).balance.insurance).toBe(0);
    const reversal = {
      ...paid,
      statusCode: '22',
      chargeAmount: -40_000,
      paidAmount: -40_000,
    } as typeof paid;
    const report = call(ctx, 'importFile', {
      fileName: 'reversal.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    expect(report.remittances[0]?.reversals).toBe(1);
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).balance.insurance).toBe(40_000);

    // the payer sends the reversal again under another trace: nothing is left to take back
    const ledgerRows = rowCount(ctx, 'ledger_entries');
    const again = call(ctx, 'importFile', {
      fileName: 'reversal-again.835',
      text: remittanceFile([reversal], { trace: 'T3' }),
    });
    expect(again.remittances[0]).toMatchObject({ reversals: 0, exceptions: 1 });
    expect(rowCount(ctx, 'ledger_entries')).toBe(ledgerRows);
    expect(call(ctx, 'getAccount', { accountId: a.accountId }).balance.insurance).toBe(40_000);
    const [exception] = call(ctx, 'listRemittanceExceptions', {});
    expect(exception?.reason).toMatch(
      /^Matched claim K\d+: The payer reverses a payment on this claim that was already reversed \(\$400\.00 on \d\d\/\d\d\/\d{4}\); nothing was posted\.$/,
    );
  });

  it('a payer reversal of a payment never posted here waits in the exceptions, saying so', () => {
    const a = claimFor(40_000);
    const reversal = {
      ...remitClaim({ patientControlNumber: a.number, charge: 40_000, paid: 40_000 }),
      statusCode: '22',
      chargeAmount: -40_000,
      paidAmount: -40_000,
    } as ReturnType<typeof remitClaim>;
    const report = call(ctx, 'importFile', {
      fileName: 'reversal.835',
      text: remittanceFile([reversal], { trace: 'T2' }),
    });
    expect(report.remittances[0]).toMatchObject({ reversals: 0, exceptions: 1 });
    const [exception] = call(ctx, 'listRemittanceExceptions', {});
    expect(exception?.reason).toBe(
      `Matched claim ${a.number}: The payer reverses a payment on this claim that ClaimDesk ` +
        'has no record of posting.',
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { fixedClock, type Ctx } from '../core/context';
import { one } from '../db/query';
import { pdfText, writePageImages } from '../documents/test-pdf';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { call, callAsync } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const on = (date: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(date)) });

/** An emergency visit the plan paid part of, a payment by the patient and a discount. */
function account() {
  const payerId = addPayer(ctx, { name: 'Casco Bay Health Plan' });
  const patientId = addPerson(ctx, { first: 'Maria', last: 'Okafor' });
  addAddress(ctx, patientId);
  const { accountId } = addAccount(ctx, { patientId, payerId, number: 'H200300' });
  const er = addBilledClaim(on('2026-01-05'), accountId, payerId, [60_000, 40_000]);
  call(on('2026-01-20'), 'postInsurancePayment', {
    accountId,
    claimId: er.claimId,
    method: 'eft',
    checkNumber: 'EFT-1',
    eobDate: isoDate('2026-01-20'),
    patientShareTo: 'patient',
    lines: [
      { claimLineId: er.lineIds[0] ?? null, paid: 30_000, contractual: 20_000, deductible: 10_000 },
      { claimLineId: er.lineIds[1] ?? null, paid: 20_000, contractual: 15_000, coinsurance: 5_000 },
    ],
  });
  call(on('2026-02-10'), 'postPatientPayment', {
    accountId,
    amount: 4_000,
    method: 'cash',
    receivedDate: isoDate('2026-02-10'),
  });
  call(on('2026-02-12'), 'postAdjustment', {
    accountId,
    side: 'patient',
    amount: 1_000,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Courtesy discount',
  });
  return accountId;
}

async function billPdf(c: Ctx, accountId: number) {
  const doc = await callAsync(c, 'generateItemizedBill', { accountId });
  const file = await callAsync(c, 'getDocumentFile', { documentId: doc.documentId });
  return { doc, pdf: Buffer.from(file.pdfBase64, 'base64') };
}

describe('itemized bill', () => {
  it('lists every charge line with its codes, every payment and adjustment, and the account balance', async () => {
    const accountId = account();
    const { doc, pdf } = await billPdf(on('2026-03-01'), accountId);
    writePageImages(pdf, 'itemized-bill');
    const text = pdfText(pdf);
    expect(doc.title).toBe('Itemized bill');
    expect(doc.kind).toBe('statement');
    // both charge lines: date, revenue code, procedure code, words, units, amount
    expect(text).toMatch(
      /01\/05\/2026\s+0450\s+99284\s+Emergency department visit\s+1\s+\$600\.00/,
    );
    expect(text).toMatch(
      /01\/05\/2026\s+0450\s+99284\s+Emergency department visit\s+1\s+\$400\.00/,
    );
    expect(text).toMatch(/Total charges\s+\$1,000\.00/);
    expect(text).toMatch(/01\/20\/2026\s+Payment\s+Casco Bay Health Plan\s+\$300\.00/);
    expect(text).toMatch(/02\/10\/2026\s+Payment\s+Your payment\s+\$40\.00/);
    expect(text).toMatch(/02\/12\/2026\s+Adjustment\s+Adjustment to your share\s+\$10\.00/);
    const balance = one<{ s: number }>(
      ctx.db,
      `SELECT insurance_balance + patient_balance AS s FROM accounts WHERE id = ?`,
      accountId,
    )?.s;
    expect(balance).toBe(10_000);
    expect(text).toContain(`Balance: ${formatCents(cents(balance ?? 0))}`);
    const activity = one<{ body: string }>(
      ctx.db,
      `SELECT body FROM activities WHERE account_id = ? ORDER BY id DESC LIMIT 1`,
      accountId,
    );
    expect(activity?.body).toContain(
      `Itemized bill of 03/01/2026: 2 charge lines, balance $100.00 (document ${doc.documentId})`,
    );
  });
});

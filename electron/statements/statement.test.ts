import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import {
  pdfPageCount,
  pdfRawText,
  pdfText,
  pdfWords,
  writePageImages,
} from '../documents/test-pdf';
import { documentsDir } from '../filing/location';
import { addAccount, addBilledClaim, addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefusedAsync } from '../testing/call';
import { TEST_TODAY, type TestCtx } from '../testing/test-db';
import { loadStatementData } from './statement-data';
import {
  addAddress,
  familyAccount,
  on,
  statementCtx,
  statementPdf,
} from '../testing/statement-account';

let ctx: TestCtx;
beforeEach(() => {
  ctx = statementCtx();
});
afterEach(() => ctx.close());

function ledgerSum(accountId: number, where: string): number {
  return (
    ctx.db
      .prepare(
        `SELECT ifnull(sum(amount), 0) AS s FROM ledger_entries WHERE account_id = ? AND ${where}`,
      )
      .get(accountId) as { s: number }
  ).s;
}

/** Text printed below the tear-off line: the remittance stub that comes back with a check. */
function stubText(pdf: Buffer): string {
  const words = pdfWords(pdf).filter((w) => w.page === 1);
  const tear = words.find((w) => w.text === 'detach');
  if (!tear) throw new Error('no tear-off line');
  // in reading order: by line (within 2 points), then left to right
  return words
    .filter((w) => w.yMin > tear.yMin)
    .sort((a, b) => Math.round(a.yMax / 2) - Math.round(b.yMax / 2) || a.xMin - b.xMin)
    .map((w) => w.text)
    .join(' ');
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('patient statements from the ledger', () => {
  it('prints amounts that equal the ledger, explains the patient share and repeats them on the stub', async () => {
    const { accountId } = familyAccount(ctx);
    const loaded = loadStatementData(ctx.db, accountId, TEST_TODAY);
    if (!loaded) throw new Error('no statement data');
    const s = loaded.data.summary;
    const patient = ledgerSum(accountId, `side = 'patient'`);
    const insurance = ledgerSum(accountId, `side = 'insurance'`);
    expect(patient).toBe(10_000);
    expect(s.amountDue).toBe(patient);
    expect(s.insurancePending).toBe(insurance);
    // the patient's side only: what insurance moved over, less what was paid and adjusted
    const mine = (where: string) => ledgerSum(accountId, `side = 'patient' AND ${where}`);
    expect(s).toEqual({
      previousBalance: cents(0),
      newCharges: cents(mine(`kind = 'charge'`)),
      afterInsurance: cents(mine(`kind = 'transfer' AND amount > 0`)),
      payments: cents(-mine(`kind IN ('payment', 'refund')`)),
      adjustments: cents(-mine(`(kind = 'adjustment' OR (kind = 'transfer' AND amount < 0))`)),
      insurancePending: cents(25_000),
      amountDue: cents(10_000),
    });
    expect(s.previousBalance + s.newCharges + s.afterInsurance - s.payments - s.adjustments).toBe(
      s.amountDue,
    );
    const { patientBalance } = ctx.db
      .prepare(`SELECT patient_balance AS patientBalance FROM accounts WHERE id = ?`)
      .get(accountId) as { patientBalance: number };
    expect(patientBalance).toBe(s.amountDue);
    // the visits' shares and the aging both add up to what is due
    expect(loaded.data.lines.reduce((t, l) => t + l.youOwe, 0)).toBe(s.amountDue);
    const a = loaded.data.aging;
    expect(a.current + a.days31to60 + a.days61to90 + a.days91to120 + a.over120).toBe(s.amountDue);
    for (const l of loaded.data.lines) {
      expect(
        l.charges - l.insurancePaid - l.adjustments - l.patientPaid - (l.insurancePending ?? 0),
      ).toBe(l.youOwe);
    }

    const { doc, pdf } = await statementPdf(ctx, accountId);
    writePageImages(pdf, 'patient-statement-from-ledger');
    expect(pdfPageCount(pdf)).toBe(doc.pages);
    const text = flat(pdfText(pdf));
    for (const printed of [
      'H200300',
      'Maria Okafor',
      '77 Lantern Way',
      'Patient: Daniel Okafor',
      'Emergency department visit',
      `Your share after insurance ${formatCents(s.afterInsurance)}`,
      `Payments received ${formatCents(cents(-s.payments))}`,
      'Still with insurance, not included: $250.00',
      'PO Box 9050',
      'Language assistance is available free of charge',
      'Amount due $100.00',
      'Please pay by 04/10/2026',
      'deductible $50.00, coinsurance $30.00, copay $20.00, not covered by your plan $50.00',
      '$250.00 billed to Casco Bay Health Plan, awaiting payment',
      '(207) 555-0100',
      'www.harborpoint.example',
      'Financial assistance is available',
    ]) {
      expect(text).toContain(printed);
    }
    // the office hours are not on file: a visible placeholder and a warning, never a guess
    expect(text).toContain('[BILLING OFFICE HOURS]');
    expect(doc.warnings).toEqual([
      "Held from statement runs, printed on request: Account H200300: $250.00 is still with insurance; the patient's share is not final.",
      'Office hours has no data and prints as [BILLING OFFICE HOURS].',
    ]);
    // a first statement while a visit is still with the plan says so, and nothing firmer
    expect(flat(pdfRawText(pdf))).toContain(
      'Some of the visits below are still with your insurance',
    );
    expect(text).not.toContain('past due');
    const stub = stubText(pdf);
    expect(stub).toContain('H200300');
    expect(stub).toContain('Amount due $100.00');
    expect(stub).toContain('Please pay by 04/10/2026');

    const history = call(ctx, 'getAccount', { accountId }).activities[0];
    expect(history).toMatchObject({
      kind: 'letter',
      text: `Statement of 03/16/2026: amount due $100.00 by 04/10/2026 (document ${doc.documentId}).`,
    });
  });

  it('prints the office hours once the office has set them, with no warning', async () => {
    const { accountId } = familyAccount(ctx);
    ctx.db
      .prepare(`UPDATE facility SET billing_office_hours = ? WHERE id = 1`)
      .run('weekdays 8 a.m. to 4:30 p.m.');
    const { doc, pdf } = await statementPdf(ctx, accountId);
    const text = flat(pdfText(pdf));
    expect(text).toContain('weekdays 8 a.m. to 4:30 p.m.');
    expect(text).not.toContain('[BILLING OFFICE HOURS]');
    expect(doc.warnings.filter((w) => !w.startsWith('Held from statement runs'))).toEqual([]);
  });

  it('carries the previous statement forward as the previous balance', async () => {
    const { accountId, laterClaimId } = familyAccount(ctx);
    await statementPdf(ctx, accountId);
    const april = on(ctx, '2026-04-20');
    call(on(ctx, '2026-04-01'), 'postInsurancePayment', {
      accountId,
      claimId: laterClaimId,
      method: 'check',
      checkNumber: '5521',
      eobDate: isoDate('2026-04-01'),
      patientShareTo: 'patient',
      lines: [{ claimLineId: null, paid: 20_000, contractual: 3_000, copay: 2_000 }],
    });
    const loaded = loadStatementData(april.db, accountId, april.clock.today());
    // the previous balance is what the last statement asked for, not the account's total
    expect(loaded?.data.summary).toEqual({
      previousBalance: cents(10_000),
      newCharges: cents(0),
      afterInsurance: cents(2_000),
      payments: cents(0),
      adjustments: cents(0),
      insurancePending: cents(0),
      amountDue: cents(12_000),
    });
    const { pdf } = await statementPdf(april, accountId);
    const text = flat(pdfText(pdf));
    expect(text).toContain('Previous balance $100.00');
    expect(text).toContain('Amount due $120.00');
    expect(text).toContain('Please pay by 05/15/2026');
  });

  it('says so when the patient has a credit, and still prints for an account that owes nothing', async () => {
    const payerId = addPayer(ctx);
    const { accountId, patientId } = addAccount(ctx, { payerId, number: 'H200400' });
    addAddress(ctx, patientId);
    addBilledClaim(ctx, accountId, payerId, [5_000], 'patient');
    call(ctx, 'postPatientPayment', {
      accountId,
      amount: 7_000,
      method: 'cash',
      receivedDate: TEST_TODAY,
    });
    const { doc, pdf } = await statementPdf(ctx, accountId);
    writePageImages(pdf, 'patient-statement-credit');
    const text = flat(pdfText(pdf));
    expect(text).toContain('Credit balance $20.00');
    expect(text).toContain('No payment is due.');
    expect(flat(pdfRawText(pdf))).toContain('You owe nothing on this statement.');
    expect(text).toContain('Credit on your account');
    expect(text).not.toContain('Amount due');
    // no stub to send back and nothing to enclose
    expect(text).not.toContain('Amount enclosed');
    expect(text).not.toContain('detach and return');
    expect(doc.pages).toBe(1);

    const { accountId: nothingOwed, patientId: p2 } = addAccount(ctx, { number: 'H200500' });
    addAddress(ctx, p2);
    const zero = flat(pdfText((await statementPdf(ctx, nothingOwed)).pdf));
    expect(zero).toContain('Amount due $0.00');
    expect(zero).toContain('No payment due');
  });

  it('prints the same bytes for the same ledger and day', async () => {
    const { accountId } = familyAccount(ctx);
    const first = await statementPdf(ctx, accountId);
    const second = await statementPdf(ctx, accountId);
    expect(second.doc.documentId).not.toBe(first.doc.documentId);
    expect(second.pdf.equals(first.pdf)).toBe(true);
  });

  it('refuses on request what must not be mailed, with the hold, filing nothing', async () => {
    const { accountId } = familyAccount(ctx);
    ctx.db
      .prepare(
        `UPDATE people SET returned_mail = 1 WHERE id = (SELECT guarantor_id FROM accounts WHERE id = ?)`,
      )
      .run(accountId);
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      { accountId },
      /No statement was made\. Account H200300: mail to the guarantor came back; confirm the address\./,
    );
    const { accountId: noAddress } = addAccount(ctx);
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      // a supervisor's reason does not lift a hold that must stop the statement
      { accountId: noAddress, override: 'Patient asked at the desk' },
      /No statement was made\. Account T\d+: the guarantor has no address on file\./,
    );
    expect(fs.existsSync(documentsDir(ctx.databasePath))).toBe(false);
  });

  it('prints on request despite a hold only as each hold allows', async () => {
    const { accountId } = familyAccount(ctx);
    for (const [kind, expected] of [
      ['dispute', /No statement was made\. Account H200300: the balance is disputed\./],
      ['bankruptcy', /No statement was made\. Account H200300: a bankruptcy is on file\./],
    ] as const) {
      call(ctx, 'setCollectionHold', { accountId, kind, open: true, note: null });
      await expectRefusedAsync(ctx, 'generateStatement', { accountId }, expected);
      call(ctx, 'setCollectionHold', { accountId, kind, open: false, note: null });
    }
    // a pending assistance application: a supervisor's decision, with the reason kept
    call(ctx, 'setCollectionHold', { accountId, kind: 'assistance', open: true, note: null });
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      { accountId },
      /application is pending\. A supervisor may print it, giving the reason\./,
    );
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      { accountId, override: 'Patient asked for it for the application' },
      /Only a supervisor can print a statement despite this hold/,
    );
    makeSupervisor(ctx);
    const { doc } = await statementPdf(ctx, accountId, 'Patient asked for it for the application');
    expect(doc.warnings).toContain(
      'Held from statement runs, printed by a supervisor (Patient asked for it for the application): Account H200300: a financial-assistance application is pending.',
    );
    expect(call(ctx, 'getAccount', { accountId }).activities[0]?.text).toMatch(
      /Printed despite a hold by a supervisor: Patient asked for it for the application$/,
    );
  });

  it('refuses an account that does not exist, filing nothing', async () => {
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      { accountId: 9999 },
      /The account was not found/,
    );
    await expectRefusedAsync(
      ctx,
      'generateStatement',
      { accountId: 0 },
      /Account must be positive/,
    );
    expect(fs.existsSync(documentsDir(ctx.databasePath))).toBe(false);
  });
});

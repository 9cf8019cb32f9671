import { isoDate } from '../../shared/dates/iso-date';
import { fixedClock, type Ctx } from '../core/context';
import { all, run } from '../db/query';
import { addAccount, addBilledClaim, addPayer, addPerson } from './builders';
import { call, callAsync } from './call';
import { createTestCtx, type TestCtx } from './test-db';

/** A hospital that prints statements, and the family account the statement tests print for. */

export function statementCtx(): TestCtx {
  const ctx = createTestCtx();
  run(
    ctx.db,
    `INSERT INTO facility (id, name, line1, city, state, zip, phone, web, remit_to,
         payment_url, assistance_phone, assistance_url, assistance_summary_url, language_taglines)
       VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
         '(207) 555-0100', 'www.harborpoint.example', 'Harbor Point Hospital
PO Box 9050
Portland, ME 04104-9050', 'pay.harborpoint.example', '(207) 555-0188',
         'www.harborpoint.example/assistance', 'www.harborpoint.example/assistance/summary',
         'Language assistance is available free of charge: call (207) 555-0100.')`,
  );
  return ctx;
}

export const on = (ctx: TestCtx, date: string): Ctx => ({
  ...ctx,
  clock: fixedClock(isoDate(date)),
});

export function addAddress(ctx: TestCtx, personId: number): void {
  run(
    ctx.db,
    `INSERT INTO addresses (person_id, line1, city, state, zip, effective_date, recorded_at, recorded_by)
       VALUES (?, '77 Lantern Way', 'Falmouth', 'ME', '04105', '2020-01-01', 't', ?)`,
    personId,
    ctx.userId,
  );
}

function claimLines(ctx: TestCtx, claimId: number): number[] {
  return all<{ id: number }>(
    ctx.db,
    `SELECT id FROM claim_lines WHERE claim_id = ? ORDER BY line_number`,
    claimId,
  ).map((r) => r.id);
}

/**
 * A mother's account for her son's emergency visit: the plan paid part, left a
 * deductible, coinsurance, copay and a non-covered item to her; she paid some, a small
 * balance was adjusted off, and a later visit is still with the plan.
 */
export function familyAccount(ctx: TestCtx) {
  const payerId = addPayer(ctx, { name: 'Casco Bay Health Plan' });
  const guarantorId = addPerson(ctx, { first: 'Maria', last: 'Okafor' });
  const patientId = addPerson(ctx, { first: 'Daniel', last: 'Okafor' });
  const { accountId } = addAccount(ctx, { patientId, payerId, number: 'H200300' });
  run(ctx.db, `UPDATE accounts SET guarantor_id = ? WHERE id = ?`, guarantorId, accountId);
  addAddress(ctx, guarantorId);
  const er = addBilledClaim(on(ctx, '2026-01-05'), accountId, payerId, [60_000, 40_000]);
  const [line1, line2] = claimLines(ctx, er.claimId);
  call(on(ctx, '2026-01-20'), 'postInsurancePayment', {
    accountId,
    claimId: er.claimId,
    method: 'eft',
    checkNumber: 'EFT-1',
    eobDate: isoDate('2026-01-20'),
    patientShareTo: 'patient',
    lines: [
      {
        claimLineId: line1 ?? null,
        paid: 30_000,
        contractual: 20_000,
        deductible: 5_000,
        coinsurance: 3_000,
        copay: 2_000,
      },
      {
        claimLineId: line2 ?? null,
        paid: 20_000,
        contractual: 15_000,
        otherAdjustments: [{ groupCode: 'PR', reasonCode: '96', amount: 5_000 }],
      },
    ],
  });
  call(on(ctx, '2026-02-10'), 'postPatientPayment', {
    accountId,
    amount: 4_000,
    method: 'cash',
    receivedDate: isoDate('2026-02-10'),
  });
  call(on(ctx, '2026-02-12'), 'postAdjustment', {
    accountId,
    side: 'patient',
    amount: 1_000,
    reasonCode: 'SMALL_BALANCE',
    memo: 'Courtesy discount agreed on the phone',
  });
  const later = addBilledClaim(on(ctx, '2026-03-10'), accountId, payerId, [25_000]);
  return { accountId, payerId, laterClaimId: later.claimId };
}

export async function statementPdf(c: Ctx, accountId: number, override?: string) {
  const doc = await callAsync(c, 'generateStatement', { accountId, override });
  const file = await callAsync(c, 'getDocumentFile', { documentId: doc.documentId });
  return { doc, pdf: Buffer.from(file.pdfBase64, 'base64') };
}

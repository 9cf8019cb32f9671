import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientLetter } from '../../shared/api/patient-letters';
import { isoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { fixedClock, type Ctx } from '../core/context';
import { all, one, run } from '../db/query';
import { pdfText, writePageImages } from '../documents/test-pdf';
import { addAccount, addAddress, addBilledClaim, addPayer, addPerson } from '../testing/builders';
import { call, callAsync, expectRefusedAsync } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  run(
    ctx.db,
    `INSERT INTO facility (id, name, line1, city, state, zip, phone, remit_to, payment_url,
       assistance_phone, assistance_url)
     VALUES (1, 'Harbor Point Hospital', '10 Quay Street', 'Portland', 'ME', '04101',
       '(207) 555-0100', 'Harbor Point Hospital
PO Box 9050
Portland, ME 04104-9050', 'pay.harborpoint.example', '(207) 555-0188',
       'www.harborpoint.example/assistance')`,
  );
});
afterEach(() => ctx.close());

const on = (date: string): Ctx => ({ ...ctx, clock: fixedClock(isoDate(date)) });
const TODAY = '2026-03-02';

/** A self-pay account owing $432.75, the guarantor is the patient. */
function owing(): { accountId: AccountId; personId: number } {
  const payerId = addPayer(ctx, { name: 'Self pay' });
  const personId = addPerson(ctx, { first: 'Ruth', last: 'Calloway' });
  addAddress(ctx, personId);
  const { accountId } = addAccount(ctx, { patientId: personId, payerId, number: 'H310044' });
  addBilledClaim(on('2026-01-10'), accountId, payerId, [43_275], 'patient');
  return { accountId, personId };
}

async function letterPdf(c: Ctx, accountId: number, letter: PatientLetter, extra = {}) {
  const doc = await callAsync(c, 'generatePatientLetter', { accountId, letter, ...extra });
  const file = await callAsync(c, 'getDocumentFile', { documentId: doc.documentId });
  return {
    doc,
    text: pdfText(Buffer.from(file.pdfBase64, 'base64')).replace(/\s+/g, ' '),
    pdf: Buffer.from(file.pdfBase64, 'base64'),
  };
}

describe('patient letters on the account', () => {
  it('a past-due notice and a final notice go to the guarantor with the balance owed', async () => {
    const { accountId } = owing();
    const past = await letterPdf(on(TODAY), accountId, 'past-due-notice');
    expect(past.doc).toMatchObject({ kind: 'letter', title: 'Past-due notice' });
    expect(past.text).toContain('Dear Ruth Calloway:');
    expect(past.text).toContain('77 Lantern Way');
    expect(past.text).toContain('balance of $432.75 that is now past due');
    const final = await letterPdf(on(TODAY), accountId, 'final-notice');
    expect(final.text).toContain('$432.75');
    // at least 30 days after the letter
    expect(final.text).toContain('04/01/2026');
    const recorded = all<{ body: string }>(
      ctx.db,
      `SELECT body FROM activities WHERE account_id = ? AND kind = 'letter' ORDER BY id`,
      accountId,
    ).map((r) => r.body);
    expect(recorded).toEqual([
      `Past-due notice to Ruth Calloway, balance $432.75 (document ${past.doc.documentId}).`,
      `Final notice to Ruth Calloway, balance $432.75 (document ${final.doc.documentId}).`,
    ]);
  });

  it('a final notice sent as a letter keeps the stage, so what follows is never gentler', async () => {
    const { accountId } = owing();
    expect(call(on(TODAY), 'getAccountDunning', { accountId })).toMatchObject({
      statementsSent: 0,
    });
    await letterPdf(on(TODAY), accountId, 'final-notice');
    expect(call(on(TODAY), 'getAccountDunning', { accountId })).toMatchObject({
      stage: 'final_notice',
      statementsSent: 1,
      lastStatementDate: TODAY,
    });
    expect(
      one(
        ctx.db,
        `SELECT last_amount_due AS due FROM dunning_stages WHERE account_id = ?`,
        accountId,
      ),
    ).toEqual({ due: 43_275 });
    // a month on, still unpaid: no past-due notice, and the statement is a final notice too
    const later = on('2026-04-02');
    await expectRefusedAsync(
      later,
      'generatePatientLetter',
      { accountId, letter: 'past-due-notice' },
      /already had a final notice/,
    );
    const statement = await callAsync(later, 'generateStatement', { accountId });
    const file = await callAsync(later, 'getDocumentFile', { documentId: statement.documentId });
    const text = pdfText(Buffer.from(file.pdfBase64, 'base64'));
    expect(text).toContain('FINAL NOTICE');
    expect(call(later, 'getAccountDunning', { accountId }).stage).not.toBe('past_due');
  });

  it('a past-due notice moves the account to the past-due stage', async () => {
    const { accountId } = owing();
    await letterPdf(on(TODAY), accountId, 'past-due-notice');
    expect(call(on(TODAY), 'getAccountDunning', { accountId }).stage).toBe('past_due');
  });

  it('refuses to call a balance past due before its first due date', async () => {
    const { accountId } = owing();
    // billed 01/10: a statement that day would ask for it by 02/04
    await expectRefusedAsync(
      on('2026-02-04'),
      'generatePatientLetter',
      { accountId, letter: 'past-due-notice' },
      /nothing on this account is past due yet/,
    );
    const late = await letterPdf(on('2026-02-05'), accountId, 'past-due-notice');
    expect(late.text).toContain('now past due');
  });

  it('refuses a past-due notice once the account has had a final notice', async () => {
    const { accountId, personId } = owing();
    run(
      ctx.db,
      `INSERT INTO dunning_stages (account_id, guarantor_id, stage, first_statement_date,
         statements_sent, last_statement_date, source, updated_at)
       VALUES (?, ?, 3, '2026-01-15', 4, '2026-02-20', 'statement', 't')`,
      accountId,
      personId,
    );
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'past-due-notice' },
      /already had a final notice/,
    );
    const final = await letterPdf(on(TODAY), accountId, 'final-notice');
    expect(final.text).toContain('Final notice before referral for collection');
  });

  it('the payment-plan agreement lists payments that add up exactly to the balance', async () => {
    const { accountId } = owing();
    call(on(TODAY), 'createPlan', {
      accountId,
      downPayment: 0,
      length: { mode: 'months', months: 6 },
      firstDueDate: isoDate('2026-03-15'),
      includeNewCharges: false,
    });
    const { text, pdf } = await letterPdf(on(TODAY), accountId, 'payment-plan-agreement');
    writePageImages(pdf, 'payment-plan-agreement');
    expect(text).toMatch(/Balance covered by this plan: \$432\.75/);
    const line =
      /Number of monthly payments: 6: (\d) of \$([\d.]+), then (\d) of \$([\d.]+); \$432\.75 in all/.exec(
        text,
      );
    expect(line).not.toBeNull();
    const [, n1, a1, n2, a2] = line ?? [];
    expect(Math.round(Number(n1) * Number(a1) * 100 + Number(n2) * Number(a2) * 100)).toBe(43_275);
    expect(text).toContain('on the 15th of each month');
  });

  it('refuses a letter on a held account with the hold, writing nothing, except the letter that is the process for it', async () => {
    const { accountId, personId } = owing();
    call(on(TODAY), 'setCollectionHold', { accountId, kind: 'assistance', open: true, note: null });
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'past-due-notice' },
      /No past-due notice was made\. Account H310044: a financial-assistance application is pending/,
    );
    const fa = await letterPdf(on(TODAY), accountId, 'financial-assistance-notice');
    expect(fa.text).toContain('(207) 555-0188');

    run(ctx.db, `UPDATE people SET returned_mail = 1 WHERE id = ?`, personId);
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'final-notice' },
      /mail to the guarantor came back/,
    );
    // returned mail is what address verification is for, but the assistance hold still stands
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'address-verification' },
      /financial-assistance application is pending/,
    );
    call(on(TODAY), 'setCollectionHold', {
      accountId,
      kind: 'assistance',
      open: false,
      note: null,
    });
    const verify = await letterPdf(on(TODAY), accountId, 'address-verification');
    expect(verify.text).toContain('was returned to us as undeliverable');
    expect(verify.text).toContain('04/01/2026');
    expect(verify.text).not.toContain('$432.75');
  });

  it('writes to the estate representative and never to the deceased; without one it refuses', async () => {
    const { accountId, personId } = owing();
    run(ctx.db, `UPDATE people SET deceased_date = '2026-02-01' WHERE id = ?`, personId);
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'past-due-notice' },
      /died on 02\/01\/2026/,
    );
    await expectRefusedAsync(
      on(TODAY),
      'generatePatientLetter',
      { accountId, letter: 'estate-letter' },
      /no executor or personal representative address is recorded for the estate of Ruth Calloway/,
    );
    const { text } = await letterPdf(on(TODAY), accountId, 'estate-letter', {
      representative: {
        name: 'Thomas Calloway',
        line1: '9 Ferry Road',
        line2: null,
        city: 'Bath',
        state: 'ME',
        zip: '04530',
      },
    });
    expect(text).toContain('Thomas Calloway');
    expect(text).toContain('9 Ferry Road');
    expect(text).not.toContain('Dear Ruth');
    expect(text).not.toContain('77 Lantern Way');
    expect(text).toContain('Estate of Ruth Calloway');
    expect(text).toContain('$432.75');
    // recorded, so the next letter goes to the same place without asking again
    const again = await letterPdf(on(TODAY), accountId, 'estate-letter');
    expect(again.text).toContain('9 Ferry Road');
    expect(one<{ n: number }>(ctx.db, `SELECT count(*) AS n FROM estate_representatives`)?.n).toBe(
      1,
    );
  });
});

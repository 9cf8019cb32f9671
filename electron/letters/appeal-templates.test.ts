import type { AccountId } from '../../shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cents, negate } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import type { LetterData } from '../documents/letter-data';
import { renderLetter } from '../documents/letter-layout';
import { loadShippedTemplates } from '../documents/template-load';
import { pdfPageCount, pdfRawText, pdfText } from '../documents/test-pdf';
import { loadStatementData } from '../statements/statement-data';
import { callAsync } from '../testing/call';
import { TEST_TODAY, type TestCtx } from '../testing/test-db';
import {
  demoHospitalCtx,
  denialTaker,
  financialClass,
  flat,
  type DenialTaker,
} from '../testing/demo-letters';

let ctx: TestCtx;
let takeDenial: DenialTaker;
beforeAll(() => {
  ctx = demoHospitalCtx();
  takeDenial = denialTaker(ctx);
});
afterAll(() => ctx.close());

describe('every shipped template with demo data', () => {
  it('renders each denial letter for a real denied claim with its identifiers, amounts and gaps', async () => {
    const denial = takeDenial(
      (d) => d.category === 'timely_filing' && financialClass(ctx, d) === 'commercial',
    );
    const { templates } = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(templates).toHaveLength(18);
    for (const t of templates) {
      const preview = await callAsync(ctx, 'previewAppeal', {
        denialId: denial.id,
        templateId: t.templateId,
      });
      const pdf = Buffer.from(preview.pdfBase64, 'base64');
      expect(pdfPageCount(pdf), t.templateId).toBe(preview.pages);
      expect(preview.pages, t.templateId).toBeLessThanOrEqual(3);
      const text = flat(pdfRawText(pdf));
      for (const expected of [
        denial.accountNumber,
        denial.payerClaimNumber ?? '?',
        denial.payerName,
        'Lakeshore Regional Medical Center',
        'Rita Representative',
        '03/16/2026',
      ]) {
        expect(text, `${t.templateId}: ${expected}`).toContain(expected);
      }
      if (t.kind === 'appeal' && t.templateId.startsWith('appeal-timely')) {
        expect(text).toContain(formatCents(denial.amount));
      }
      if (preview.pages > 1) expect(text).toContain(`Page ${preview.pages} of ${preview.pages}`);
      // every gap is both on the paper and in the warnings, and nothing else is a gap
      const printed = [...new Set(text.match(/\[[A-Z][A-Z ]+\]/g) ?? [])];
      for (const marker of printed) {
        expect(preview.warnings.join(' '), `${t.templateId}: ${marker}`).toContain(marker);
      }
      for (const warning of preview.warnings) {
        const marker = /prints as (\[[A-Z ]+\])/.exec(warning)?.[1];
        if (marker) expect(text, `${t.templateId}: ${marker}`).toContain(marker);
      }
      expect(text).not.toContain('{{');
    }
  });

  it('renders each patient letter with a real account and guarantor, gaps shown and warned', async () => {
    const account = ctx.db
      .prepare(
        `SELECT a.id, p.first_name || ' ' || p.last_name AS patientName FROM accounts a
         JOIN people p ON p.id = a.patient_id
         WHERE a.status = 'open' AND a.patient_balance > 0 AND a.patient_id <> a.guarantor_id
         ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: AccountId; patientName: string };
    const loaded = loadStatementData(ctx.db, account.id, TEST_TODAY);
    if (!loaded) throw new Error('no account');
    const d = loaded.data;
    // what a patient letter can draw from the account today; the rest stays a visible gap
    const data: LetterData = {
      fields: {
        facility_name: d.facility.name,
        facility_address: d.facility.addressLines.join('\n'),
        facility_phone: d.facility.phone,
        facility_website: d.facility.website,
        billing_office_phone: d.billingOffice.phone,
        payment_url: d.billingOffice.paymentUrl,
        remit_address: d.billingOffice.remitTo.join('\n'),
        financial_assistance_phone: d.financialAssistance.phone,
        financial_assistance_url: d.financialAssistance.url,
        financial_assistance_eligibility: d.financialAssistance.eligibility,
        guarantor_name: d.guarantor.name,
        guarantor_address: d.guarantor.addressLines.join('\n'),
        patient_name: account.patientName,
        account_number: d.accountNumber,
        balance_due: d.summary.amountDue,
        due_date: d.dueDate,
        statement_date: d.statementDate,
      },
    };
    const letters = (await loadShippedTemplates()).filter((t) => t.kind === 'patient-letter');
    expect(letters).toHaveLength(8);
    for (const template of letters) {
      const letter = await renderLetter(template, data, { date: TEST_TODAY });
      expect(pdfPageCount(letter.pdf), template.id).toBe(letter.pageCount);
      const text = flat(pdfRawText(letter.pdf));
      for (const expected of [
        d.accountNumber,
        d.guarantor.name,
        d.guarantor.addressLines[0] ?? '?',
      ]) {
        expect(text, `${template.id}: ${expected}`).toContain(expected);
      }
      if (template.placeholders.includes('balance_due')) {
        expect(text, template.id).toContain(formatCents(d.summary.amountDue));
      }
      const printed = [...new Set(text.match(/\[[A-Z][A-Z ]+\]/g) ?? [])];
      expect(printed.length, template.id).toBeGreaterThan(0);
      for (const marker of printed) {
        expect(letter.warnings.join(' '), `${template.id}: ${marker}`).toContain(marker);
      }
    }
  });

  it('renders the statement for real accounts of every kind, the amounts equal to the ledger', async () => {
    const accounts = ctx.db
      .prepare(
        // accounts a statement may be mailed to on request (no refusing hold)
        `WITH mailable AS (SELECT a.* FROM accounts a JOIN people g ON g.id = a.guarantor_id
             JOIN people pt ON pt.id = a.patient_id
           WHERE a.status = 'open' AND g.returned_mail = 0 AND g.deceased_date IS NULL
             AND pt.deceased_date IS NULL
             AND NOT EXISTS (SELECT 1 FROM dunning_stages ds WHERE ds.account_id = a.id))
         SELECT a.id, a.account_number AS number, a.patient_balance AS patient,
           a.insurance_balance AS insurance
         FROM accounts a WHERE
           a.id = (SELECT min(id) FROM mailable WHERE patient_balance > 0 AND insurance_balance > 0)
           OR a.id = (SELECT min(id) FROM mailable WHERE patient_balance < 0)
           OR a.id = (SELECT min(id) FROM mailable WHERE financial_class = 'self_pay' AND patient_balance > 0)`,
      )
      .all() as { id: number; number: string; patient: number; insurance: number }[];
    expect(accounts).toHaveLength(3);
    for (const a of accounts) {
      const doc = await callAsync(ctx, 'generateStatement', { accountId: a.id });
      const file = await callAsync(ctx, 'getDocumentFile', { documentId: doc.documentId });
      const pdf = Buffer.from(file.pdfBase64, 'base64');
      expect(pdfPageCount(pdf)).toBe(doc.pages);
      const text = flat(pdfText(pdf));
      expect(text).toContain(a.number);
      expect(text).toContain(
        a.patient < 0
          ? `Credit balance ${formatCents(negate(cents(a.patient)))}`
          : `Amount due ${formatCents(cents(a.patient))}`,
      );
      // what insurance still has is shown beside the patient's amount, not in it
      if (a.insurance > 0) {
        expect(text).toContain(
          `Still with insurance, not included: ${formatCents(cents(a.insurance))}`,
        );
      } else expect(text).not.toContain('Still with insurance');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo/generate';
import { loadShippedTemplates } from '../documents/template-load';
import { renderLetter } from '../documents/letter-layout';
import { pdfPageCount, pdfText } from '../documents/test-pdf';
import { formatCents } from '../../shared/money/format';
import { formatUsDate } from '../../shared/dates/iso-date';
import { call } from '../testing/call';
import { addAccount, addClaim, addPayer } from '../testing/builders';
import { createTestCtx } from '../testing/test-db';
import { appealLetterData, chooseAppealTemplate } from './appeal-data';

describe('appeal letters from the demo hospital', () => {
  it('every appeal template renders for a real denied claim with its identifiers and amounts', async () => {
    const ctx = createTestCtx();
    try {
      generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
      const templates = await loadShippedTemplates();
      const denial = call(ctx, 'listDenials', { category: 'medical_necessity' }).rows.find(
        (d) => d.payerClaimNumber,
      );
      if (!denial) throw new Error('the demo has no medical necessity denial');
      const data = appealLetterData(ctx.db, denial.claimId, ctx.userId);
      if (!data) throw new Error('no letter data');
      const chosen = chooseAppealTemplate(templates, 'medical_necessity', 1, false);
      expect(chosen?.id).toBe('appeal-medical-necessity-1');

      for (const template of templates.filter((t) => t.recipient === 'payer')) {
        const letter = await renderLetter(template, data, { date: ctx.clock.today() });
        const text = pdfText(letter.pdf).replace(/\s+/g, ' ');
        expect(text, template.id).toContain(denial.accountNumber);
        expect(text, template.id).toContain(denial.payerClaimNumber ?? '');
        expect(pdfPageCount(letter.pdf), template.id).toBe(letter.pageCount);
        // the clinical story is not in the database: it shows as a placeholder and a warning
        if (template.id === 'appeal-medical-necessity-1') {
          expect(text).toContain(formatCents(denial.amount));
          expect(text).toContain(formatUsDate(denial.deadlineDate));
          expect(text).toContain('[CLINICAL SUMMARY]');
          expect(letter.warnings.join(' ')).toMatch(/CLINICAL SUMMARY/);
          expect(letter.warnings.join(' ')).not.toMatch(
            /MEMBER ID|PAYER CLAIM NUMBER|ACCOUNT NUMBER/,
          );
        }
      }
    } finally {
      ctx.close();
    }
  });
});

describe('appeal letter data from a claim file', () => {
  it('carries the authorization number and diagnosis codes an 837 brought in', () => {
    const ctx = createTestCtx();
    try {
      const payerId = addPayer(ctx);
      const { accountId } = addAccount(ctx, { payerId });
      const claimId = addClaim(ctx, accountId, payerId, { number: 'C837-1' });
      const before = appealLetterData(ctx.db, claimId, ctx.userId);
      expect(before?.fields.authorization_number).toBeUndefined();
      ctx.db
        .prepare(
          `UPDATE claims SET prior_authorization = 'PA-55120', diagnosis_codes = 'M54.5 M51.26'
           WHERE id = ?`,
        )
        .run(claimId);
      const after = appealLetterData(ctx.db, claimId, ctx.userId);
      expect(after?.fields.authorization_number).toBe('PA-55120');
      expect(after?.fields.diagnosis_codes).toBe('M54.5, M51.26');
    } finally {
      ctx.close();
    }
  });
});

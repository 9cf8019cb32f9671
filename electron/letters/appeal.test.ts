import type { AccountId } from '../../shared/ids';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DenialView } from '../../shared/api/denials';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { cents, negate } from '../../shared/money/cents';
import { formatCents } from '../../shared/money/format';
import { fixedClock } from '../core/context';
import { generateDemoData } from '../demo/generate';
import type { LetterData } from '../documents/letter-data';
import { renderLetter } from '../documents/letter-layout';
import { loadShippedTemplates } from '../documents/template-load';
import { pdfPageCount, pdfRawText, pdfText, writePageImages } from '../documents/test-pdf';
import { documentsDir, stagingDir } from '../filing/location';
import { loadStatementData } from '../statements/statement-data';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { createTestCtx, rowCount, TEST_TODAY, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeAll(() => {
  ctx = createTestCtx();
  generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
});
afterAll(() => ctx.close());

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Denials of the demo hospital, each test taking its own so they do not meet. */
function denials(filter: (d: DenialView) => boolean): DenialView[] {
  return call(ctx, 'listDenials', { limit: 500 }).rows.filter(filter);
}

let taken = new Set<number>();
function takeDenial(filter: (d: DenialView) => boolean): DenialView {
  const found = denials((d) => !taken.has(d.id) && filter(d))[0];
  if (!found) throw new Error('the demo hospital has no such denial');
  taken = new Set([...taken, found.id]);
  return found;
}

function financialClass(d: DenialView): string {
  return (
    ctx.db
      .prepare(
        `SELECT py.financial_class AS fc FROM claims c JOIN payers py ON py.id = c.payer_id WHERE c.id = ?`,
      )
      .get(d.claimId) as { fc: string }
  ).fc;
}

function filedPdfs(): string[] {
  const root = documentsDir(ctx.databasePath);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.pdf') && !f.startsWith('.staging'),
  );
}

describe('appeal letters for the demo hospital', () => {
  it('drafts the letter for the category and level with the fields, gaps and editable blocks', async () => {
    const denial = takeDenial(
      (d) => d.category === 'medical_necessity' && financialClass(d) === 'commercial',
    );
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(draft).toMatchObject({
      denialId: denial.id,
      claimId: denial.claimId,
      accountId: denial.accountId,
      templateId: 'appeal-medical-necessity-1',
      suggestedTemplateId: 'appeal-medical-necessity-1',
      subject: 'Request for reconsideration of a medical necessity denial',
    });
    expect(draft.recipient[0]).toBe(denial.payerName);
    expect(draft.recipient[1]).toBe('Attn: Appeals Department');
    const field = (key: string) => draft.fields.find((f) => f.key === key);
    expect(field('payer_claim_number')).toEqual({
      key: 'payer_claim_number',
      label: 'Payer claim number',
      value: denial.payerClaimNumber,
      required: true,
    });
    expect(field('denied_amount')?.value).toBe(formatCents(denial.amount));
    // what the database does not know stays empty for the representative to see
    expect(field('clinical_summary')).toMatchObject({ value: null, required: true });
    expect(draft.warnings).toContain(
      'Clinical summary has no data and prints as [CLINICAL SUMMARY].',
    );
    expect(draft.blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'paragraph',
      'paragraph',
      'table',
      'paragraph',
      'table',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'list',
      'list',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    // the risk to the patient's health is an argument only the representative can affirm
    expect(draft.blocks[11]).toMatchObject({ option: 'risk-to-the-patient-s-health' });
    expect(draft.blocks[3]).toEqual({
      index: 3,
      option: null,
      type: 'table',
      caption: 'Denial codes',
    });
    expect(draft.blocks[1]).toMatchObject({
      type: 'paragraph',
      text: expect.stringContaining(denial.payerClaimNumber ?? '?'),
    });
    expect(draft.suggestedEnclosures).toHaveLength(4);
    expect(draft.templates.map((t) => t.kind).sort()).toEqual(
      expect.arrayContaining(['appeal', 'corrected-claim', 'medicare-redetermination']),
    );
    expect(draft.templates.some((t) => t.kind === 'statement' || t.kind === 'patient-letter')).toBe(
      false,
    );
  });

  it('suggests the Medicare redetermination at Medicare level 1 and the corrected-claim letter when there is nothing to appeal', async () => {
    const medicare = takeDenial(
      (d) => d.category === 'coding_bundling' && financialClass(d) === 'medicare',
    );
    expect((await callAsync(ctx, 'draftAppeal', { denialId: medicare.id })).templateId).toBe(
      'medicare-redetermination',
    );
    const resubmit = takeDenial((d) => d.action === 'correct_and_resubmit');
    expect((await callAsync(ctx, 'draftAppeal', { denialId: resubmit.id })).templateId).toBe(
      'corrected-claim-cover',
    );
    const duplicate = takeDenial((d) => d.category === 'duplicate');
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: duplicate.id });
    expect(draft.suggestedTemplateId).toBe('corrected-claim-cover');
    // the representative may choose another letter
    const chosen = await callAsync(ctx, 'draftAppeal', {
      denialId: duplicate.id,
      templateId: 'appeal-eligibility-2',
    });
    expect(chosen.templateId).toBe('appeal-eligibility-2');
    expect(chosen.suggestedTemplateId).toBe('corrected-claim-cover');
  });

  it('previews edits and chosen enclosures, generates, files and records the letter, and marks it sent', async () => {
    const denial = takeDenial(
      (d) =>
        d.category === 'prior_authorization' && financialClass(d) !== 'medicare' && d.daysLeft >= 0,
    );
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    expect(draft.templateId).toBe('appeal-prior-authorization-1');
    const firstParagraph = draft.blocks.find((b) => b.type === 'paragraph');
    const letter = {
      denialId: denial.id,
      templateId: draft.templateId,
      edits: [
        {
          index: firstParagraph?.index ?? 0,
          text: 'We write about the authorization our office obtained by telephone on the day of admission.',
        },
      ],
      enclosures: [draft.suggestedEnclosures[0] ?? 'Remittance advice', 'Call log of 02/02/2026'],
    };
    const counts = {
      documents: rowCount(ctx, 'documents'),
      activities: rowCount(ctx, 'activities'),
    };
    const preview = await callAsync(ctx, 'previewAppeal', letter);
    const previewPdf = Buffer.from(preview.pdfBase64, 'base64');
    expect(rowCount(ctx, 'documents')).toBe(counts.documents);
    expect(preview.fileName).toBe(
      `appeal-prior-authorization-1-${denial.accountNumber}-2026-03-16.pdf`,
    );
    const text = flat(pdfText(previewPdf));
    expect(text).toContain('We write about the authorization our office obtained by telephone');
    expect(text).not.toContain('Dear Appeals Reviewer: On behalf');
    expect(text).toContain('Enclosures (2):');
    expect(text).toContain('Call log of 02/02/2026');
    for (const unchosen of draft.suggestedEnclosures.slice(1)) expect(text).not.toContain(unchosen);
    expect(preview.warnings.join(' ')).not.toContain('[ENCLOSURES]');
    expect(pdfPageCount(previewPdf)).toBe(preview.pages);

    const view = await callAsync(ctx, 'generateAppeal', letter);
    expect(view).toMatchObject({
      kind: 'appeal',
      title: 'Appeal - prior authorization (first level)',
      accountId: denial.accountId,
      claimId: denial.claimId,
      denialId: denial.id,
      templateId: 'appeal-prior-authorization-1',
      pages: preview.pages,
      createdBy: 'Rita Representative',
      sentDate: null,
      warnings: preview.warnings,
    });
    // same input, same day: the filed bytes are the previewed bytes
    const filed = await callAsync(ctx, 'getDocumentFile', { documentId: view.documentId });
    expect(Buffer.from(filed.pdfBase64, 'base64').equals(previewPdf)).toBe(true);
    writePageImages(previewPdf, 'appeal-letter-demo');

    const account = call(ctx, 'getAccount', { accountId: denial.accountId });
    const history = account.activities.map((a) => `${a.kind}: ${a.text}`);
    expect(history).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^letter: Appeal letter generated for .*: Appeal - prior authorization \\(first level\\), dated 03/16/2026 \\(document ${view.documentId}, ${view.pages} pages?`,
        ),
      ),
    );
    expect(history).toContain('system: Denial moved from new to appeal drafted.');
    expect(call(ctx, 'listAccountDocuments', { accountId: denial.accountId })[0]).toEqual(view);

    const sentOn = TEST_TODAY;
    await expectRefusedAsync(
      ctx,
      'markDocumentSent',
      { documentId: view.documentId, sentDate: addDays(TEST_TODAY, 1) },
      /cannot be in the future/,
    );
    await expectRefusedAsync(
      ctx,
      'markDocumentSent',
      { documentId: view.documentId, sentDate: addDays(TEST_TODAY, -1) },
      /cannot be before the document was generated \(03\/16\/2026\)/,
    );
    const sent = call(ctx, 'markDocumentSent', {
      documentId: view.documentId,
      sentDate: sentOn,
      note: 'Faxed to the appeals unit',
    });
    expect(sent).toMatchObject({ sentDate: sentOn, sentBy: 'Rita Representative' });
    expectRefused(
      ctx,
      'markDocumentSent',
      { documentId: view.documentId, sentDate: sentOn },
      /already marked sent on 03\/16\/2026 by Rita Representative/,
    );
    const after = call(ctx, 'getAccount', { accountId: denial.accountId });
    const followUp = after.followUps.find(
      (f) => f.kind === 'denial' && f.claimId === denial.claimId,
    );
    expect(followUp?.dueDate).toBe(addDays(sentOn, 30));
    expect(after.activities.map((a) => a.text)).toContain(
      `Appeal - prior authorization (first level) (document ${view.documentId}) sent on ${formatUsDate(sentOn)}. Faxed to the appeals unit`,
    );
    expect(
      call(ctx, 'listDenials', { limit: 500 }).rows.find((d) => d.id === denial.id)?.state,
    ).toBe('appeal_sent');
  });

  it('counts the follow-up from the day the letter went out', async () => {
    const denial = takeDenial(
      (d) => d.category === 'eligibility' && financialClass(d) !== 'medicare' && d.daysLeft >= 10,
    );
    const earlier = { ...ctx, clock: fixedClock(addDays(TEST_TODAY, -10)) };
    const view = await callAsync(earlier, 'generateAppeal', {
      denialId: denial.id,
      templateId: 'appeal-eligibility-1',
    });
    const sentOn = addDays(TEST_TODAY, -7);
    call(ctx, 'markDocumentSent', { documentId: view.documentId, sentDate: sentOn });
    const followUp = call(ctx, 'getAccount', { accountId: denial.accountId }).followUps.find(
      (f) => f.kind === 'denial' && f.claimId === denial.claimId,
    );
    expect(followUp?.dueDate).toBe(addDays(sentOn, 30));
  });

  it('refuses what it cannot do, writing no row and leaving no file', async () => {
    const denial = takeDenial((d) => d.category === 'non_covered');
    const files = filedPdfs();
    const draft = await callAsync(ctx, 'draftAppeal', { denialId: denial.id });
    const table = draft.blocks.find((b) => b.type === 'table');
    if (!table) throw new Error('the letter has no table');
    const tableEdit = {
      denialId: denial.id,
      templateId: draft.templateId,
      edits: [{ index: table.index, text: 'An edited table' }],
    };
    for (const method of ['previewAppeal', 'generateAppeal'] as const) {
      await expectRefusedAsync(
        ctx,
        method,
        tableEdit,
        new RegExp(
          `Block ${table.index} is the .* table, which is filled from the account; only paragraphs and headings can be edited`,
        ),
      );
      await expectRefusedAsync(
        ctx,
        method,
        { ...tableEdit, edits: [{ index: 99, text: 'x' }] },
        /There is no block 99 in this letter/,
      );
      await expectRefusedAsync(
        ctx,
        method,
        { denialId: 99_999, templateId: draft.templateId },
        /The denial was not found/,
      );
      await expectRefusedAsync(
        ctx,
        method,
        { denialId: denial.id, templateId: 'patient-statement' },
        /Choose an appeal letter, the Medicare redetermination request or the corrected-claim cover letter/,
      );
      await expectRefusedAsync(
        ctx,
        method,
        { denialId: denial.id, templateId: 'no-such-letter' },
        /The template was not found/,
      );
    }
    const listIndex = draft.blocks.find((b) => b.type === 'list')?.index ?? -1;
    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      { ...tableEdit, edits: [{ index: listIndex, text: 'x' }] },
      new RegExp(`Block ${listIndex} is a bulleted list`),
    );
    await expectRefusedAsync(ctx, 'draftAppeal', { denialId: 99_999 }, /The denial was not found/);
    call(ctx, 'updateDenial', { denialId: denial.id, state: 'resolved', resolution: 'upheld' });
    await expectRefusedAsync(
      ctx,
      'generateAppeal',
      { denialId: denial.id, templateId: 'appeal-non-covered-2' },
      /This denial is resolved/,
    );
    await expectRefusedAsync(
      ctx,
      'markDocumentSent',
      { documentId: 99_999, sentDate: TEST_TODAY },
      /The document was not found/,
    );
    expect(filedPdfs()).toEqual(files);
    expect(
      fs.existsSync(stagingDir(ctx.databasePath))
        ? fs.readdirSync(stagingDir(ctx.databasePath))
        : [],
    ).toEqual([]);
  });
});

describe('every shipped template with demo data', () => {
  it('renders each denial letter for a real denied claim with its identifiers, amounts and gaps', async () => {
    const denial = takeDenial(
      (d) => d.category === 'timely_filing' && financialClass(d) === 'commercial',
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

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { formatCents } from '../../shared/money/format';
import { fixedClock } from '../core/context';
import { pdfPageCount, pdfText, writePageImages } from '../documents/test-pdf';
import { documentsDir, stagingDir } from '../filing/location';
import { call, callAsync, expectRefused, expectRefusedAsync } from '../testing/call';
import { rowCount, TEST_TODAY, type TestCtx } from '../testing/test-db';
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
      (d) => d.category === 'medical_necessity' && financialClass(ctx, d) === 'commercial',
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
      (d) => d.category === 'coding_bundling' && financialClass(ctx, d) === 'medicare',
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
        d.category === 'prior_authorization' &&
        financialClass(ctx, d) !== 'medicare' &&
        d.daysLeft >= 0,
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
      (d) =>
        d.category === 'eligibility' && financialClass(ctx, d) !== 'medicare' && d.daysLeft >= 10,
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

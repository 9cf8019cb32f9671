import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedTemplatesDir } from '../documents/paths';
import { pdfText } from '../documents/test-pdf';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  makeSupervisor,
} from '../testing/builders';
import { call, callAsync, expectRefusedAsync } from '../testing/call';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, rowCount, type TestCtx } from '../testing/test-db';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
});
afterEach(() => ctx.close());

const MEDICAL = 'appeal-medical-necessity-1';

function shippedHash(): string {
  const hash = createHash('sha256');
  const dir = shippedTemplatesDir();
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.endsWith('.txt')) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
  }
  return hash.digest('hex');
}

/** A claim denied for medical necessity (CO-50), worked as a denial. */
function medicalNecessityDenial(): number {
  const payerId = addPayer(ctx, { name: 'Granite State Health' });
  const { accountId } = addAccount(ctx, { payerId });
  const { claimId } = addBilledClaim(ctx, accountId, payerId, [48_000]);
  const { n } = ctx.db
    .prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`)
    .get(claimId) as {
    n: string;
  };
  call(ctx, 'importFile', {
    fileName: 'denial.835',
    text: remittanceFile([
      remitClaim({
        patientControlNumber: n,
        charge: 48_000,
        paid: 0,
        status: '4',
        adjustments: [{ group: 'CO', reason: '50', amount: 48_000 }],
      }),
    ]),
  });
  const denial = call(ctx, 'listDenials', {}).rows[0];
  if (!denial) throw new Error('no denial');
  return denial.id;
}

describe('template copies', () => {
  it('lets a supervisor copy, edit with errors as a draft, fix and put a copy in use for the letters', async () => {
    const shippedBefore = shippedHash();
    const shipped = await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL });
    expect(shipped).toMatchObject({ copyId: null, editable: false, inUse: true, errors: [] });

    const copy = await callAsync(ctx, 'copyTemplate', { templateId: MEDICAL, name: 'Our wording' });
    expect(copy).toMatchObject({
      templateId: MEDICAL,
      name: 'Our wording',
      text: shipped.text,
      errors: [],
      editable: true,
      inUse: false,
    });
    const copyId = copy.copyId as number;

    // a misspelt placeholder: saved as a draft, with the error and the valid names
    const misspelt = shipped.text.replace(
      'Dear Appeals Reviewer:',
      'Dear Appeals Reviewer, re member {{member_number}}:',
    );
    const line = misspelt.split('\n').findIndex((l) => l.includes('{{member_number}}')) + 1;
    const draft = await callAsync(ctx, 'saveTemplateCopy', { copyId, text: misspelt });
    expect(draft.errors).toHaveLength(1);
    expect(draft.errors[0]?.line).toBe(line);
    expect(draft.errors[0]?.message).toMatch(
      /^Unknown placeholder \{\{member_number\}\}\. Valid placeholders: facility_name, .*member_id.*\.$/,
    );
    const listed = await callAsync(ctx, 'listTemplates', { kind: 'appeal' });
    expect(listed.find((t) => t.templateId === MEDICAL)?.copies).toEqual([
      expect.objectContaining({ copyId, name: 'Our wording', valid: false, inUse: false }),
    ]);
    await expectRefusedAsync(
      ctx,
      'setTemplateInUse',
      { templateId: MEDICAL, copyId },
      new RegExp(
        `"Our wording" cannot be put in use until its errors are fixed: line ${line}: Unknown placeholder \\{\\{member_number\\}\\}`,
      ),
    );

    const ours = shipped.text.replace(
      'Dear Appeals Reviewer:',
      'Dear Appeals Reviewer, about account {{account_number}}:',
    );
    expect((await callAsync(ctx, 'saveTemplateCopy', { copyId, text: ours })).errors).toEqual([]);
    const summaries = await callAsync(ctx, 'setTemplateInUse', { templateId: MEDICAL, copyId });
    expect(summaries.find((t) => t.templateId === MEDICAL)).toMatchObject({
      copyInUse: copyId,
      copies: [expect.objectContaining({ copyId, valid: true, inUse: true })],
    });
    expect((await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL })).inUse).toBe(false);

    // the letters use it now, and the filed document says which copy
    const denialId = medicalNecessityDenial();
    const letter = await callAsync(ctx, 'draftAppeal', { denialId });
    expect(letter.templateId).toBe(MEDICAL);
    expect(letter.blocks[0]).toMatchObject({
      text: `Dear Appeals Reviewer, about account ${letter.fields.find((f) => f.key === 'account_number')?.value}:`,
    });
    expect(letter.blocks[0]).not.toMatchObject({ text: expect.stringContaining('[') });
    const filed = await callAsync(ctx, 'generateAppeal', { denialId, templateId: MEDICAL });
    expect(
      ctx.db
        .prepare(`SELECT template_copy_id AS c FROM documents WHERE id = ?`)
        .get(filed.documentId),
    ).toEqual({ c: copyId });

    // in use, it must stay valid
    await expectRefusedAsync(
      ctx,
      'saveTemplateCopy',
      { copyId, text: misspelt },
      /"Our wording" is in use, so it cannot be saved with errors: line \d+: Unknown placeholder \{\{member_number\}\}/,
    );
    expect((await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL, copyId })).text).toBe(
      ours,
    );

    // and the shipped text comes back with one choice
    await callAsync(ctx, 'setTemplateInUse', { templateId: MEDICAL, copyId: null });
    const back = await callAsync(ctx, 'draftAppeal', { denialId });
    expect(back.blocks[0]).toMatchObject({ text: 'Dear Appeals Reviewer:' });
    expect(shippedHash()).toBe(shippedBefore);
  });

  it('keeps a copy standing in for its template: same id, kind and level', async () => {
    const copy = await callAsync(ctx, 'copyTemplate', { templateId: MEDICAL, name: 'Moved' });
    const text = copy.text
      .replace(`id: ${MEDICAL}`, 'id: appeal-medical-necessity-2')
      .replace('level: 1', 'level: 2');
    const saved = await callAsync(ctx, 'saveTemplateCopy', { copyId: copy.copyId as number, text });
    expect(saved.errors.map((e) => e.message)).toEqual([
      `id must stay "${MEDICAL}": this text stands in for that template.`,
      'level must stay 1.',
    ]);
    const other = await callAsync(ctx, 'copyTemplate', {
      templateId: 'patient-statement',
      name: 'S',
    });
    await expectRefusedAsync(
      ctx,
      'setTemplateInUse',
      { templateId: MEDICAL, copyId: other.copyId },
      /That copy belongs to another template/,
    );
  });

  it('uses a statement copy for statements: the office hours typed in, no gap left', async () => {
    const { accountId, patientId } = addAccount(ctx);
    // a statement goes only where it can be mailed
    addAddress(ctx, patientId);
    const before = await callAsync(ctx, 'generateStatement', { accountId });
    expect(before.warnings).toContain(
      'Office hours has no data and prints as [BILLING OFFICE HOURS].',
    );
    const copy = await callAsync(ctx, 'copyTemplate', {
      templateId: 'patient-statement',
      name: 'With hours',
    });
    const text = copy.text.replace('({{billing_office_hours}})', '(weekdays 8 to 5)');
    await callAsync(ctx, 'saveTemplateCopy', { copyId: copy.copyId as number, text });
    await callAsync(ctx, 'setTemplateInUse', {
      templateId: 'patient-statement',
      copyId: copy.copyId,
    });
    const after = await callAsync(ctx, 'generateStatement', { accountId });
    expect(after.warnings).not.toContain(
      'Office hours has no data and prints as [BILLING OFFICE HOURS].',
    );
    const file = await callAsync(ctx, 'getDocumentFile', { documentId: after.documentId });
    expect(pdfText(Buffer.from(file.pdfBase64, 'base64'))).toContain('(weekdays 8 to 5)');
  });

  it('previews a text being edited on sample data, or gives its errors', async () => {
    const { text } = await callAsync(ctx, 'getTemplateSource', { templateId: 'patient-statement' });
    const preview = await callAsync(ctx, 'previewTemplate', {
      templateId: 'patient-statement',
      text: text.replace('Thank you for choosing', 'We appreciate you choosing'),
    });
    expect(preview.errors).toEqual([]);
    const pdf = Buffer.from(preview.pdf?.pdfBase64 ?? '', 'base64');
    expect(pdfText(pdf)).toContain('We appreciate you choosing');
    expect(pdfText(pdf)).toContain('A100482');

    const broken = await callAsync(ctx, 'previewTemplate', {
      templateId: 'patient-statement',
      text: text.replace('# message-final', '# message-last'),
    });
    expect(broken.pdf).toBeNull();
    expect(broken.errors.map((e) => e.message)).toEqual([
      'Missing statement sections: message-final.',
      expect.stringMatching(/^Unknown statement section "message-last"/),
    ]);
    const letter = await callAsync(ctx, 'previewTemplate', {
      templateId: MEDICAL,
      text: (await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL })).text,
    });
    expect(pdfText(Buffer.from(letter.pdf?.pdfBase64 ?? '', 'base64'))).toContain(
      'Eleanor M. Testwell',
    );
  });

  it('refuses a representative, unknown templates and copies, writing nothing', async () => {
    const copy = await callAsync(ctx, 'copyTemplate', { templateId: MEDICAL, name: 'Mine' });
    ctx.db.prepare(`UPDATE users SET role = 'representative' WHERE id = ?`).run(ctx.userId);
    // the screen is told, so it offers a representative nothing to change
    const read = await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL });
    expect(read.canChange).toBe(false);
    await expectRefusedAsync(
      ctx,
      'copyTemplate',
      { templateId: MEDICAL, name: 'x' },
      /Only a supervisor can copy a template/,
    );
    await expectRefusedAsync(
      ctx,
      'saveTemplateCopy',
      { copyId: copy.copyId, text: copy.text },
      /Only a supervisor can edit a template/,
    );
    await expectRefusedAsync(
      ctx,
      'setTemplateInUse',
      { templateId: MEDICAL, copyId: copy.copyId },
      /Only a supervisor can choose which template is in use/,
    );
    makeSupervisor(ctx);
    expect(
      (await callAsync(ctx, 'getTemplateSource', { templateId: MEDICAL, copyId: copy.copyId }))
        .canChange,
    ).toBe(true);
    await expectRefusedAsync(
      ctx,
      'copyTemplate',
      { templateId: 'no-such-template', name: 'x' },
      /The template was not found/,
    );
    await expectRefusedAsync(
      ctx,
      'copyTemplate',
      { templateId: '../etc', name: 'x' },
      /Unknown template/,
    );
    await expectRefusedAsync(
      ctx,
      'saveTemplateCopy',
      { copyId: 999, text: copy.text },
      /The template copy was not found/,
    );
    await expectRefusedAsync(
      ctx,
      'getTemplateSource',
      { templateId: 'patient-statement', copyId: copy.copyId },
      /That copy belongs to another template/,
    );
    expect(rowCount(ctx, 'template_in_use')).toBe(0);
  });
});

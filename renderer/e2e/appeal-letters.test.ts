import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { callAsync } from '../../electron/testing/call';
import { makeSupervisor } from '../../electron/testing/builders';
import { filedPath } from '../../electron/filing/location';
import { appSession, inkOn, printed, screenshot, stubPrint, type TestCtx } from './harness';

const app = appSession();
const SHIPPED_TEMPLATE = new URL('../../templates/appeal-medical-necessity-1.txt', import.meta.url);

interface DenialRow {
  id: number;
  accountId: number;
  claimNumber: string;
  followUpId: number;
}

/**
 * An open medical-necessity denial in the demo data whose letter is the commercial
 * first-level appeal: its clinical summary is never on file, so the draft has a required
 * field to write in.
 */
async function medicalNecessityDenial(c: TestCtx): Promise<DenialRow> {
  const rows = c.db
    .prepare(
      `SELECT d.id, c.account_id AS accountId, c.claim_number AS claimNumber,
         d.follow_up_id AS followUpId
       FROM denials d JOIN claims c ON c.id = d.claim_id
       WHERE d.category = 'medical_necessity' AND d.action = 'appeal' AND d.state = 'new'
         -- on time: a late appeal asks a question first (letter-truth.test.ts)
         AND d.deadline_date >= ?
       ORDER BY d.id`,
    )
    .all(c.clock.today()) as DenialRow[];
  for (const row of rows) {
    const draft = await callAsync(c, 'draftAppeal', { denialId: row.id });
    if (draft.templateId === 'appeal-medical-necessity-1') return row;
  }
  throw new Error('the demo data has no open commercial medical-necessity denial');
}

describe('appeal letters and their templates', () => {
  it('drafts an appeal from a denied claim, files it on the account, prints it and marks it sent', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const denial = await medicalNecessityDenial(ctx);
    const page = await app.open(`#/accounts/${denial.accountId}`, ctx);

    // the denial card on the account leads to the letter
    const card = page.getByRole('group', { name: `Denial on claim ${denial.claimNumber}` });
    await card.getByRole('button', { name: 'Draft appeal' }).click();
    await page.waitForURL(new RegExp(`#/appeal/${denial.id}$`));

    // the suggested template is chosen, the fields are filled and the missing ones stand out
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Template' }).inputValue())
      .toBe('Appeal - medical necessity (first level)');
    const fields = page.getByRole('table', { name: 'Letter fields' });
    const clinical = fields.getByRole('row').filter({ hasText: 'Clinical summary' });
    await expect.poll(() => clinical.getAttribute('data-missing')).toBe('required');
    await clinical.getByText('[CLINICAL SUMMARY]').waitFor();
    const patient = fields.getByRole('row').filter({ hasText: 'Patient' }).first();
    expect(await patient.getAttribute('data-missing')).toBeNull();
    await page.getByText('Required before the letter goes out').waitFor();
    await screenshot(page, 'appeal-draft');

    // write the clinical summary where the placeholder stands in the letter
    await clinical.getByRole('button', { name: 'Write it in the letter' }).click();
    const summary =
      'The patient presented with chest pain radiating to the left arm; the ECG and troponin ' +
      'results required admission for observation and a stress test.';
    await page.keyboard.type(summary);
    const edited = page.getByRole('textbox', { name: /Paragraph \d+ edited/ });
    await expect.poll(() => edited.inputValue()).toBe(summary);
    await expect.poll(() => clinical.getAttribute('data-missing')).toBeNull();

    // the enclosures: one suggested, one added
    await page.getByRole('checkbox', { name: /remittance advice/ }).check();
    await page.getByRole('textbox', { name: 'Add enclosure' }).fill('Cardiology consult note');
    await page.getByRole('textbox', { name: 'Add enclosure' }).press('Enter');
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Cardiology consult note' }).isChecked())
      .toBe(true);

    // Ctrl+Enter previews the letter as edited, drawn into a canvas by pdf.js
    await page.keyboard.press('Control+Enter');
    const preview = page.getByRole('region', { name: 'Letter preview' });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    expect(await inkOn(page, '[aria-label="Letter preview"] canvas')).toBeGreaterThan(1000);
    await page.getByText('Preview: not filed, not for sending').waitFor();
    await screenshot(page, 'appeal-preview');

    // another change makes the preview out of date until it is updated
    await edited.press('End');
    await page.keyboard.type(' The stress test was positive.');
    await page.getByText('The letter changed since this preview.').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.getByText('The letter changed since this preview.').waitFor({ state: 'hidden' });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');

    // generate: the letter is filed on the account, with its PDF beside the database
    const documentsBefore = ctx.db.prepare(`SELECT count(*) AS n FROM documents`).get() as {
      n: number;
    };
    await page.getByRole('button', { name: 'Generate and file' }).click();
    await page.getByText('Filed on the account', { exact: true }).first().waitFor();
    const filed = page.getByRole('region', { name: 'Filed document' });
    await expect
      .poll(() => filed.getByRole('region', { name: 'Filed letter' }).getAttribute('data-state'))
      .toBe('drawn');
    const doc = ctx.db
      .prepare(
        `SELECT id, kind, title, account_id AS accountId, denial_id AS denialId,
           template_id AS templateId, file_name AS fileName, pages, sent_date AS sentDate
         FROM documents WHERE denial_id = ?`,
      )
      .get(denial.id) as {
      id: number;
      kind: string;
      title: string;
      accountId: number;
      denialId: number;
      templateId: string;
      fileName: string;
      pages: number;
      sentDate: string | null;
    };
    expect((ctx.db.prepare(`SELECT count(*) AS n FROM documents`).get() as { n: number }).n).toBe(
      documentsBefore.n + 1,
    );
    expect(doc).toMatchObject({
      kind: 'appeal',
      accountId: denial.accountId,
      templateId: 'appeal-medical-necessity-1',
      sentDate: null,
    });
    const file = filedPath(ctx.databasePath, doc.fileName);
    expect(file).not.toBeNull();
    expect(
      fs
        .readFileSync(file ?? '')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await screenshot(page, 'appeal-filed');

    // Print draws the pages for the printer and opens the print dialog
    await stubPrint(page);
    await filed.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => printed(page)).toEqual([doc.pages]);

    // Save a copy downloads the PDF under the document's name
    const download = page.waitForEvent('download');
    await filed.getByRole('button', { name: 'Save a copy' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    // mark it sent today: the denial is now "appeal sent", with a follow-up in 30 days
    const form = page.getByRole('form', { name: 'Mark the letter sent' });
    await expect
      .poll(() => form.getByRole('textbox', { name: 'Sent date' }).inputValue())
      .toBe(formatUsDate(today));
    await form.getByRole('button', { name: 'Mark sent' }).click();
    const followUpDate = addDays(today, 30);
    await filed.getByRole('group', { name: 'Denial state' }).getByText('Appeal sent').waitFor();
    await filed
      .getByRole('group', { name: 'Follow-up' })
      .getByText(formatUsDate(followUpDate))
      .waitFor();
    await screenshot(page, 'appeal-sent');
    expect(
      ctx.db
        .prepare(
          `SELECT d.state, f.due_date AS dueDate, f.status, doc.sent_date AS sentDate
           FROM denials d JOIN follow_ups f ON f.id = d.follow_up_id
           JOIN documents doc ON doc.denial_id = d.id WHERE d.id = ?`,
        )
        .get(denial.id),
    ).toEqual({ state: 'appeal_sent', dueDate: followUpDate, status: 'open', sentDate: today });

    // back on the account: the denial says so and the letter is among its documents
    await page.getByRole('button', { name: '← Back to the account' }).click();
    await page.waitForURL(new RegExp(`#/accounts/${denial.accountId}$`));
    await card.getByText('Appeal sent', { exact: true }).waitFor();
    const documents = page.getByRole('table', { name: 'Documents' });
    const row = documents.getByRole('row').filter({ hasText: doc.title });
    await row.getByText(formatUsDate(today), { exact: true }).waitFor();
    await row.getByText('Rita Representative').waitFor();

    // any document opens again to print or save
    await row.getByRole('button', { name: doc.title }).click();
    const dialog = page.getByRole('dialog', { name: doc.title });
    await expect
      .poll(() =>
        dialog.getByRole('region', { name: `Preview of ${doc.title}` }).getAttribute('data-state'),
      )
      .toBe('drawn');
    // a filed appeal is reproduced from the facts it printed, the same bytes as filed
    await dialog.getByRole('button', { name: 'Reproduce and compare' }).click();
    await dialog.getByText('Identical to the filed letter').waitFor();
    await screenshot(page, 'account-document-open');
    await stubPrint(page);
    await dialog.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => printed(page)).toEqual([doc.pages]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // the denials list leads to the letter too, for a second-level appeal say
    await page.goto(app.url('#/denials'));
    // an appeal still on time sorts below the overdue ones: show the sent appeals only
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: 'Appeal sent' }).click();
    const listed = page
      .getByRole('grid', { name: /^Denials/ })
      .getByRole('row')
      .filter({ hasText: denial.claimNumber });
    await listed.getByText('Appeal sent').waitFor();
    await screenshot(page, 'denials-draft-appeal');
    await listed.getByRole('button', { name: 'Draft appeal' }).click();
    await page.waitForURL(new RegExp(`#/appeal/${denial.id}$`));
    await page.getByRole('table', { name: 'Letter fields' }).waitFor();
  });

  it('lets a supervisor copy a template, refuses a broken copy and puts the fixed one in use', async () => {
    const ctx = app.database({ demo: true });
    const shipped = fs.readFileSync(SHIPPED_TEMPLATE, 'utf8');
    const denial = await medicalNecessityDenial(ctx);
    const page = await app.open('#/templates', ctx);

    // the shipped text reads, read only, with its preview on sample data
    const nav = page.getByRole('navigation', { name: 'Templates' });
    await nav.getByText('Appeal - medical necessity (first level)').click();
    await page.waitForURL(/#\/templates\?template=appeal-medical-necessity-1$/);
    const shippedText = page.getByRole('textbox', { name: 'Shipped text' });
    expect(await shippedText.getAttribute('readonly')).not.toBeNull();
    const preview = page.getByRole('region', { name: 'Template preview' });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    await screenshot(page, 'template-shipped');

    // a representative reads templates but is offered nothing to change them with
    await page.getByText('Only a supervisor can change the wording of a template.').waitFor();
    expect(await page.getByRole('button', { name: 'Make a copy' }).count()).toBe(0);

    // as a supervisor: make a copy
    makeSupervisor(ctx);
    await page.reload();
    await page.getByRole('button', { name: 'Make a copy' }).click();
    const copyForm = page.getByRole('form', { name: 'Make a copy' });
    await copyForm.getByRole('textbox', { name: 'Name of the copy' }).fill('Lakeshore wording');
    await copyForm.getByRole('button', { name: 'Make a copy' }).click();
    await page.waitForURL(/#\/templates\?template=appeal-medical-necessity-1&copy=\d+$/);
    const source = page.getByRole('textbox', { name: 'Text of Lakeshore wording' });
    await expect.poll(() => source.inputValue()).toBe(shipped);

    // a misspelt placeholder is reported with its line, and the copy cannot be used
    const broken = shipped.replace('{{clinical_summary}}', '{{clinical_sumary}}');
    const line = broken.split('\n').findIndex((l) => l.includes('{{clinical_sumary}}')) + 1;
    await source.fill(broken);
    const problems = page.getByRole('alert').filter({ hasText: 'cannot be put in use' });
    await problems.getByRole('button', { name: `Line ${line}` }).waitFor();
    await problems.getByText(/clinical_sumary/).waitFor();
    const use = page.getByRole('button', { name: /use this copy$/i });
    expect(await use.isDisabled()).toBe(true);
    await problems.getByRole('button', { name: `Line ${line}` }).click();
    await page.getByText(`Line ${line}, column 1`).waitFor();
    await screenshot(page, 'template-copy-error');

    // fixed, with the greeting reworded: saved, checked and put in use
    const fixed = shipped.replace('Dear Appeals Reviewer:', 'Dear Appeals Committee:');
    await source.fill(fixed);
    await page.getByText('No problems found').waitFor();
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Unsaved changes').waitFor({ state: 'hidden' });
    await expect.poll(() => use.isEnabled()).toBe(true);
    await use.click();
    await page.getByText('In use', { exact: true }).waitFor();
    await nav.getByText('In use: Lakeshore wording').waitFor();
    await screenshot(page, 'template-copy-in-use');

    // the copy is stored and in use; the shipped file is untouched
    const copy = ctx.db
      .prepare(
        `SELECT c.name, c.valid, c.text FROM template_in_use u
         JOIN template_copies c ON c.id = u.copy_id WHERE u.template_id = ?`,
      )
      .get('appeal-medical-necessity-1');
    expect(copy).toEqual({ name: 'Lakeshore wording', valid: 1, text: fixed });
    expect(fs.readFileSync(SHIPPED_TEMPLATE, 'utf8')).toBe(shipped);

    // the next appeal letter uses the office wording
    await page.goto(app.url(`#/appeal/${denial.id}`));
    await page.getByRole('textbox', { name: 'Paragraph 1' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Paragraph 1' }).inputValue()).toBe(
      'Dear Appeals Committee:',
    );

    // and the shipped text can be put back
    await page.goto(app.url('#/templates?template=appeal-medical-necessity-1'));
    await page.getByRole('button', { name: 'Use shipped text' }).click();
    await nav.getByText('In use: Shipped text').first().waitFor();
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM template_in_use`).get() as { n: number },
    ).toEqual({ n: 0 });
  });
});

import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { callAsync } from '../../electron/testing/call';
import { makeSupervisor } from '../../electron/testing/builders';
import { filedPath, stagingDir } from '../../electron/filing/location';
import { RUN_LABEL } from '../../electron/statements/runs';
import { appSession, screenshot, type TestCtx } from './harness';

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

/** Counts the pixels of a drawn canvas that are not white: a blank page has none. */
function inkOn(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 200) ink++;
      return ink;
    });
}

/** window.print opens the system dialog; here it only counts the calls and the pages. */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { printed: number[] };
    w.printed = [];
    window.print = () => {
      w.printed.push(document.querySelectorAll('.print-pages img').length);
    };
  });
}

const printed = (page: Page) =>
  page.evaluate(() => (window as unknown as { printed: number[] }).printed);

describe('documents', () => {
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

  it('makes a statement for one account from the account view', async () => {
    const ctx = app.database({ demo: true });
    const account = ctx.db
      .prepare(
        // one a statement may be mailed to on request: no hold that refuses it
        `SELECT a.id, a.account_number AS number FROM accounts a
           JOIN people g ON g.id = a.guarantor_id JOIN people pt ON pt.id = a.patient_id
         WHERE a.status = 'open' AND a.patient_balance > 5000 AND g.returned_mail = 0
           AND g.deceased_date IS NULL AND pt.deceased_date IS NULL
           AND NOT EXISTS (SELECT 1 FROM dunning_stages ds WHERE ds.account_id = a.id)
         ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: number; number: string };
    const page = await app.open(`#/accounts/${account.id}`, ctx);
    const documents = page.getByRole('region', { name: 'Documents' });
    await documents.getByRole('button', { name: 'Statement' }).click();

    // the new statement opens to print, and is listed on the account
    const dialog = page.getByRole('dialog', { name: /statement/i });
    const preview = dialog.getByRole('region', { name: /^Preview of / });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    expect(await inkOn(page, '[role="dialog"] canvas')).toBeGreaterThan(1000);
    await screenshot(page, 'statement-one-account');
    await stubPrint(page);
    await dialog.getByRole('button', { name: 'Print' }).click();
    await expect.poll(() => printed(page)).toHaveLength(1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Escape closed the document, not the account behind it
    expect(page.url()).toMatch(new RegExp(`#/accounts/${account.id}$`));

    const filed = ctx.db
      .prepare(
        `SELECT id, title, file_name AS fileName FROM documents
         WHERE account_id = ? AND kind = 'statement'`,
      )
      .all(account.id) as { id: number; title: string; fileName: string }[];
    expect(filed).toHaveLength(1);
    expect(fs.existsSync(filedPath(ctx.databasePath, filed[0]?.fileName ?? '') ?? '')).toBe(true);
    await page
      .getByRole('table', { name: 'Documents' })
      .getByRole('button', { name: filed[0]?.title ?? '' })
      .waitFor();
  });

  it('prints one statement per guarantor, shows the holds with their reasons and a plan statement', async () => {
    const ctx = app.database({ demo: true });
    ctx.db
      .prepare(
        `UPDATE facility SET remit_to = ?, payment_url = ?, assistance_phone = ?,
           assistance_url = ?, assistance_summary_url = ?, language_taglines = ?`,
      )
      .run(
        'Patient Payments\nPO Box 4400\nRiverbend, OH 45998-4400',
        'pay.riverbend.example.org',
        '(555) 010-2150',
        'riverbend.example.org/assistance',
        'riverbend.example.org/assistance/summary',
        'ATTENTION: Free language assistance is available. Call (555) 010-2100.\nATENCIÓN: Hay ayuda gratuita con el idioma. Llame al (555) 010-2100.',
      );
    // a guarantor put on a plan in good standing and a deceased one, named to sort first
    const plan = ctx.db
      .prepare(
        `SELECT a.id, a.guarantor_id AS guarantorId FROM accounts a JOIN people g ON g.id = a.guarantor_id
         WHERE a.status = 'open' AND a.patient_balance > 20000 AND a.insurance_balance = 0
           AND g.deceased_date IS NULL AND g.returned_mail = 0
           AND EXISTS (SELECT 1 FROM addresses ad WHERE ad.person_id = g.id)
           AND NOT EXISTS (SELECT 1 FROM promises r WHERE r.account_id = a.id AND r.status = 'open')
           AND NOT EXISTS (SELECT 1 FROM payment_plans p WHERE p.account_id = a.id AND p.status = 'active')
           AND (SELECT count(*) FROM accounts x WHERE x.guarantor_id = a.guarantor_id) = 1
         ORDER BY a.id LIMIT 1`,
      )
      .get() as { id: number; guarantorId: number };
    await callAsync(ctx, 'createPlan', {
      accountId: plan.id,
      downPayment: 0,
      length: { mode: 'months', months: 6 },
      firstDueDate: addDays(ctx.clock.today(), 10),
      includeNewCharges: false,
    });
    const deceased = ctx.db
      .prepare(
        `SELECT a.id, a.guarantor_id AS guarantorId FROM accounts a
         WHERE a.status = 'open' AND a.patient_balance > 5000 AND a.id <> ?
           AND (SELECT count(*) FROM accounts x WHERE x.guarantor_id = a.guarantor_id) = 1
         ORDER BY a.id LIMIT 1`,
      )
      .get(plan.id) as { id: number; guarantorId: number };
    ctx.db.prepare(`UPDATE accounts SET account_number = '0000PLAN' WHERE id = ?`).run(plan.id);
    ctx.db.prepare(`UPDATE accounts SET account_number = '0000DEAD' WHERE id = ?`).run(deceased.id);
    ctx.db
      .prepare(`UPDATE people SET deceased_date = '2026-02-01' WHERE id = ?`)
      .run(deceased.guarantorId);

    // a statement run is a supervisor's, or a representative's they allowed
    makeSupervisor(ctx);
    const page = await app.open('#/statements', ctx);
    await page.getByRole('heading', { name: 'Statements' }).waitFor();
    const filters = page.getByRole('form', { name: 'Which accounts' });
    await filters.getByRole('textbox', { name: 'Minimum patient balance' }).fill('0.00');
    await filters.getByRole('textbox', { name: 'No statement within' }).fill('30');
    await filters.getByRole('button', { name: 'Find accounts' }).click();
    const grid = page.getByRole('grid', { name: /^Guarantors due a statement/ });
    // the guarantors' rows, below the grid's row of column headers
    const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
    await rows.first().waitFor();
    // the first page shows at once; the rest are read behind it until the list is whole
    const status = page.getByRole('status').filter({ hasText: /guarantors? with a balance/ });
    await status.filter({ hasText: /^[\d,]+ guarantors with a balance$/ }).waitFor();
    const total = Number(((await status.textContent()) ?? '').replace(/\D+/g, ''));
    expect(total).toBeGreaterThan(200);
    expect(await grid.getAttribute('aria-rowcount')).toBe(String(total + 1));

    // the counts a supervisor checks before printing
    const counts = page.getByRole('group', { name: /by stage and accounts held by reason/ });
    await counts.getByText(/^Statement: \d+/).waitFor();
    await counts.getByText(/^Patient or guarantor deceased: \d+/).waitFor();
    await counts.getByText(/^Insurance pending: \d+/).waitFor();

    // the deceased guarantor is listed with the reason and cannot be chosen; the plan can
    const dead = rows.filter({ hasText: '0000DEAD' });
    await dead.getByText('Patient or guarantor deceased (0000DEAD)').waitFor();
    expect(await dead.getByRole('checkbox').isDisabled()).toBe(true);
    const onPlan = rows.filter({ hasText: '0000PLAN' });
    await onPlan.getByText('Plan statement').waitFor();
    await screenshot(page, 'statements-holds');

    // select all takes only what can be printed: the deceased guarantor stays out
    await page
      .getByRole('checkbox', { name: 'Select all guarantors that can get a statement' })
      .check();
    expect(await dead.getByRole('checkbox').isChecked()).toBe(false);
    await page
      .getByRole('checkbox', { name: 'Select all guarantors that can get a statement' })
      .uncheck();

    // the plan, and four guarantors that can get a dunning statement, at whatever stage
    await onPlan.getByRole('checkbox').check();
    const picked: string[] = [];
    for (let i = 0, n = 0; n < 4 && i < 40; i++) {
      const row = rows.nth(i);
      const box = row.getByRole('checkbox');
      const label = (await row.locator('[role="gridcell"]').nth(4).textContent()) ?? '';
      // converted demo accounts start at the stage their history shows: any dunning stage will do
      const dunning = /^(Statement|Second statement|Past due|Final notice)$/.test(label);
      if ((await box.isDisabled()) || (await box.isChecked()) || !dunning) continue;
      await box.check();
      picked.push(
        ((await row.locator('[role="gridcell"]').nth(2).textContent()) ?? '').replace(
          / \+\d+$/,
          '',
        ),
      );
      n++;
    }
    expect(picked).toHaveLength(4);
    await page.getByText('5 selected').waitFor();
    await screenshot(page, 'statements-selected');
    await page.getByRole('button', { name: 'Print statements (5)' }).click();

    // progress, then the combined PDF opens ready to print
    const run = page.getByRole('region', { name: 'Statement run' });
    await run.getByText(/^Done: 5 statements printed/).waitFor();
    const dialog = page.getByRole('dialog', { name: 'Statements to print' });
    await expect
      .poll(() => dialog.getByRole('region', { name: /^Preview of / }).getAttribute('data-state'))
      .toBe('drawn');
    await screenshot(page, 'statements-run-done');
    await stubPrint(page);
    await dialog.getByRole('button', { name: 'Print' }).click();
    await expect.poll(async () => (await printed(page))[0] ?? 0).toBeGreaterThanOrEqual(5);

    // one combined file; each listed account's copy filed on it, the plan's among them
    const combined = ctx.db
      .prepare(`SELECT id, file_name AS fileName FROM documents WHERE kind = 'statement_run'`)
      .all() as { id: number; fileName: string }[];
    expect(combined).toHaveLength(1);
    const copies = ctx.db
      .prepare(
        `SELECT a.account_number AS number, d.title FROM documents d
           JOIN accounts a ON a.id = d.account_id
         WHERE d.kind = 'statement' AND d.run_document_id = ? ORDER BY a.account_number`,
      )
      .all(combined[0]?.id) as { number: string; title: string }[];
    expect(copies.map((c) => c.number)).toEqual(expect.arrayContaining([...picked, '0000PLAN']));
    expect(copies.find((c) => c.number === '0000PLAN')?.title).toBe(
      'Patient statement (payment plan)',
    );
    const pdf = filedPath(ctx.databasePath, combined[0]?.fileName ?? '') ?? '';
    fs.copyFileSync(pdf, 'test-output/screenshots/statements-run.pdf');
    await page.keyboard.press('Escape');

    // the account shows its stage, and the deceased one its hold and why
    const account = await app.open(`#/accounts/${deceased.id}`, ctx);
    const card = account.getByRole('region', { name: 'Statements', exact: true });
    await card.getByText(/died on 02\/01\/2026; the estate process applies instead/).waitFor();
    await screenshot(account, 'account-statement-hold');
  });

  it('cancels a statement run part way, filing nothing', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const kept = () =>
      ctx.db
        .prepare(
          `SELECT (SELECT count(*) FROM documents) AS documents,
             (SELECT count(*) FROM activities) AS activities`,
        )
        .get();
    const page = await app.open('#/statements', ctx);
    const grid = page.getByRole('grid', { name: /^Guarantors due a statement/ });
    await grid
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell') })
      .first()
      .waitFor();
    await page
      .getByRole('checkbox', { name: 'Select all guarantors that can get a statement' })
      .check();
    const count = Number(
      /^(\d[\d,]*) selected/
        .exec((await page.getByText(/ selected/).textContent()) ?? '')?.[1]
        ?.replace(',', ''),
    );
    expect(count).toBeGreaterThan(50);
    const before = kept();
    // held after ten accounts, however fast the machine prints
    const hold = app.holdSteps(ctx, (p) => p.label === RUN_LABEL && p.done === 10);
    await page.getByRole('button', { name: `Print statements (${count})` }).click();
    expect(await hold.reached).toMatchObject({ done: 10 });
    const run = page.getByRole('region', { name: 'Statement run' });
    await run.getByText(/^Making statements: 10 of [\d,]+$/).waitFor();
    // provably part way: ten statements' copies (one per account listed) wait under temporary names
    expect(fs.readdirSync(stagingDir(ctx.databasePath)).length).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'statements-run-progress');
    await run.getByRole('button', { name: 'Cancel' }).click();
    await run.getByText(/^Cancelled after 10 of [\d,]+ statements\.$/).waitFor();
    await run.getByText(/^Nothing is filed for a run that did not finish/).waitFor();
    await screenshot(page, 'statements-run-cancelled');
    expect(kept()).toEqual(before);
    expect(fs.readdirSync(stagingDir(ctx.databasePath))).toEqual([]);
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

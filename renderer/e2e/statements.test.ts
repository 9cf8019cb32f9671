import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { callAsync } from '../../electron/testing/call';
import { makeSupervisor } from '../../electron/testing/builders';
import { filedPath, stagingDir } from '../../electron/filing/location';
import { RUN_LABEL } from '../../electron/statements/runs';
import { appSession, inkOn, printed, screenshot, stubPrint } from './harness';

const app = appSession();

describe('statements', () => {
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
});

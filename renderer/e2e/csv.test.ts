import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../shared/csv/read';
import { toCsv, unguardCell } from '../../shared/csv/write';
import { makeSupervisor } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { rowCount } from '../../electron/testing/test-db';
import { appSession, screenshot, type TestCtx } from './harness';

const app = appSession();

/** The export of another billing system: its own header names, one of them unknown to ClaimDesk. */
const HEADERS = [
  'Acct #',
  'Last Name',
  'First Name',
  'DOB',
  'Svc Dt',
  'Address',
  'City',
  'State',
  'ZIP',
  'Payer',
  'Member ID',
  'Ins Balance',
  'Pt Balance',
];

function legacyFile(c: TestCtx): { text: string; payerCode: string; existing: string } {
  const { code } = c.db
    .prepare(`SELECT payer_code AS code FROM payers ORDER BY id LIMIT 1`)
    .get() as {
    code: string;
  };
  const { number } = c.db
    .prepare(`SELECT account_number AS number FROM accounts ORDER BY id LIMIT 1`)
    .get() as { number: string };
  const rows = [
    [
      'CSV-E2E-1',
      'Okafor',
      'Grace',
      '04/12/1961',
      '01/15/2026',
      '12 Elm St',
      'Springfield',
      'IL',
      '62704',
      code,
      'XJ44120',
      '1,234.50',
      '$80',
    ],
    [
      'CSV-E2E-2',
      'Lindqvist',
      'Per',
      '1948-11-02',
      '2026-02-03',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '(0.00)',
    ],
    ['CSV-E2E-3', 'Moreau', 'Jules', '7/4/1990', '31/12/2025', '', '', '', '', '', '', '', '45.00'],
    [number, 'Someone', 'Else', '', '02/01/2026', '', '', '', '', '', '', '', '10.00'],
  ];
  return { text: toCsv([HEADERS, ...rows]), payerCode: code, existing: number };
}

/** Saves what the click downloads into the test's folder and returns its text. */
async function downloaded(page: Page, c: TestCtx, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(c.dir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

function table(text: string) {
  const reading = readCsv(text);
  if (!reading.ok) throw new Error(reading.problem);
  return {
    headers: reading.table.headers,
    rows: reading.table.rows.map((r) => r.cells.map(unguardCell)),
  };
}

describe('accounts from a spreadsheet', () => {
  it('a supervisor maps, previews and imports a CSV file, saves the rejected rows and finds the account', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const { text, existing } = legacyFile(ctx);
    const accountsBefore = rowCount(ctx, 'accounts');
    const page = await app.open('#/imports', ctx);
    await page.getByRole('tab', { name: 'Spreadsheet (CSV)' }).click();
    await page.waitForURL(/#\/imports\?tab=spreadsheet$/);
    const panel = page.getByRole('tabpanel', { name: 'Spreadsheet (CSV)' });

    await panel
      .locator('input[aria-label="Spreadsheet to import"]')
      .setInputFiles({ name: 'legacy.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await panel.getByText('legacy.csv', { exact: true }).waitFor();

    // the columns named as ClaimDesk knows them are matched already; the service date is not
    await panel.getByText('Choose the column for the required field: Service date.').waitFor();
    expect(await panel.getByRole('combobox', { name: 'Account number' }).inputValue()).toBe(
      'Acct #',
    );
    expect(await panel.getByRole('combobox', { name: 'Insurance balance' }).inputValue()).toBe(
      'Ins Balance',
    );
    expect(await panel.getByRole('button', { name: 'Preview' }).isDisabled()).toBe(true);
    await screenshot(page, 'csv-mapping-incomplete');
    await panel.getByRole('combobox', { name: 'Service date' }).click();
    await page.getByRole('option', { name: 'Svc Dt', exact: true }).click();
    await panel.getByText('e.g. 01/15/2026').waitFor();
    await panel
      .getByText('Choose the column for the required field')
      .waitFor({ state: 'detached' });

    // saved under a name for next month's file
    await panel.getByRole('textbox', { name: 'Mapping name' }).fill('Legacy billing');
    await panel.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping "Legacy billing" saved.').waitFor();
    await expect
      .poll(() => panel.getByRole('combobox', { name: 'Saved mapping' }).inputValue())
      .toBe('Legacy billing');
    expect(
      JSON.parse(
        (
          ctx.db
            .prepare(`SELECT columns FROM csv_mappings WHERE name = 'Legacy billing'`)
            .get() as {
            columns: string;
          }
        ).columns,
      ),
    ).toMatchObject({
      accountNumber: 'Acct #',
      serviceDate: 'Svc Dt',
      patientBalance: 'Pt Balance',
    });
    await screenshot(page, 'csv-mapping');

    // the preview flags the bad row and says what the rest would do
    await panel.getByRole('button', { name: 'Preview' }).click();
    const first = panel.getByRole('table', { name: 'First rows of legacy.csv' });
    const bad = first.getByRole('row').filter({ hasText: 'CSV-E2E-3' });
    await bad.getByText('Problem', { exact: true }).waitFor();
    await bad
      .getByText(/Service date \(column "Svc Dt"\) "31\/12\/2025" puts the day before the month/)
      .waitFor();
    const good = first.getByRole('row').filter({ hasText: 'CSV-E2E-1' });
    await good.getByText('Ready', { exact: true }).waitFor();
    await good.getByText('$1,234.50').waitFor();
    await first.getByRole('row').filter({ hasText: existing }).getByText('Skip').waitFor();
    const totals = panel.getByRole('status', { name: 'Preview totals' });
    for (const part of [
      '4 rows in the file',
      '2 to import',
      '1 with problems',
      '1 already in ClaimDesk',
    ])
      await totals.getByText(part, { exact: true }).waitFor();
    await screenshot(page, 'csv-preview');

    // only the ready rows go in; the report says what happened
    await panel.getByRole('button', { name: 'Import 2 accounts' }).click();
    const report = panel.getByRole('article', { name: 'Spreadsheet import report for legacy.csv' });
    await report
      .getByText(
        '2 accounts imported ($1,234.50 insurance, $80.00 patient), 1 row skipped (already in ClaimDesk), 1 row rejected',
      )
      .waitFor();
    await report.getByText('Partly posted').waitFor();
    expect(rowCount(ctx, 'accounts')).toBe(accountsBefore + 2);
    const history = panel.getByRole('table', { name: 'Import history' });
    await history.getByRole('button', { name: 'legacy.csv' }).waitFor();
    await screenshot(page, 'csv-report');
    // the history keeps it, and its stored report opens from there
    await history.getByRole('button', { name: 'legacy.csv' }).click();
    const stored = page.getByRole('dialog', { name: 'Import of legacy.csv' });
    await stored.getByText(/^2 accounts imported/).waitFor();
    await stored.getByText('CSV', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await stored.waitFor({ state: 'hidden' });

    // the rejected rows come back as a file: the original columns and what to fix
    const rejected = await downloaded(page, ctx, () =>
      report.getByRole('button', { name: 'Save rejected rows' }).click(),
    );
    expect(rejected.name).toBe('legacy-rejected.csv');
    const file = table(rejected.text);
    expect(file.headers).toEqual([...HEADERS, 'Error']);
    expect(file.rows).toHaveLength(1);
    expect(file.rows[0]?.slice(0, 5)).toEqual([
      'CSV-E2E-3',
      'Moreau',
      'Jules',
      '7/4/1990',
      '31/12/2025',
    ]);
    expect(file.rows[0]?.at(-1)).toMatch(/puts the day before the month/);

    // the imported account is found by search with its balance
    const { id } = ctx.db
      .prepare(`SELECT id FROM accounts WHERE account_number = 'CSV-E2E-1'`)
      .get() as { id: number };
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search accounts' }).fill('CSV-E2E-1');
    const result = page.getByRole('button', { name: /CSV-E2E-1/ });
    await result.getByText('$1,314.50').waitFor();
    await screenshot(page, 'csv-search');
    // the search results export too, with what each result shows
    const found = await downloaded(page, ctx, () =>
      page.getByRole('button', { name: 'Export CSV of the search results' }).click(),
    );
    expect(found.name).toBe(`account-search-${ctx.clock.today()}.csv`);
    expect(table(found.text)).toEqual({
      headers: [
        'Patient',
        'Date of birth',
        'Phone',
        'Service date',
        'Account',
        'Claim',
        'Status',
        'Balance',
      ],
      rows: [['Okafor, Grace', '1961-04-12', '', '2026-01-15', 'CSV-E2E-1', '', 'Open', '1314.50']],
    });
    await result.click();
    await page.waitForURL(new RegExp(`#/accounts/${id}$`));
    await page
      .getByRole('list', { name: 'Account history' })
      .getByText(/Account imported from the spreadsheet legacy\.csv .*mapped with "Legacy billing"/)
      .waitFor();
    await screenshot(page, 'csv-imported-account');
  });

  it('exports the work queue with the columns shown, every row of it', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const today = ctx.clock.today();
    const page = await app.open('#/queue', ctx);
    const grid = page.getByRole('grid', { name: /Work queue/ });
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(10);
    const shown = (await page.getByRole('columnheader').allTextContents()).map((h) =>
      h.replace(/[▲▼]/g, '').trim(),
    );
    const due = call(ctx, 'listQueue', {}).total;
    // more than one page of the list, so the export must page through it
    expect(due).toBeGreaterThan(500);

    const exported = await downloaded(page, ctx, () =>
      page.getByRole('button', { name: 'Export CSV of the work queue' }).click(),
    );
    expect(exported.name).toBe(`work-queue-${today}.csv`);
    expect(exported.text.startsWith('\uFEFF')).toBe(true);
    const file = table(exported.text);
    expect(file.headers).toEqual(shown);
    expect(file.rows).toHaveLength(due);

    // a row as the screen has it, with plain amounts and ISO dates
    const col = (name: string) => file.headers.indexOf(name);
    const first = file.rows[0] ?? [];
    const top = ctx.db
      .prepare(
        `SELECT f.account_number AS account, f.patient_name AS patient, f.due_date AS due,
           a.insurance_balance + a.patient_balance AS balance
         FROM follow_ups f JOIN accounts a ON a.id = f.account_id
         WHERE f.account_number = ? AND f.status = 'open' LIMIT 1`,
      )
      .get(first[col('Account')]) as {
      account: string;
      patient: string;
      due: string;
      balance: number;
    };
    expect(first[col('Patient')]).toBe(top.patient);
    expect(first[col('Due')]).toBe(top.due);
    expect(first[col('Balance')]).toBe((top.balance / 100).toFixed(2));
    expect(first[col('Priority')]).toMatch(/^(High|Medium|Low)$/);
    // row 1 is the column headers
    const firstShown = grid.locator('[aria-rowindex="2"]').getByRole('gridcell');
    expect((await firstShown.nth(col('Account')).textContent())?.trim()).toBe(top.account);
    const note = page.getByText(/Exported [\d,]+ rows of the work queue/);
    const button = page.getByRole('button', { name: 'Export CSV of the work queue' });
    await expect.poll(() => button.getAttribute('data-loading')).toBeNull();
    // the notification has slid all the way in
    await expect
      .poll(async () => {
        const box = await note.boundingBox();
        return box !== null && box.x + box.width <= (page.viewportSize()?.width ?? 0);
      })
      .toBe(true);
    await screenshot(page, 'queue-export');
  });

  it('exports the denials list with its headers', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('#/denials', ctx);
    const grid = page.getByRole('grid', { name: /^Denials/ });
    // the rows of denials, not the headings that open each deadline group
    await expect.poll(() => grid.locator('tbody tr.queue-row').count()).toBeGreaterThan(0);
    // the headers a person sees; a column of row actions has only a hidden one and no data
    const shown = (
      await grid
        .locator('thead th')
        .evaluateAll((ths) =>
          ths
            .filter((th) => !th.querySelector('.mantine-VisuallyHidden-root'))
            .map((th) => th.textContent ?? ''),
        )
    ).map((h) => h.trim());
    const total = call(ctx, 'listDenials', {}).total;
    const exported = await downloaded(page, ctx, () =>
      page.getByRole('button', { name: 'Export CSV of the denials list' }).click(),
    );
    const file = table(exported.text);
    // on screen a level column that would say "First level" on every row gives its room;
    // the file keeps it, in its place after the state
    const level = shown.indexOf('State') + 1;
    expect(file.headers).toEqual(
      shown.includes('Appeal level')
        ? shown
        : [...shown.slice(0, level), 'Appeal level', ...shown.slice(level)],
    );
    expect(file.rows).toHaveLength(total);
    // the first row as the screen shows it, in the same order
    const cells = grid.locator('tbody tr.queue-row').first().locator('td');
    const row = file.rows[0] ?? [];
    for (const header of ['Payer', 'Account', 'Patient', 'Claim']) {
      expect(row[file.headers.indexOf(header)], header).toBe(
        (await cells.nth(shown.indexOf(header)).textContent())?.trim(),
      );
    }
    expect(row[file.headers.indexOf('Amount')]).toMatch(/^\d+\.\d{2}$/);
  });
});

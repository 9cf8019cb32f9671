import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { showCell } from '../../shared/reports/format';
import { REPORT_TITLES, type Report, type ReportId } from '../../shared/reports/model';
import { call } from '../../electron/testing/call';
import { appSession, SCREENSHOTS, screenshot, type TestCtx } from './harness';

const app = appSession();

async function downloaded(page: Page, c: TestCtx, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(c.dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

const figure = (page: Page, label: string) =>
  page.locator(`[data-figure="${label}"]`).first().textContent();

/** The filter each report is seen changing: its label, the option and a figure it moves. */
const CHANGES: Record<ReportId, { filter: string; option: string; figure: string }> = {
  aging: { filter: 'Financial class', option: 'Medicare', figure: 'Accounts receivable' },
  denials: { filter: 'Category', option: 'Medical necessity', figure: 'Denials' },
  cash: { filter: 'Financial class', option: 'Commercial', figure: 'Collections' },
  plans: { filter: 'Financial class', option: 'Commercial', figure: 'Plans begun' },
  appeals: { filter: 'Category', option: 'Medical necessity', figure: 'Appeals sent' },
  productivity: { filter: 'Representative', option: 'Rita Representative', figure: 'Calls' },
  collections: { filter: 'Financial class', option: 'Medicare', figure: 'Bad debt written off' },
};

describe('reports', () => {
  it('opens each report, changes a filter, exports CSV and prints a PDF with its title, filters, date and pages', async () => {
    const ctx = app.database({ demo: true });
    // the demo hospital has no payment plans; a few patients set one up today
    const owing = ctx.db
      .prepare(`SELECT id FROM accounts WHERE patient_balance >= 20000 ORDER BY id LIMIT 8`)
      .all() as { id: number }[];
    for (const a of owing)
      call(ctx, 'createPlan', {
        accountId: a.id,
        downPayment: 2_500,
        length: { mode: 'months', months: 6 },
        firstDueDate: addDays(ctx.clock.today(), 30),
        includeNewCharges: false,
      });
    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: 'Reports' }).click();
    await page.waitForURL(/#\/reports$/);
    await page.getByRole('heading', { name: 'By age and side', exact: true }).waitFor();
    for (const id of Object.keys(CHANGES) as ReportId[]) {
      const change = CHANGES[id];
      // the screen opens on the first report; the others are chosen by their names
      if (id !== 'aging') {
        await page
          .locator('label')
          .filter({ hasText: new RegExp(`^${REPORT_TITLES[id]}$`) })
          .click();
        await page.waitForURL(new RegExp(`report=${id}`));
      }
      const shown = page.locator(`[aria-label="${REPORT_TITLES[id]}"][aria-busy="false"]`);
      await shown.waitFor();
      expect(await page.getByTestId('report-chart').getAttribute('aria-label')).toMatch(/chart\. /);
      await screenshot(page, `report-${id}`);

      const before = await figure(page, change.figure);
      await page.getByRole('combobox', { name: change.filter }).click();
      await page.getByRole('option', { name: change.option, exact: true }).click();
      await page.waitForURL(/(class|category|user)=/);
      // the previous figures stay, dimmed, until the filtered report has loaded
      await page
        .locator(
          `[aria-label="${REPORT_TITLES[id]}"][aria-busy="false"][data-filters*="${change.filter}: ${change.option}"]`,
        )
        .waitFor();
      const after = await figure(page, change.figure);
      expect(after, `${id} ${change.figure}`).toBeTruthy();
      if (id === 'aging' || id === 'denials') expect(after).not.toBe(before);

      const csv = fs.readFileSync(
        await downloaded(page, ctx, () =>
          page.getByRole('button', { name: 'Export CSV of the report' }).click(),
        ),
        'utf8',
      );
      expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(REPORT_TITLES[id]);
      expect(csv).toContain(`${change.filter},${change.option}`);

      const pdf = await downloaded(page, ctx, () =>
        page.getByRole('button', { name: 'Save PDF of the report' }).click(),
      );
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(REPORT_TITLES[id]);
      expect(text).toContain(`${change.filter}: ${change.option}`);
      expect(text).toMatch(/As of \d\d\/\d\d\/\d{4}/);
      expect(text).toMatch(/Page 1 of \d+/);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        path.join(SCREENSHOTS, `report-${id}-pdf`),
      ]);

      // back to no filters for the next report
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL(new RegExp(`#/reports\\?report=${id}$`));
    }
  });

  it('reads one facility: its figures, named in the CSV and PDF; collections by dunning stage and hold', async () => {
    const ctx = app.database({ demo: true });
    const north = 'Lakeshore North Outpatient Center';
    const shownWith = (title: string, filter: string) =>
      page.locator(`[aria-label="${title}"][aria-busy="false"][data-filters*="${filter}"]`);
    const expected = (r: Report, label: string) => {
      const f = r.figures.find((x) => x.label === label);
      return f ? showCell(f.kind, f.value) : null;
    };
    const page = await app.open('#/reports?report=aging', ctx);
    await shownWith(REPORT_TITLES.aging, 'Facility: All facilities').waitFor();
    expect(await figure(page, 'Accounts receivable')).toBe(
      expected(call(ctx, 'getReport', { report: 'aging' }), 'Accounts receivable'),
    );

    await page.getByRole('combobox', { name: 'Facility' }).click();
    await page.getByRole('option', { name: north, exact: true }).click();
    await page.waitForURL(/facility=2/);
    // the figures of the old filter stay, dimmed, until this facility's have loaded
    await shownWith(REPORT_TITLES.aging, `Facility: ${north}`).waitFor();
    const one = call(ctx, 'getReport', { report: 'aging', filters: { facilityId: 2 } });
    expect(await figure(page, 'Accounts receivable')).toBe(expected(one, 'Accounts receivable'));
    expect(expected(one, 'Accounts receivable')).not.toBe(
      expected(call(ctx, 'getReport', { report: 'aging' }), 'Accounts receivable'),
    );
    await screenshot(page, 'report-aging-facility');

    const csv = fs.readFileSync(
      await downloaded(page, ctx, () =>
        page.getByRole('button', { name: 'Export CSV of the report' }).click(),
      ),
      'utf8',
    );
    expect(csv).toContain(`Facility,${north}`);
    const pdf = await downloaded(page, ctx, () =>
      page.getByRole('button', { name: 'Save PDF of the report' }).click(),
    );
    expect(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })).toContain(
      `Facility: ${north}`,
    );
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(SCREENSHOTS, 'report-aging-facility-pdf'),
    ]);

    // the facility stays chosen on the collections report, which adds stages and holds
    await page
      .locator('label')
      .filter({ hasText: /^Collections$/ })
      .click();
    await page.waitForURL(/report=collections/);
    await shownWith(REPORT_TITLES.collections, `Facility: ${north}`).waitFor();
    const collections = call(ctx, 'getReport', {
      report: 'collections',
      filters: { facilityId: 2 },
    });
    expect(await figure(page, 'Accounts in the statement cycle')).toBe(
      expected(collections, 'Accounts in the statement cycle'),
    );
    for (const title of ['Accounts by dunning stage today', 'Accounts by hold reason today']) {
      const region = page.getByRole('region', { name: title });
      await region.waitFor();
      const t = collections.tables.find((x) => x.title === title);
      expect(t?.rows.length).toBeGreaterThan(1);
      for (const row of t?.rows ?? [])
        await region
          .getByRole('row', { name: new RegExp(`^${String(row[0]).replace(/[()]/g, '\\$&')} `) })
          .waitFor();
    }
    // the exports' notices would cover the tables in the picture: closed first
    const notices = page.locator('.mantine-Notification-root');
    for (let left = await notices.count(); left > 0; left--)
      await notices.last().getByRole('button').click();
    await page.waitForFunction(
      () => document.querySelectorAll('.mantine-Notification-root').length === 0,
    );
    await screenshot(page, 'report-collections-facility');
    const collectionsPdf = await downloaded(page, ctx, () =>
      page.getByRole('button', { name: 'Save PDF of the report' }).click(),
    );
    const text = execFileSync('pdftotext', ['-layout', collectionsPdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Accounts by dunning stage today');
    expect(text).toContain('Accounts by hold reason today');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      collectionsPdf,
      path.join(SCREENSHOTS, 'report-collections-facility-pdf'),
    ]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/dates/iso-date';
import { REPORT_TITLES, type ReportId } from '../../shared/reports/model';
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
});

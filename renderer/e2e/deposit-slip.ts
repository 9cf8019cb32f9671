import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call } from '../../electron/testing/call';
import { formatUsDate } from '../../shared/dates/iso-date';
import { cents } from '../../shared/money/cents';
import { formatCents, formatPlainCents } from '../../shared/money/format';
import { printed, SCREENSHOTS, screenshot, stubPrint, type TestCtx } from './harness';

/** Saves what the click downloads into the test's folder and returns its path. */
async function downloaded(page: Page, c: TestCtx, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(c.dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/**
 * The day's deposit slip from the cash summary: the CSV file and the printed slip say
 * what the screen says, and the printed total is the ledger's money in for the day.
 */
export async function depositSlip(
  page: Page,
  c: TestCtx,
  check: { account: string; batchId: number },
): Promise<void> {
  const today = c.clock.today();
  const summary = call(c, 'getCashSummary', { date: today });
  const ledger = cents(
    -(
      c.db
        .prepare(
          `SELECT sum(l.amount) AS total FROM ledger_entries l JOIN receipts r ON r.id = l.receipt_id
            WHERE l.kind = 'payment' AND r.kind <> 'refund'
              AND (r.batch_id IN (SELECT id FROM deposit_batches WHERE deposit_date = ?)
                OR (r.batch_id IS NULL AND r.received_date = ?))`,
        )
        .get(today, today) as { total: number }
    ).total,
  );
  expect(summary.total).toBe(ledger);
  const count = summary.byMethod.reduce((n, m) => n + m.count, 0);

  const csv = await downloaded(page, c, () =>
    page.getByRole('button', { name: 'Export CSV of the deposit slip' }).click(),
  );
  expect(path.basename(csv)).toBe(`deposit-slip-${today}.csv`);
  const rows = fs
    .readFileSync(csv, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  expect(rows[0]).toBe(`Deposit slip for ${formatUsDate(today)}`);
  expect(rows).toContain(`Total received,${count},${formatPlainCents(summary.total)}`);
  expect(rows).toContain(`Patient or guarantor,1234,${check.account},${check.batchId},50.00`);

  await page.getByRole('button', { name: 'Print deposit slip' }).click();
  const dialog = page.getByRole('dialog', { name: `Deposit slip for ${formatUsDate(today)}` });
  await dialog.getByRole('img', { name: /^Page 1 of \d+$/ }).waitFor();
  await screenshot(page, 'cash-summary-deposit-slip');
  // Print draws the pages for the printer and opens the system's print dialog, stubbed here
  await stubPrint(page);
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  await expect.poll(async () => (await printed(page)).length).toBe(1);
  const pdf = await downloaded(page, c, () =>
    dialog.getByRole('button', { name: 'Save a copy' }).click(),
  );
  expect(path.basename(pdf)).toBe(`deposit-slip-${today}.pdf`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toMatch(new RegExp(`Total received\\s+${count}\\s+\\${formatCents(ledger)}`));
  expect(text).toMatch(
    new RegExp(
      `Patient or guarantor\\s+1234\\s+${check.account}\\s+${check.batchId}\\s+\\$50\\.00`,
    ),
  );
  expect(text).toMatch(/Page 1 of \d+/);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(SCREENSHOTS, 'deposit-slip-pdf')]);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'cash-summary-1280');
}

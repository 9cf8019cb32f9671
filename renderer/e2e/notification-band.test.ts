import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appSession, SCREENSHOTS, screenshot } from './harness';

const app = appSession();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(l: Locator): Promise<Box> {
  const box = await l.boundingBox();
  if (!box) throw new Error('the element is not shown');
  return box;
}

/**
 * Brings a control into view as a click does, then checks that neither the message nor
 * its band lies over it, and that the control is what a click at its centre would hit.
 */
async function expectClear(target: Locator, message: Box, band: Box, what: string) {
  await target.scrollIntoViewIfNeeded();
  const box = await boxOf(target);
  expect(overlaps(box, message), `${what} is under the message`).toBe(false);
  expect(overlaps(box, band), `${what} is under the message band`).toBe(false);
  const hit = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return top !== null && (el === top || el.contains(top));
  });
  expect(hit, `${what} is the topmost element at its centre`).toBe(true);
}

/** Takes a payment at the account and returns its message, held open by the pointer. */
async function takePayment(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Take payment' }).click();
  const form = page.getByRole('form', { name: 'Take payment' });
  await form.getByRole('textbox', { name: 'Amount' }).fill('5.00');
  await form.getByRole('button', { name: 'Post payment' }).click();
  await form.waitFor({ state: 'detached' });
  const message = page.getByRole('status').filter({ hasText: /It went into .*batch #\d+/ });
  // a message closes by itself a few seconds on; the pointer over it keeps it while it is measured
  await message.hover();
  return message;
}

describe('messages in their own band', () => {
  it('never cover a control on a long account page, at 1440 and at 1280 pixels', async () => {
    const ctx = app.database({ demo: true });
    const { id } = ctx.db
      .prepare(
        `SELECT a.id FROM accounts a WHERE a.status = 'open' AND a.patient_balance >= 5000
          ORDER BY (SELECT count(*) FROM ledger_entries l WHERE l.account_id = a.id) DESC, a.id
          LIMIT 1`,
      )
      .get() as { id: number };
    const page = await app.open(`#/accounts/${id}`, ctx);
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.getByRole('table', { name: 'Ledger' }).waitFor();
      const message = await takePayment(page);
      const band = await boxOf(page.locator('.notification-band'));
      const shown = await boxOf(message);
      // the message sits inside its band at the foot of the window, never above it
      expect(band.y + band.height).toBe(800);
      expect(shown.y).toBeGreaterThanOrEqual(band.y);
      expect(shown.y + shown.height).toBeLessThanOrEqual(band.y + band.height);
      expect(shown.x + shown.width).toBeLessThanOrEqual(width);

      const ledgerRows = page.getByRole('table', { name: 'Ledger' }).getByRole('row');
      const targets: [Locator, string][] = [
        [ledgerRows.last().getByRole('button').first(), 'the last ledger row’s action'],
        [ledgerRows.last(), 'the last ledger row'],
        [
          page.getByRole('list', { name: 'Account history' }).getByRole('listitem').last(),
          'the last history item',
        ],
        [page.getByText('Log call', { exact: true }), 'Log call'],
        [page.getByRole('button', { name: 'Take payment' }), 'Take payment'],
      ];
      for (const [target, what] of targets) await expectClear(target, shown, band, what);

      // at the very bottom the page ends above the band: its last card scrolls clear of it
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const lastCardBottom = await page.evaluate(() => {
        const cards = document.querySelectorAll('main section, main [class*="Paper-root"]');
        return Math.max(...[...cards].map((c) => c.getBoundingClientRect().bottom));
      });
      expect(lastCardBottom).toBeLessThanOrEqual(band.y);
      await page.screenshot({ path: path.join(SCREENSHOTS, `notification-band-${width}.png`) });
      await screenshot(page, `notification-band-account-${width}`);

      // and the click goes where it was aimed
      await page.getByRole('button', { name: 'Take payment' }).click();
      await page.getByRole('form', { name: 'Take payment' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('form', { name: 'Take payment' }).waitFor({ state: 'detached' });
    }
  });
});

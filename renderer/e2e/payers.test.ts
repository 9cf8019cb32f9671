import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate, type IsoDate } from '../../shared/dates/iso-date';
import { makeSupervisor } from '../../electron/testing/builders';
import { appSession, screenshot } from './harness';

const app = appSession();

interface OpenDenial {
  denialId: number;
  payerId: number;
  payerName: string;
  windowDays: number;
  claimNumber: string;
  remitDate: IsoDate;
  deadline: IsoDate;
  category: string;
}

describe('payers', () => {
  it('lets a supervisor change an appeal window, moving an open denial’s deadline on the denials list', async () => {
    const ctx = app.database({ demo: true });
    // an open first-level denial whose deadline, still ahead, the demo set from its window
    const denial = ctx.db
      .prepare(
        `SELECT d.id AS denialId, py.id AS payerId, py.name AS payerName,
             py.appeal_window_days AS windowDays, c.claim_number AS claimNumber,
             d.remit_date AS remitDate, d.deadline_date AS deadline, d.category
           FROM denials d JOIN claims c ON c.id = d.claim_id JOIN payers py ON py.id = c.payer_id
           WHERE d.state <> 'resolved' AND d.appeal_level = 'first'
             AND d.deadline_date = date(d.remit_date, '+' || py.appeal_window_days || ' days')
             AND d.deadline_date >= ?
           ORDER BY d.deadline_date, d.id LIMIT 1`,
      )
      .get(ctx.clock.today()) as OpenDenial | undefined;
    if (!denial) throw new Error('the demo hospital has no open denial to move');
    const newWindow = denial.windowDays + 45;
    const newDeadline = addDays(denial.remitDate, newWindow);

    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: /^Office/ }).click();
    await page.getByRole('menuitem', { name: 'Payers', exact: true }).click();
    await page.waitForURL(/#\/payers$/);
    await page.getByText('Choose a payer').waitFor();
    await page.getByRole('textbox', { name: 'Search payers' }).fill(denial.payerName);
    const list = page.getByRole('table', { name: 'Payers' });
    await list.getByRole('button', { name: denial.payerName }).click();
    await page.waitForURL(new RegExp(`#/payers\\?payer=${denial.payerId}$`));

    // a representative reads the payer, with nothing to save
    const form = page.getByRole('form', { name: `Payer ${denial.payerName}` });
    await form.getByText('Only a supervisor can change payers.').waitFor();
    const firstWindow = form.getByRole('textbox', { name: 'First-level appeal window (days)' });
    expect(await firstWindow.inputValue()).toBe(String(denial.windowDays));
    expect(await firstWindow.getAttribute('readonly')).not.toBeNull();
    expect(await form.getByRole('button', { name: 'Save payer' }).count()).toBe(0);

    makeSupervisor(ctx);
    await page.reload();
    await firstWindow.fill('six months');
    await form.getByRole('button', { name: 'Save payer' }).click();
    await form.getByText('Type a whole number of days, such as 180.').waitFor();
    await firstWindow.fill('4000');
    await form.getByRole('button', { name: 'Save payer' }).click();
    await form.getByText('First-level appeal window must be at most 3650.').waitFor();
    const stored = () =>
      ctx.db.prepare(`SELECT deadline_date AS d FROM denials WHERE id = ?`).get(denial.denialId);
    expect(stored()).toEqual({ d: denial.deadline });

    await firstWindow.fill(String(newWindow));
    await form.getByRole('button', { name: 'Save payer' }).click();
    await page.getByText(/saved\. The appeal deadline of \d+ open denials? moved/).waitFor();
    await page.getByText(/Last changed .* by Rita Representative/).waitFor();
    expect(stored()).toEqual({ d: newDeadline });
    await screenshot(page, 'payer-saved');

    // the denials list, filtered to the payer and category, shows the new deadline on the claim
    await page.getByRole('button', { name: 'Denials', exact: true }).click();
    await page.waitForURL(/#\/denials/);
    await page.goto(app.url(`#/denials?payer=${denial.payerId}&category=${denial.category}`));
    const row = page.getByRole('row').filter({ hasText: denial.claimNumber });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(formatUsDate(newDeadline));
    expect(await row.textContent()).not.toContain(formatUsDate(denial.deadline));
    await screenshot(page, 'payer-denials-moved');

    // and the account's history says what moved and who moved it
    await row.click();
    await page
      .getByText(
        `Appeal deadline moved from ${formatUsDate(denial.deadline)} to ${formatUsDate(newDeadline)}`,
        { exact: false },
      )
      .first()
      .waitFor();
  });

  it('says when no payer matches a search', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('#/payers', ctx);
    await page.getByRole('textbox', { name: 'Search payers' }).fill('no such payer');
    await page.getByText('No payer matches').waitFor();
    await page.getByText('No payer name or payer ID contains “no such payer”.').waitFor();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate } from '../../shared/dates/iso-date';
import { appSession, screenshot } from './harness';

const app = appSession();

const queueGrid = (p: Page) => p.getByRole('grid', { name: /Work queue/ });

describe('a representative works the queue', () => {
  it('finds an account, logs a call, sets next week’s follow-up and the account leaves today’s queue', async () => {
    const ctx = app.database({ demo: true });
    const today = ctx.clock.today();
    const page = await app.open('', ctx);

    // the queue opens with today's demo follow-ups, most urgent first
    const grid = queueGrid(page);
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(10);
    const due = (
      ctx.db
        .prepare(`SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND due_date <= ?`)
        .get(today) as { n: number }
    ).n;
    await expect
      .poll(() => grid.getAttribute('aria-label'))
      .toBe(`Work queue, ${due.toLocaleString('en-US')} follow-ups`);
    await screenshot(page, 'work-queue');

    // pick an account whose only open follow-up is an account follow-up due today
    const target = ctx.db
      .prepare(
        `SELECT a.id, a.account_number AS number, p.last_name AS last FROM accounts a
         JOIN people p ON p.id = a.patient_id
         JOIN follow_ups f ON f.account_id = a.id AND f.status = 'open' AND f.kind = 'account' AND f.due_date <= ?
         WHERE (SELECT count(*) FROM follow_ups g WHERE g.account_id = a.id AND g.status = 'open') = 1
         ORDER BY a.id LIMIT 1`,
      )
      .get(today) as { id: number; number: string; last: string };
    expect(target).toBeDefined();

    // search from the keyboard
    await page.keyboard.press('Control+k');
    const search = page.getByRole('textbox', { name: 'Search accounts' });
    await search.fill(target.number);
    const result = page.getByRole('button', { name: new RegExp(target.number) });
    await expect.poll(() => result.count()).toBe(1);
    await screenshot(page, 'search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/accounts/${target.id}$`));
    await page.getByRole('heading', { name: 'Balance' }).waitFor();
    await screenshot(page, 'account');

    // log a call with its outcome
    // C starts a call from the keyboard and puts the cursor in the call notes
    await page.keyboard.press('c');
    const callForm = page.getByRole('form', { name: 'Log a call' });
    await callForm.getByLabel('With', { exact: true }).click();
    await page.getByRole('option', { name: 'Guarantor' }).click();
    await callForm.getByLabel('Outcome', { exact: true }).click();
    await page.getByRole('option', { name: 'Promise to pay' }).click();
    // a promise to pay is recorded with the call: its amount and date
    await callForm.getByRole('textbox', { name: 'Promised amount' }).fill('50.00');
    await callForm
      .getByRole('textbox', { name: 'Will pay by' })
      .fill(formatUsDate(addDays(today, 4)));
    await callForm.getByLabel('Call notes').fill('Guarantor will pay $50 on Friday by card.');
    await callForm.getByRole('button', { name: 'Log call' }).click();
    const history = page.getByRole('list', { name: 'Account history' });
    await history.getByText('Guarantor will pay $50 on Friday by card.').waitFor();
    await expect(
      history.getByText(/Outbound call with guarantor — Promise to pay/).count(),
    ).resolves.toBe(1);
    const logged = ctx.db
      .prepare(
        `SELECT kind, direction, party, outcome FROM activities WHERE account_id = ? AND kind = 'call' ORDER BY id DESC LIMIT 1`,
      )
      .get(target.id);
    expect(logged).toEqual({
      kind: 'call',
      direction: 'outbound',
      party: 'guarantor',
      outcome: 'promise_to_pay',
    });

    // set the follow-up for next week
    await page.getByRole('button', { name: 'Change follow-up' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Save follow-up' }).click();
    const nextWeek = addDays(today, 7);
    await page.getByText(formatUsDate(nextWeek)).first().waitFor();
    expect(
      ctx.db
        .prepare(`SELECT due_date AS d FROM follow_ups WHERE account_id = ? AND status = 'open'`)
        .get(target.id),
    ).toEqual({ d: nextWeek });
    // completing a follow-up is a bordered button with a verb, not a tinted status-like label
    await page.getByRole('button', { name: 'Mark complete' }).first().waitFor();
    await screenshot(page, 'account-after-call');

    // back to the queue: the account is no longer due today
    await page.keyboard.press('Escape');
    await page.waitForURL(/#\/queue/);
    await expect
      .poll(() => queueGrid(page).getAttribute('aria-label'))
      .toBe(`Work queue, ${(due - 1).toLocaleString('en-US')} follow-ups`);
    const open = await ctx.db
      .prepare(
        `SELECT count(*) AS n FROM follow_ups WHERE status = 'open' AND due_date <= ? AND account_id = ?`,
      )
      .get(today, target.id);
    expect(open).toEqual({ n: 0 });
  });

  it('moves through the queue from the keyboard and opens the selected account with Enter', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('', ctx);
    const grid = queueGrid(page);
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(10);
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // the third follow-up: row 1 is the column headers
    const third = grid.locator('[aria-rowindex="4"]');
    await expect.poll(() => third.getAttribute('aria-selected')).toBe('true');
    const accountNumber = (await third.getByRole('gridcell').nth(3).textContent())?.trim();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/accounts\/\d+$/);
    await page.getByText(`Account ${accountNumber}`).waitFor();
    await page.keyboard.press('Escape');
    await expect
      .poll(() => queueGrid(page).locator('[aria-rowindex="4"]').getAttribute('aria-selected'))
      .toBe('true');
  });

  it('jumps to the end and back with End, Home and Page Down, the selected row on screen', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('', ctx);
    const grid = queueGrid(page);
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(10);
    const rowCount = Number(await grid.getAttribute('aria-rowcount'));
    // more follow-ups than a screen holds, so End must scroll
    expect(rowCount).toBeGreaterThan(40);
    /** The selected row's place and whether it lies whole below the header, inside the grid. */
    const selectedOnScreen = () =>
      grid.evaluate((g) => {
        const row = g.querySelector<HTMLElement>('[role="row"][aria-selected="true"]');
        const header = g.querySelector('.queue-header');
        if (!row || !header) return null;
        const r = row.getBoundingClientRect();
        const top = header.getBoundingClientRect().bottom;
        const whole = r.top >= top - 1 && r.bottom <= g.getBoundingClientRect().bottom + 1;
        return { index: row.getAttribute('aria-rowindex'), whole };
      });
    await grid.focus();

    await page.keyboard.press('End');
    await expect.poll(selectedOnScreen).toEqual({ index: String(rowCount), whole: true });
    await page.keyboard.press('Home');
    await expect.poll(selectedOnScreen).toEqual({ index: '2', whole: true });
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    // the scroll that brings the row on screen lands in a later frame than the selection
    await expect
      .poll(async () => {
        const moved = await selectedOnScreen();
        return moved?.whole === true && Number(moved.index) > 10;
      })
      .toBe(true);
  });

  it('refuses an empty note with a message and writes nothing', async () => {
    const ctx = app.database({ demo: true });
    const accountId = (ctx.db.prepare(`SELECT min(id) AS id FROM accounts`).get() as { id: number })
      .id;
    const page = await app.open(`#/accounts/${accountId}`, ctx);
    await page.getByRole('heading', { name: 'Balance' }).waitFor();
    const before = ctx.db.prepare(`SELECT count(*) AS n FROM activities`).get();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note text is required.').waitFor();
    expect(ctx.db.prepare(`SELECT count(*) AS n FROM activities`).get()).toEqual(before);
  });

  it('keeps the header buttons in one place on every account and lists only shortcuts that work there', async () => {
    const ctx = app.database({ demo: true });
    const idWhere = (where: string) =>
      (
        ctx.db
          .prepare(
            `SELECT min(id) AS id FROM accounts a WHERE ${where}
               AND NOT EXISTS (SELECT 1 FROM payment_plans p WHERE p.account_id = a.id)`,
          )
          .get() as { id: number }
      ).id;
    const owing = idWhere('patient_balance > 0');
    const insured = idWhere('patient_balance <= 0');
    const page = await app.open(`#/accounts/${owing}`, ctx);
    const place = async () => {
      await page.getByRole('heading', { name: 'Balance' }).waitFor();
      const boxes: Record<string, unknown> = {};
      for (const name of [
        /^Payment plan/,
        /^Adjustment/,
        'Refund',
        'Returned envelopes',
        /Back to/,
      ]) {
        boxes[String(name)] = await page.getByRole('button', { name }).first().boundingBox();
      }
      return boxes;
    };
    const legend = page.getByText(/note · .*call/);
    const first = await place();
    await expect(legend.textContent()).resolves.toContain('P plan');
    await page.goto(page.url().replace(/accounts\/\d+$/, `accounts/${insured}`));
    await page.waitForURL(new RegExp(`#/accounts/${insured}$`));
    await expect(legend.textContent()).resolves.not.toContain('plan');
    expect(await place()).toEqual(first);
    await expect(page.getByRole('button', { name: /^Payment plan/ }).isDisabled()).resolves.toBe(
      true,
    );
    await screenshot(page, 'account-no-patient-balance');
  });

  it('shows a clear message for an account that does not exist', async () => {
    const ctx = app.database({ demo: false });
    ctx.db
      .prepare(
        `INSERT INTO people (id, last_name, first_name, created_at) VALUES (1, 'A', 'B', 'now')`,
      )
      .run();
    ctx.db
      .prepare(
        `INSERT INTO accounts (account_number, patient_id, guarantor_id, service_date, financial_class, created_at)
         VALUES ('A1', 1, 1, '2026-01-01', 'self_pay', 'now')`,
      )
      .run();
    const page = await app.open(`#/accounts/999999`, ctx);
    await page.getByText('The account was not found.').waitFor();
  });
});

describe('first start', () => {
  it('offers the demo data on an empty database and opens the queue after loading it', async () => {
    const ctx = app.database({ demo: false });
    const page = await app.open('', ctx);
    const load = page.getByRole('button', { name: 'Load demo data' });
    await load.waitFor();
    await screenshot(page, 'first-start');
    await load.click();
    await expect
      .poll(() => queueGrid(page).getByRole('row').count(), { timeout: 30_000 })
      .toBeGreaterThan(10);
    const accounts = ctx.db.prepare(`SELECT count(*) AS n FROM accounts`).get() as { n: number };
    expect(accounts.n).toBe(5000);
  });
});

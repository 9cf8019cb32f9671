import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cents } from '../../shared/money/cents';
import type { Ctx } from '../../electron/core/context';
import { makeSupervisor } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { appSession } from './harness';

const app = appSession();

/**
 * The statements screen listing every guarantor with a balance, once the list is whole. It
 * waits for the count the handler gives for these filters: the list of the screen's own
 * filters, whole before the click, reads the same way and would otherwise be taken for it.
 */
async function allCandidates(page: Page, ctx: Ctx) {
  const { total } = call(ctx, 'countStatementCandidates', {
    minPatientBalance: cents(0),
    notStatedWithinDays: 30,
  });
  const filters = page.getByRole('form', { name: 'Which accounts' });
  await filters.getByRole('textbox', { name: 'Minimum patient balance' }).fill('0.00');
  await filters.getByRole('textbox', { name: 'No statement within' }).fill('30');
  await filters.getByRole('button', { name: 'Find accounts' }).click();
  const listed = total.toLocaleString('en-US');
  await page
    .getByRole('status')
    .filter({ hasText: new RegExp(`^${listed} guarantors with a balance$`) })
    .waitFor();
  return page.getByRole('grid', { name: `Guarantors due a statement, ${listed}` });
}

describe('statement candidates', () => {
  it('moves through the guarantors from the keyboard, the current row whole on screen', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const page = await app.open('#/statements', ctx);
    const grid = await allCandidates(page, ctx);
    const rowCount = Number(await grid.getAttribute('aria-rowcount'));
    // more guarantors than a screen holds, so End must scroll
    expect(rowCount).toBeGreaterThan(200);

    /**
     * The current row's place, whether the grid names it as its active row, whether it lies
     * whole below the header inside the grid, how many rows a Page Down moves, and how many
     * rows are drawn.
     */
    const current = () =>
      grid.evaluate((g) => {
        const row = g.querySelector<HTMLElement>('[role="row"][data-selected="true"]');
        const header = g.querySelector('[role="row"][aria-rowindex="1"]');
        if (!row || !header) return null;
        const r = row.getBoundingClientRect();
        const top = header.getBoundingClientRect().bottom;
        return {
          index: Number(row.getAttribute('aria-rowindex')),
          active: g.getAttribute('aria-activedescendant') === row.id,
          whole: r.top >= top - 1 && r.bottom <= g.getBoundingClientRect().bottom + 1,
          page: Math.max(1, Math.floor(g.clientHeight / r.height) - 1),
          drawn: g.querySelectorAll('[role="row"]').length,
        };
      });
    await grid.focus();
    const first = await current();
    expect(first).toMatchObject({ index: 2, active: true, whole: true });
    // only the rows on screen and a few beyond are drawn, however many are listed
    expect(first?.drawn).toBeLessThan(80);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(current).toMatchObject({ index: 4, active: true, whole: true });
    await page.keyboard.press('k');
    await expect.poll(current).toMatchObject({ index: 3, active: true, whole: true });
    await page.keyboard.press('PageDown');
    await expect
      .poll(current)
      .toMatchObject({ index: 3 + (first?.page ?? 0), active: true, whole: true });
    await page.keyboard.press('End');
    await expect.poll(current).toMatchObject({ index: rowCount, active: true, whole: true });
    expect(await grid.evaluate((g) => g.scrollTop)).toBeGreaterThan(0);
    // past the end stays at the end
    await page.keyboard.press('ArrowDown');
    await expect.poll(current).toMatchObject({ index: rowCount, active: true, whole: true });
    await page.keyboard.press('PageUp');
    await expect
      .poll(current)
      .toMatchObject({ index: rowCount - (first?.page ?? 0), active: true, whole: true });
    await page.keyboard.press('Home');
    await expect.poll(current).toMatchObject({ index: 2, active: true, whole: true });
    expect(await grid.evaluate((g) => g.scrollTop)).toBe(0);
    expect((await current())?.drawn).toBeLessThan(80);
  });

  it('ticks the current guarantor with Space and every one that can be printed with Ctrl+A', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const page = await app.open('#/statements', ctx);
    const grid = await allCandidates(page, ctx);
    const currentBox = grid
      .locator('[role="row"][data-selected="true"]')
      .getByRole('checkbox', { name: /^Select / });
    await grid.focus();
    // the first guarantor that can get a statement (one with every account held cannot)
    for (let i = 0; i < 40 && (await currentBox.isDisabled()); i++)
      await page.keyboard.press('ArrowDown');
    expect(await currentBox.isDisabled()).toBe(false);

    await page.keyboard.press('Space');
    await expect.poll(() => currentBox.isChecked()).toBe(true);
    await page.getByText(/^1 selected/).waitFor();
    expect(
      await grid.locator('[role="row"][data-selected="true"]').getAttribute('aria-selected'),
    ).toBe('true');
    await page.keyboard.press('Space');
    await expect.poll(() => currentBox.isChecked()).toBe(false);
    await page.getByText(/^0 selected/).waitFor();

    const all = page.getByRole('checkbox', {
      name: 'Select all guarantors that can get a statement',
    });
    const selectedCount = async () =>
      Number(
        /^(\d[\d,]*) selected/
          .exec((await page.getByText(/ selected/).textContent()) ?? '')?.[1]
          ?.replace(/,/g, ''),
      );
    // Ctrl+A ticks what the select-all box ticks: every guarantor that can be printed
    await all.check();
    const printable = await selectedCount();
    expect(printable).toBeGreaterThan(50);
    await all.uncheck();
    await page.getByText(/^0 selected/).waitFor();
    await grid.focus();
    await page.keyboard.press('Control+a');
    await expect.poll(() => all.isChecked()).toBe(true);
    expect(await selectedCount()).toBe(printable);
    await page.keyboard.press('Control+a');
    await expect.poll(() => all.isChecked()).toBe(false);
    await page.getByText(/^0 selected/).waitFor();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/dispatch';
import {
  addAccount,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../../electron/testing/builders';
import { ensureUser } from '../../electron/users/users';
import { appSession, screenshot, type TestCtx } from './harness';

const app = appSession();

/** Every element in the header whose text is cut: wider content than its box. */
function truncated(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('header *')]
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName} "${el.textContent ?? ''}" ${el.scrollWidth}>${el.clientWidth}`),
  );
}

/**
 * Pairs of header items whose boxes cross, and items that run past the window's edge: the
 * title, each navigation button, the search hint and its shortcut, the user and the menu.
 */
function collisions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const header = document.querySelector('header');
    if (!header) return ['no header'];
    const search = header.querySelector('button[aria-keyshortcuts="Control+K"]');
    const items = [
      ...header.querySelectorAll<HTMLElement>('h1, nav button, [data-header-item]'),
      ...(search ? search.querySelectorAll<HTMLElement>('p, kbd') : []),
    ];
    const found: string[] = [];
    const boxes = items.map((el) => ({
      name: el.textContent ?? '',
      r: el.getBoundingClientRect(),
    }));
    for (const b of boxes) {
      if (b.r.left < 0 || b.r.right > window.innerWidth) found.push(`${b.name} leaves the window`);
    }
    boxes.forEach((a, i) => {
      for (const b of boxes.slice(i + 1))
        if (
          a.r.left < b.r.right &&
          b.r.left < a.r.right &&
          a.r.top < b.r.bottom &&
          b.r.top < a.r.bottom
        )
          found.push(`${a.name} overlaps ${b.name}`);
    });
    return found;
  });
}

async function expectWholeHeader(page: Page, shot: string): Promise<void> {
  for (const width of [1440, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    // the nav holds every everyday screen and the search shows its whole hint
    await page.getByText('Account, claim, name, DOB, phone', { exact: true }).waitFor();
    await expect.poll(() => page.locator('header nav button').count()).toBe(6);
    expect(await truncated(page)).toEqual([]);
    expect(await collisions(page)).toEqual([]);
    await screenshot(page, `${shot}-${width}`);
  }
}

/** A representative's write-off above the approval limit, so something waits. */
function oneRequestWaiting(ctx: TestCtx): void {
  const a = addAccount(ctx, {
    number: 'A1001',
    patientId: addPerson(ctx, { last: 'Moreno', first: 'Ana' }),
  });
  addBilledClaim(ctx, a.accountId, addPayer(ctx), [90_000], 'patient');
  const r = dispatch(ctx, 'postAdjustment', {
    accountId: a.accountId,
    side: 'patient',
    amount: 60_000,
    reasonCode: 'CHARITY',
    memo: 'Financial assistance form approved',
  });
  if (!r.ok) throw new Error(r.error.message);
}

describe('header at 1440 and 1280 px', () => {
  it('shows a supervisor every label whole, with approvals in a keyboard menu that counts them', async () => {
    const ctx = app.database({ demo: false });
    oneRequestWaiting(ctx);
    const supId = ensureUser(ctx.db, 'sup.long', 'Samantha Okonkwo-Fitzgerald', ctx.clock.now());
    makeSupervisor(ctx, supId);
    const page = await app.open('#/queue', { ...ctx, userId: supId });
    const office = page.getByRole('button', { name: 'Office, 1 approval waiting' });
    await office.waitFor();
    await expectWholeHeader(page, 'header-supervisor');

    // from the keyboard: open the menu, walk to Approvals, take it
    await office.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    const names = await menu.getByRole('menuitem').allTextContents();
    expect(names.map((n) => n.replace(/\d+$/, '').trim())).toEqual([
      'Approvals',
      'Audit',
      'Backups',
      'Cash summary',
      'Payers',
      'Collection agencies',
      'Templates',
      'Settings',
    ]);
    expect(await truncated(page)).toEqual([]);
    await screenshot(page, 'header-supervisor-menu');
    const approvals = menu.getByRole('menuitem', { name: 'Approvals, 1 waiting' });
    const focused = () => approvals.evaluate((el) => el === document.activeElement);
    for (let step = 0; step < 5 && !(await focused()); step++)
      await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/approvals$/);
    await page.getByRole('table', { name: 'Requests' }).waitFor();
  });

  it('shows a representative every label whole, with the office screens in the menu', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('#/queue', ctx);
    const office = page.getByRole('button', { name: 'Office', exact: true });
    await office.waitFor();
    await expectWholeHeader(page, 'header-representative');

    await office.click();
    const menu = page.getByRole('menu');
    // the menu opens a moment after the click: its items are read once it has them
    await expect
      .poll(() => menu.getByRole('menuitem').allTextContents())
      .toEqual(['Cash summary', 'Payers', 'Collection agencies', 'Templates', 'Settings']);
    await menu.getByRole('menuitem', { name: 'Templates' }).click();
    await page.waitForURL(/#\/templates$/);
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LOCKED_MESSAGE, waitingMessage } from '../../electron/access/gate';
import { lockWhenIdle } from '../../electron/access/session';
import type { Ctx } from '../../electron/core/context';
import { makeSupervisor } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { manualClock } from '../../electron/testing/manual-clock';
import { TEST_TODAY } from '../../electron/testing/test-db';
import { signIn } from '../../electron/users/sign-in';
import { appSession, screenshot } from './harness';

const app = appSession();

const queueGrid = (p: Page) => p.getByRole('grid', { name: /Work queue/ });

/** What anyone with DevTools could do: call the API by hand, past every screen. */
const callByHand = (page: Page, method: string) =>
  page.evaluate(
    (m) =>
      (window as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api[m]?.({}),
    method,
  );

describe('sign-in and the idle lock', () => {
  it('locks a window left idle for the billing rule minutes, hiding patient data until the user signs in again', async () => {
    const db = app.database({ demo: true });
    // the main process's clock, moved by the test: no timer is raced
    const clock = manualClock(`${TEST_TODAY}T15:00:00.000Z`);
    const ctx: Ctx = { ...db, clock };
    // as the main process does for its window
    lockWhenIdle(ctx);
    const page = await app.open('#/queue', ctx);
    await queueGrid(page).waitFor();

    clock.advanceMinutes(15);
    // the window asks when it comes back into focus (and every 20 s by itself)
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByRole('heading', { name: 'ClaimDesk is locked' }).waitFor();
    expect(await queueGrid(page).count()).toBe(0);
    expect(await page.getByText(/Work queue/).count()).toBe(0);
    expect(await callByHand(page, 'listQueue')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: LOCKED_MESSAGE },
    });
    await page.getByText('15 minutes without a key or the mouse touched').waitFor();
    await screenshot(page, 'lock-screen');

    await page.getByRole('button', { name: 'Unlock' }).click();
    await queueGrid(page).waitFor();
  });

  it('asks for the PIN at start, refusing a wrong one', async () => {
    const db = app.database({ demo: true });
    call(db, 'setOwnSecret', { kind: 'pin', secret: '482913' });
    // a new window, as when ClaimDesk starts
    const page = await app.open('#/queue', { ...db });
    const pin = page.getByLabel('Your ClaimDesk PIN');
    await pin.fill('482914');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That PIN is not right.').waitFor();
    expect(await queueGrid(page).count()).toBe(0);
    await screenshot(page, 'lock-screen-pin');
    await pin.fill('482913');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await queueGrid(page).waitFor();
  });

  it('keeps a new sign-in name waiting; emergency access opens it, and a supervisor sees and decides', async () => {
    const db = app.database({ demo: true });
    makeSupervisor(db);
    const sam: Ctx = { ...db, userId: signIn(db.db, 'sam.ortiz', db.clock.now()) };
    const page = await app.open('#/queue', sam);
    await page.getByText(waitingMessage('sam.ortiz')).waitFor();
    expect(await queueGrid(page).count()).toBe(0);
    expect(await callByHand(page, 'listQueue')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: waitingMessage('sam.ortiz') },
    });
    await screenshot(page, 'waiting-screen');

    await page.getByRole('button', { name: /Emergency access/ }).click();
    await page
      .getByLabel('Why you need access now')
      .fill('Night shift; ER registration needs billing history');
    await page.getByRole('button', { name: 'Start emergency access' }).click();
    await queueGrid(page).waitFor();

    signIn(db.db, 'kim.ng', db.clock.now());
    const boss = await app.open('#/settings?tab=users', db);
    const waiting = boss.getByRole('table', { name: 'Sign-in names waiting' });
    await waiting.getByRole('cell', { name: 'kim.ng', exact: true }).waitFor();
    const emergency = boss.getByRole('table', { name: 'Emergency access' });
    await emergency.getByText('Night shift; ER registration needs billing history').waitFor();
    await boss.getByText('1 to acknowledge').waitFor();
    await screenshot(boss, 'pending-users');

    await waiting.getByRole('button', { name: 'Allow kim.ng' }).click();
    // sam.ortiz still waits: emergency access does not allow the name
    await expect
      .poll(() => waiting.getByRole('cell', { name: 'kim.ng', exact: true }).count())
      .toBe(0);
    await waiting.getByRole('cell', { name: 'sam.ortiz', exact: true }).waitFor();
    await emergency.getByRole('button', { name: 'Acknowledge' }).click();
    await emergency.getByText(/Rita Representative,/).waitFor();
    expect(
      db.db.prepare(`SELECT username, pending FROM users WHERE username = 'kim.ng'`).get(),
    ).toEqual({ username: 'kim.ng', pending: 0 });
  });
});

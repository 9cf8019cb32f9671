import { describe, expect, it } from 'vitest';
import { addAccount, addPerson, makeSupervisor } from '../../electron/testing/builders';
import { joinOffice, refused } from '../../electron/testing/office/not-synced-rows';
import { ensureUser } from '../../electron/users/users';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('actions the office refused', () => {
  it('shows a representative what the office refused and why, and lets them dismiss it once redone', async () => {
    const ctx = app.database({ demo: false });
    // an account of the copy the office started from, named by its base id everywhere
    const { accountId } = addAccount(ctx, {
      number: 'A3003',
      patientId: addPerson(ctx, { last: 'Moreno', first: 'Ana' }),
    });
    joinOffice(ctx);
    const other = ensureUser(ctx.db, 'rep.two', 'Dana Reyes', ctx.clock.now());
    refused(ctx, ctx.userId, accountId, 'Patient asked to be called after 5 pm.');
    refused(ctx, other, accountId, 'Dana: left a voicemail.');

    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: 'Office, 1 not synced' }).click();
    await page.getByRole('menuitem', { name: 'Not synced, 1 waiting' }).click();
    await page.waitForURL(/#\/not-synced$/);
    const table = page.getByRole('table', { name: 'Actions the office refused' });
    const row = table.locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByText('Patient asked to be called after 5 pm.').waitFor();
    await row.getByText('Callback due 03/27/2026.').waitFor();
    await row.getByText('Someone changed this follow-up first: Callback due 03/20/2026.').waitFor();
    // Dana's refusal is hers to handle, not this representative's
    expect(await table.getByText('Dana: left a voicemail.').count()).toBe(0);
    await screenshot(page, 'not-synced');

    // the account is one click away, to redo what is still needed
    await row.getByRole('link', { name: 'A3003' }).click();
    await page.waitForURL(new RegExp(`#/accounts/${accountId}$`));
    await page.goBack();
    await page
      .getByRole('button', { name: 'Dismiss: Patient asked to be called after 5 pm.' })
      .click();
    await page.getByRole('heading', { name: 'Nothing waits here' }).waitFor();
    await page.getByRole('button', { name: 'Office', exact: true }).waitFor();
    await screenshot(page, 'not-synced-empty');

    // a supervisor sees everyone's, and may dismiss them
    makeSupervisor(ctx);
    await page.reload();
    await table.getByText('Dana: left a voicemail.').waitFor();
    await table.getByText('Dana Reyes').waitFor();
  });

  it('says so on a desktop that is not part of an office', async () => {
    const ctx = app.database({ demo: false });
    addAccount(ctx);
    const page = await app.open('#/not-synced', ctx);
    await page.getByRole('heading', { name: 'This desktop is not part of an office' }).waitFor();
    await page.getByRole('button', { name: 'Office', exact: true }).click();
    expect(await page.getByRole('menuitem', { name: /Not synced/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../electron/db/open';
import { one } from '../../electron/db/query';
import { officeLink } from '../../electron/office/gids';
import type { OfficeHost } from '../../electron/office/membership';
import { setOfficeRunner } from '../../electron/office/runner';
import type { ServerConfig } from '../../electron/office/server/connection';
import { addAccount, addPerson, makeSupervisor } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { owing } from '../../electron/testing/office/money';
import { runnerFor } from '../../electron/testing/office/runner';
import { createServerDatabase } from '../../electron/testing/office/server-db';
import type { TestCtx } from './harness';
import { appSession, freshDatabase, screenshot } from './harness';

const app = appSession();

/** The office server's settings typed into the Settings tab, then saved. */
async function saveServer(page: Page, server: ServerConfig): Promise<void> {
  await page.getByRole('tab', { name: 'Office server', selected: true }).waitFor();
  const form = page.getByRole('form', { name: 'Office server' });
  const field = (name: string | RegExp) => form.getByRole('textbox', { name });
  await field('Server name or address').fill(server.host);
  await field('Port').fill(String(server.port));
  await field('Database').fill(server.database);
  await field('User name').fill(server.user);
  await form.getByLabel(/^Password/).fill(server.password);
  await field(/CA certificate/).fill(server.ssl.ca ?? '');
  await form.getByRole('button', { name: 'Save' }).click();
  await page
    .getByText('Office server saved. This desktop syncs once it is part of the office.')
    .waitFor();
}

/**
 * A supervisor's desktop and its runner, as the main process makes it; one runner at a
 * time, as in the app. Its database closes after the runner has stopped.
 */
function desktop(host: OfficeHost | null = null): TestCtx {
  const ctx = freshDatabase({ demo: false });
  onTestFinished(() => ctx.close());
  makeSupervisor(ctx);
  runnerFor(ctx, host);
  app.afterTest(() => {
    setOfficeRunner(null);
  });
  return ctx;
}

describe('making an office and joining it', () => {
  it('makes the office from one desktop and downloads it at another', async () => {
    const server = await createServerDatabase();
    const first = desktop();
    const { accountId } = addAccount(first, {
      number: 'A5001',
      patientId: addPerson(first, { last: 'Okafor', first: 'Grace' }),
    });
    owing(first, accountId);
    call(first, 'setFollowUp', { accountId, kind: 'account', dueDate: first.clock.today() });

    const page = await app.open('#/settings?tab=office', first);
    await saveServer(page, server);
    const office = page.getByRole('group', { name: 'The office’s database' });
    await office.getByText('This desktop does not belong to an office yet.').waitFor();
    await screenshot(page, 'office-not-yet');
    await office.getByRole('button', { name: 'Make the office database…' }).click();
    const ask = page.getByRole('dialog', { name: 'Make the office database from this desktop?' });
    await ask.getByRole('button', { name: 'Make the office database' }).click();
    await page
      .getByText(
        'The office database is made: 1 account, 1 ledger row and 1 follow-up sent, every ' +
          'account’s ledger matching its balance. This desktop syncs with it now; the others can join.',
      )
      .waitFor();
    await page.getByText('This desktop belongs to the office').waitFor();
    expect(officeLink(first.db)).toBeDefined();
    await screenshot(page, 'office-made');

    // a second desktop, with nothing of its own yet, joins by downloading
    const switched: string[] = [];
    // as the app does: a folder of its own beside the desktop's database
    const second = desktop({
      joinedFile: (ctx) => ({
        file: path.join(path.dirname(ctx.databasePath), 'office-copy', 'claimdesk.sqlite'),
      }),
      switchTo: (file) => (switched.push(file), false),
    });
    // a new desktop's first screen leads there
    const joining = await app.open('', second);
    await joining.getByRole('button', { name: 'Join an office…' }).click();
    await saveServer(joining, server);
    await joining.getByRole('button', { name: 'Join the office…' }).click();
    await joining
      .getByRole('dialog', { name: 'Join the office?' })
      .getByRole('button', { name: 'Download and restart' })
      .click();
    const joined = joining.getByRole('status').filter({ hasText: 'downloaded' });
    await joined.waitFor();
    expect(await joined.innerText()).toContain(
      `The office’s database is downloaded to ${path.join('office-copy', 'claimdesk.sqlite')}. Start ClaimDesk again ` +
        `to open it. This desktop’s own database is kept as it was, in ${path.basename(second.databasePath)}.`,
    );
    await screenshot(joining, 'office-joined');
    const file = path.join(path.dirname(second.databasePath), 'office-copy', 'claimdesk.sqlite');
    expect(switched).toEqual([file]);
    // the copy holds the first desktop's account, linked to the office as a desktop of its own
    const copy = openDatabase(file);
    app.afterTest(() => copy.close());
    expect(one(copy, `SELECT account_number AS n FROM accounts`)).toEqual({ n: 'A5001' });
    expect(officeLink(copy)?.desktopId).not.toBe(officeLink(first.db)?.desktopId);
    // and the second desktop's own database is as it was: no office there
    expect(officeLink(second.db)).toBeUndefined();
  });
});

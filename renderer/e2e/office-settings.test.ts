import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { OfficeRunner, setOfficeRunner } from '../../electron/office/runner';
import { OfficeServerSettingsStore, type StoredOfficeServer } from '../../electron/office/settings';
import { addAccount, makeSupervisor } from '../../electron/testing/builders';
import { testProtection } from '../../electron/testing/os-protection';
import type { TestCtx } from './harness';
import { appSession, screenshot } from './harness';

const app = appSession();

/** A port nothing listens on: its server was closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The main process's office runner over this test's database, its preferences in memory. */
function officeRunner(ctx: TestCtx) {
  let kept: StoredOfficeServer | undefined;
  const protection = testProtection();
  const runner = new OfficeRunner(
    ctx,
    new OfficeServerSettingsStore({ get: () => kept, set: (v) => (kept = v) }, () =>
      Promise.resolve(protection),
    ),
  );
  setOfficeRunner(runner);
  app.afterTest(() => setOfficeRunner(null));
  return { stored: () => kept };
}

describe('the office server in Settings', () => {
  it('is a supervisor’s: a representative sees no tab, and is refused at its address', async () => {
    const ctx = app.database({ demo: false });
    addAccount(ctx);
    const page = await app.open('#/settings?tab=facility', ctx);
    await page.getByRole('tab', { name: 'Billing rules' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Office server' }).count()).toBe(0);
    await page.goto(app.url('#/settings?tab=office'));
    await page.getByText('Only a supervisor can see the office server settings.').waitFor();
    // standalone: no status line
    expect(await page.locator('[data-office-status]').count()).toBe(0);
  });

  it('says what is wrong with each field, and that a server that does not answer does not', async () => {
    const ctx = app.database({ demo: false });
    addAccount(ctx);
    makeSupervisor(ctx);
    const { stored } = officeRunner(ctx);
    const page = await app.open('#/settings?tab=facility', ctx);
    await page.getByRole('tab', { name: 'Office server' }).click();
    const form = page.getByRole('form', { name: 'Office server' });
    const field = (name: string | RegExp) => form.getByRole('textbox', { name });

    await field('Port').fill('fifty');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('The port is a number from 1 to 65535.').waitFor();

    await field('Port').fill('5432');
    await field('Database').fill('claim desk');
    await field(/CA certificate/).fill('not a certificate');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form.getByText('Enter the server’s name or address.').waitFor();
    await form
      .getByText(
        'A database name holds letters, digits, underscores and hyphens, starting with a letter.',
      )
      .waitFor();
    await form.getByText('Enter the user name.').waitFor();
    await form
      .getByText(
        'Paste the CA certificate as PEM text, from -----BEGIN CERTIFICATE----- to the end.',
      )
      .waitFor();

    const port = await closedPort();
    await field('Server name or address').fill('127.0.0.1');
    await field('Port').fill(String(port));
    await field('Database').fill('claimdesk');
    await field('User name').fill('desk_one');
    await form.getByLabel(/^Password/).fill('not kept in the clear');
    await field(/CA certificate/).fill('');
    await form.getByRole('button', { name: 'Test connection' }).click();
    await form
      .getByText(
        `The office server at 127.0.0.1:${port} does not answer. Work is kept here and sent when it is back.`,
      )
      .waitFor();
    expect(stored()).toBeUndefined();

    await form.getByRole('button', { name: 'Save' }).click();
    await page
      .getByText('Office server saved. This desktop syncs once it is part of the office.')
      .waitFor();
    await form.getByText('A password is set. Leave this empty to keep it.').waitFor();
    expect(await form.getByLabel(/^Password/).inputValue()).toBe('');
    expect(stored()?.server).toEqual({
      host: '127.0.0.1',
      port,
      database: 'claimdesk',
      user: 'desk_one',
      caPem: null,
    });
    expect(JSON.stringify(stored())).not.toContain('not kept in the clear');
    await screenshot(page, 'office-server-saved');

    await form.getByRole('button', { name: 'Disconnect…' }).click();
    const ask = page.getByRole('dialog', { name: 'Disconnect from the office server?' });
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(stored()).toBeDefined();
    await form.getByRole('button', { name: 'Disconnect…' }).click();
    await ask.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText(/^Disconnected\./).waitFor();
    expect(stored()).toBeUndefined();
    await expect.poll(() => field('User name').inputValue()).toBe('');
  });
});

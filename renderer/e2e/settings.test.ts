import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { documentsDir } from '../../electron/filing/location';
import { sweepDocuments } from '../../electron/filing/sweep';
import { addAccount, makeSupervisor } from '../../electron/testing/builders';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('office settings', () => {
  it('lets a supervisor change the facility and its office hours, refusing a bad NPI', async () => {
    const ctx = app.database({ demo: true });
    // reached from the Templates screen, where the wording of letters is kept
    const page = await app.open('#/templates', ctx);
    await page.getByRole('link', { name: 'facility details' }).click();
    await page.waitForURL(/#\/settings\?tab=facility$/);
    const form = page.getByRole('form', { name: 'Facility' });
    // a representative reads it, with nothing to save
    await form.getByText('Only a supervisor can change the facility details.').waitFor();
    expect(await form.getByRole('button', { name: 'Save facility' }).count()).toBe(0);
    const hours = form.getByRole('textbox', { name: 'Billing office hours' });
    expect(await hours.getAttribute('readonly')).not.toBeNull();

    makeSupervisor(ctx);
    await page.reload();
    await hours.fill('Monday to Thursday, 7:30 a.m. to 6 p.m.');
    await form.getByRole('textbox', { name: 'NPI' }).fill('1847392656');
    await form.getByRole('button', { name: 'Save facility' }).click();
    await form.getByText(/its last digit did not check/).waitFor();
    const stored = () =>
      ctx.db.prepare(`SELECT npi, billing_office_hours AS hours FROM facility`).get();
    expect(stored()).toEqual({
      npi: '1847392655',
      hours: 'Monday to Friday, 8:00 a.m. to 5:00 p.m.',
    });
    await form.getByRole('textbox', { name: 'NPI' }).fill('1847392655');
    await form.getByRole('button', { name: 'Save facility' }).click();
    await page
      .getByText('Facility saved. Letters and statements made from now on print it.')
      .waitFor();
    expect(stored()).toEqual({
      npi: '1847392655',
      hours: 'Monday to Thursday, 7:30 a.m. to 6 p.m.',
    });
    await screenshot(page, 'facility-saved');
  });

  it('lets a supervisor add a facility accounts are billed under, which the reports then offer', async () => {
    const ctx = app.database({ demo: false });
    addAccount(ctx);
    makeSupervisor(ctx);
    const page = await app.open('#/settings?tab=facility', ctx);
    const table = page.getByRole('table', { name: 'Facilities accounts are billed under' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Add a facility…' }).click();
    const form = page.getByRole('form', { name: 'Add a facility' });
    await form.getByRole('textbox', { name: 'Facility name' }).fill('North Clinic');
    await form.getByRole('textbox', { name: /Billing provider NPI/ }).fill('1234567894');
    await form.getByRole('button', { name: 'Add facility' }).click();
    await form.getByText(/its last digit did not check/).waitFor();
    await form.getByRole('textbox', { name: /Billing provider NPI/ }).fill('1234567893');
    await form.getByRole('button', { name: 'Add facility' }).click();
    await table.getByRole('cell', { name: 'North Clinic', exact: true }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'facility-billing-added');

    // a second facility with the same NPI would leave a claim file two places to go
    await page.getByRole('button', { name: 'Add a facility…' }).click();
    await form.getByRole('textbox', { name: 'Facility name' }).fill('South Clinic');
    await form.getByRole('textbox', { name: /Billing provider NPI/ }).fill('1234567893');
    await form.getByRole('button', { name: 'Add facility' }).click();
    await form.getByText("NPI 1234567893 is already North Clinic's.").waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    await page.goto(app.url('#/reports'));
    await page.getByRole('combobox', { name: 'Facility' }).click();
    await page.getByRole('option', { name: 'North Clinic' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('tells everyone that files were set aside at open, and a supervisor which and where', async () => {
    const ctx = app.database({ demo: false });
    // an office at work, so the settings show rather than the first-start welcome
    addAccount(ctx);
    const month = path.join(documentsDir(ctx.databasePath), '2026', '03');
    fs.mkdirSync(month, { recursive: true });
    fs.writeFileSync(path.join(month, '12-statement-0123456789ab.pdf'), '%PDF-1.7 left by a crash');
    sweepDocuments(ctx);
    const page = await app.open('#/settings', ctx);
    await page.getByText('1 file was found with no document on record and set aside.').waitFor();
    expect(await page.getByRole('table', { name: 'Documents set aside' }).count()).toBe(0);

    makeSupervisor(ctx);
    await page.reload();
    const table = page.getByRole('table', { name: 'Documents set aside' });
    await table
      .getByRole('row', {
        name: /In the documents folder with no document on record .*12-statement/,
      })
      .waitFor();
    await page.getByText('set-aside (not filed)', { exact: false }).first().waitFor();
    await screenshot(page, 'settings-set-aside');
  });

  it('shows a representative the rules, reasons and users without a way to change them', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('#/queue', ctx);
    await page.getByRole('button', { name: 'Office', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await page.waitForURL(/#\/settings$/);
    await page.getByRole('tab', { name: 'Billing rules' }).click();
    const rules = page.getByRole('form', { name: 'Billing rules' });
    await rules.getByText('Only a supervisor can change the billing rules.').waitFor();
    expect(
      await rules.getByRole('textbox', { name: 'Write-off approval limit' }).inputValue(),
    ).toBe('500.00');
    expect(await rules.getByRole('button', { name: 'Save billing rules' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Adjustment reasons' }).click();
    await page.getByText('Only a supervisor can change this list.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Add a reason' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Users' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users
      .getByRole('row', { name: /Rita Representative you rep\.one Account representative/ })
      .waitFor();
    expect(await page.getByRole('button', { name: /^Change / }).count()).toBe(0);
  });

  it('lets a supervisor change a rule, keep the reason list and give a colleague the role', async () => {
    const ctx = app.database({ demo: true });
    makeSupervisor(ctx);
    const page = await app.open('#/settings?tab=rules', ctx);
    const rules = page.getByRole('form', { name: 'Billing rules' });
    await rules.getByText('Every rule is at ClaimDesk’s starting value.').waitFor();
    await rules.getByRole('textbox', { name: 'Write-off approval limit' }).fill('750');
    await rules.getByRole('textbox', { name: 'Plan grace days' }).fill('ten');
    await rules.getByRole('button', { name: 'Save billing rules' }).click();
    await rules.getByText('Type a whole number such as 30.').waitFor();
    const stored = () => ctx.db.prepare(`SELECT key, value FROM billing_rules ORDER BY key`).all();
    expect(stored()).toEqual([]);
    await rules.getByRole('textbox', { name: 'Plan grace days' }).fill('61');
    // the message goes as soon as the field is corrected
    expect(await rules.getByText('Type a whole number such as 30.').count()).toBe(0);
    await rules.getByRole('button', { name: 'Save billing rules' }).click();
    await rules.getByText('Plan grace days must be at most 60.').waitFor();
    expect(stored()).toEqual([]);
    await rules.getByRole('textbox', { name: 'Plan grace days' }).fill('14');
    await rules.getByRole('button', { name: 'Save billing rules' }).click();
    await page.getByText('Billing rules saved.').waitFor();
    await rules.getByText(/Last changed .* by Rita Representative\./).waitFor();
    expect(stored()).toEqual([
      { key: 'planGraceDays', value: '14' },
      { key: 'writeOffApprovalLimit', value: '75000' },
    ]);
    // the save button's loading animation settles before the picture
    await page.waitForTimeout(400);
    await screenshot(page, 'settings-rules');

    await page.getByRole('tab', { name: 'Adjustment reasons' }).click();
    await page.getByRole('button', { name: 'Add a reason' }).click();
    const add = page.getByRole('form', { name: 'Add an adjustment reason' });
    await add.getByRole('textbox', { name: 'Code' }).fill('prompt pay');
    await add.getByRole('textbox', { name: 'Label' }).fill('Prompt-pay discount');
    await add.getByRole('button', { name: 'Add reason' }).click();
    await add.getByText('Choose the category the reason reports under.').waitFor();
    await add.getByRole('combobox', { name: 'Reports under' }).click();
    await page.getByRole('option', { name: 'Administrative' }).click();
    await add.getByRole('button', { name: 'Add reason' }).click();
    await add.getByText(/Code is 2 to 30 letters, digits or underscores/).waitFor();
    await add.getByRole('textbox', { name: 'Code' }).fill('prompt_pay');
    await add.getByRole('button', { name: 'Add reason' }).click();
    await page.getByText('Reason PROMPT_PAY added.').waitFor();
    const reasons = page.getByRole('table', { name: 'Adjustment reasons' });
    await reasons
      .getByRole('row', { name: /Prompt-pay discount PROMPT_PAY Administrative In use/ })
      .waitFor();
    await reasons.getByRole('button', { name: 'Change Prompt-pay discount' }).click();
    const change = page.getByRole('form', { name: 'Adjustment reason PROMPT_PAY' });
    await change.getByRole('checkbox', { name: /In use/ }).uncheck();
    await change.getByRole('button', { name: 'Save reason' }).click();
    await reasons
      .getByRole('row', { name: /Prompt-pay discount PROMPT_PAY Administrative Retired/ })
      .waitFor();
    expect(
      ctx.db
        .prepare(`SELECT label, category, active FROM adjustment_reasons WHERE code = 'PROMPT_PAY'`)
        .get(),
    ).toEqual({ label: 'Prompt-pay discount', category: 'administrative', active: 0 });
    await screenshot(page, 'settings-reasons');

    await page.getByRole('tab', { name: 'Users' }).click();
    const colleague = ctx.db
      .prepare(
        `SELECT id, display_name AS name FROM users WHERE role = 'representative' AND id <> ? ORDER BY id LIMIT 1`,
      )
      .get(ctx.userId) as { id: number; name: string };
    await page.getByRole('button', { name: `Change ${colleague.name}` }).click();
    const user = page.getByRole('form', { name: /^User / });
    await user.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Supervisor' }).click();
    await user.getByRole('button', { name: 'Save user' }).click();
    await page.getByText(`${colleague.name} saved.`).waitFor();
    const users = page.getByRole('table', { name: 'Users' });
    await users
      .getByRole('row', {
        name: new RegExp(
          `${colleague.name} .* Supervisor Active Role: Account representative → Supervisor · Rita Representative`,
        ),
      })
      .waitFor();
    expect(ctx.db.prepare(`SELECT role FROM users WHERE id = ?`).get(colleague.id)).toEqual({
      role: 'supervisor',
    });
    await screenshot(page, 'settings-users');
  });
});

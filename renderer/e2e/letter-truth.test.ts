import { describe, expect, it } from 'vitest';
import { callAsync } from '../../electron/testing/call';
import { appSession, screenshot, type TestCtx } from './harness';

const app = appSession();

/** An open denial, on time or not, whose suggested letter is the first-level non-covered appeal. */
async function nonCoveredDenial(c: TestCtx, late: boolean): Promise<number> {
  const rows = c.db
    .prepare(
      `SELECT id FROM denials WHERE category = 'non_covered' AND action = 'appeal'
         AND state = 'new' AND (deadline_date < ?) = ? ORDER BY id`,
    )
    .all(c.clock.today(), late ? 1 : 0) as { id: number }[];
  for (const row of rows) {
    const draft = await callAsync(c, 'draftAppeal', { denialId: row.id });
    if (draft.templateId === 'appeal-non-covered-1') return row.id;
  }
  throw new Error('the demo data has no such non-covered denial');
}

describe('letters that state only what is true', () => {
  it('shows optional arguments off until ticked, each with its hint', async () => {
    const ctx = app.database({ demo: true });
    const denialId = await nonCoveredDenial(ctx, false);
    const page = await app.open(`#/appeal/${denialId}`, ctx);
    const emergency = page.getByRole('checkbox', { name: /Emergency care \(No Surprises Act\)/ });
    await emergency.waitFor();
    expect(await emergency.isChecked()).toBe(false);
    await page
      .getByText('Only when the record shows the patient came for emergency care', { exact: false })
      .waitFor();
    // off, the argument's text is not in the letter at all
    expect(await page.getByText('including the No Surprises Act', { exact: false }).count()).toBe(
      0,
    );
    await page
      .getByRole('group', { name: 'Optional argument: Covered benefit' })
      .scrollIntoViewIfNeeded();
    await screenshot(page, 'appeal-optional-off');

    await emergency.check();
    await page.getByText('including the No Surprises Act', { exact: false }).waitFor();
    await page.keyboard.press('Control+Enter');
    const preview = page.getByRole('region', { name: 'Letter preview' });
    await expect.poll(() => preview.getAttribute('data-state')).toBe('drawn');
    await screenshot(page, 'appeal-optional-on');
  });

  it('asks before generating an appeal after its deadline', async () => {
    const ctx = app.database({ demo: true });
    const denialId = await nonCoveredDenial(ctx, true);
    const page = await app.open(`#/appeal/${denialId}`, ctx);
    await page
      .getByText(/The appeal deadline of .* has passed\./)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Generate and file' }).click();
    // the required gaps are asked about first, then the deadline
    const gaps = page.getByRole('button', { name: 'Generate anyway' });
    if (await gaps.isVisible()) await gaps.click();
    const dialog = page.getByRole('dialog', { name: 'Send an appeal after its deadline?' });
    await dialog
      .getByText('asks the payer to accept it for good cause', { exact: false })
      .waitFor();
    await screenshot(page, 'appeal-late-confirm');
    await dialog.getByRole('button', { name: 'Generate late appeal' }).click();
    await page.getByText('Filed on the account').first().waitFor();
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM documents WHERE denial_id = ?`).get(denialId),
    ).toEqual({ n: 1 });
  });

  it('lets a representative keep their own title, direct phone and email', async () => {
    const ctx = app.database({ demo: true });
    const page = await app.open('#/settings', ctx);
    await page.getByRole('tab', { name: 'Users' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users.waitFor();
    // only their own contact details are offered to a representative
    expect(await page.getByRole('button', { name: /^Contact details of / }).count()).toBe(1);
    await page.getByRole('button', { name: 'Contact details of Rita Representative' }).click();
    const form = page.getByRole('form', { name: 'Your contact details' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Patient Account Representative');
    await form.getByRole('textbox', { name: 'Direct phone' }).fill('ext. 4127');
    await form.getByRole('textbox', { name: 'Email' }).fill('rita@lakeshore-regional.example');
    await form.getByRole('button', { name: 'Save contact details' }).click();
    await form
      .getByText('Direct phone must be a full number a payer can dial', { exact: false })
      .waitFor();
    await screenshot(page, 'settings-user-contact-form');
    await form.getByRole('textbox', { name: 'Direct phone' }).fill('(312) 555-0160');
    await form.getByRole('button', { name: 'Save contact details' }).click();
    await users
      .getByRole('row', {
        name: /Rita Representative .*\(312\) 555-0160 ?rita@lakeshore-regional\.example/,
      })
      .waitFor();
    expect(ctx.db.prepare(`SELECT title, phone FROM users WHERE id = ?`).get(ctx.userId)).toEqual({
      title: 'Patient Account Representative',
      phone: '(312) 555-0160',
    });
    await screenshot(page, 'settings-user-contact');
  });
});

import { describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../electron/api/dispatch';
import { fixedClock } from '../../electron/core/context';
import {
  addAccount,
  addAddress,
  addBilledClaim,
  addPayer,
  addPerson,
  makeSupervisor,
} from '../../electron/testing/builders';
import { ensureUser } from '../../electron/users/users';
import { isoDate } from '../../shared/dates/iso-date';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('the 501(r) timeline and bad debt on the account', () => {
  it('shows the dates, suspends ECAs on an application, and moves a balance to bad debt on approval', async () => {
    const ctx = app.database({ demo: false }); // today 03/16/2026
    const run = async (date: string, method: string, input: unknown) => {
      const r = await dispatchAsync({ ...ctx, clock: fixedClock(isoDate(date)) }, method, input);
      if (!r.ok) throw new Error(r.error.message);
    };
    const payerId = addPayer(ctx, { name: 'Self pay' });
    const ruth = addPerson(ctx, { first: 'Ruth', last: 'Calloway' });
    addAddress(ctx, ruth);
    const a = addAccount(
      { ...ctx, clock: fixedClock(isoDate('2025-10-01')) },
      { patientId: ruth, number: 'R-501' },
    ).accountId;
    addBilledClaim(
      { ...ctx, clock: fixedClock(isoDate('2025-10-01')) },
      a,
      payerId,
      [64_000],
      'patient',
    );
    // the first statement after discharge, then the written notice a month before its deadline
    await run('2025-10-10', 'generateStatement', { accountId: a });
    await run('2026-03-01', 'sendEcaNotice', { accountId: a });

    const page = await app.open(`#/accounts/${a}`, ctx);
    const card = page.getByRole('region', { name: '501(r) and financial assistance' });
    await card.getByText('Extraordinary collection actions: not before 03/31/2026').waitFor();
    const timeline = card.getByRole('table', { name: '501(r) timeline' });
    await timeline.getByText('First statement after discharge').waitFor();
    await timeline.getByText('120-day notification period ends').waitFor();
    await timeline.getByText('240-day application period ends').waitFor();
    await timeline.getByText(/Written notice of collection actions sent; none before/).waitFor();
    expect(await timeline.locator('tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^10\/01\/2025\s+Episode of care ended/),
      expect.stringMatching(/^10\/10\/2025\s+First statement after discharge/),
      expect.stringMatching(/^02\/07\/2026\s+120-day notification period ends/),
      expect.stringMatching(/^03\/01\/2026\s+Written notice .* 03\/31\/2026/),
      expect.stringMatching(/^06\/07\/2026\s+240-day application period ends\s+ahead$/i),
    ]);
    await screenshot(page, 'section-501r-timeline');

    // an application comes in: ECAs are suspended with no date until it is decided
    await card.getByRole('button', { name: 'Application received…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Financial-assistance application received' });
    await dialog.getByRole('button', { name: 'Record application' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await card.getByText('Extraordinary collection actions: not now').waitFor();
    await card.getByText(/application received 03\/16\/2026 is being reviewed/).waitFor();
    await card.getByRole('button', { name: 'Mark incomplete…' }).waitFor();
    await screenshot(page, 'section-501r-application');

    // bad debt on another account: the representative asks, a supervisor approves
    const hal = addPerson(ctx, { first: 'Hal', last: 'Moreno' });
    addAddress(ctx, hal);
    const b = addAccount(ctx, { patientId: hal, number: 'BD-200' }).accountId;
    addBilledClaim(ctx, b, payerId, [12_000], 'patient');
    addBilledClaim(ctx, b, payerId, [18_000], 'patient');
    await page.goto(app.url(`#/accounts/${b}`));
    const bad = page.getByRole('region', { name: 'Bad debt' });
    await bad.getByRole('button', { name: 'Move to bad debt…' }).click();
    const ask = page.getByRole('dialog', { name: 'Move to bad debt' });
    await ask
      .getByRole('textbox', { name: 'Reason' })
      .fill('No contact in 180 days; skip trace failed');
    await ask.getByRole('button', { name: 'Ask for approval' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    await bad.getByText(/Move of \$300\.00 asked for by Rita Representative/).waitFor();
    await screenshot(page, 'bad-debt-requested');

    const supId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supId);
    const sup = await app.open('#/approvals', { ...ctx, userId: supId });
    await sup.getByRole('button', { name: 'Approve Write-off of $300.00 on BD-200' }).click();
    const approve = sup.getByRole('dialog', { name: 'Approve and post' });
    await approve.getByRole('textbox', { name: 'Reason' }).fill('Uncollectible; agree');
    await approve.getByRole('button', { name: 'Approve and post' }).click();
    await approve.waitFor({ state: 'detached' });
    await sup.goto(app.url(`#/accounts/${b}`));
    const moved = sup.getByRole('region', { name: 'Bad debt' });
    await moved.getByText(/moved to bad debt on/).waitFor();
    await moved.getByText('approved by Sam Supervisor', { exact: false }).waitFor();
    await sup.getByText('Bad debt', { exact: true }).first().waitFor();
    await moved.getByRole('button', { name: 'Undo bad debt…' }).waitFor();
    await screenshot(sup, 'bad-debt-approved');
    expect(
      ctx.db.prepare(`SELECT status, patient_balance AS p FROM accounts WHERE id = ?`).get(b),
    ).toEqual({ status: 'bad_debt', p: 0 });
  });
});

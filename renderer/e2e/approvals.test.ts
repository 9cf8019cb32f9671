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
import { appSession, screenshot } from './harness';

const app = appSession();

describe('approvals', () => {
  it('lets a supervisor approve one request and refuse another with a reason, both in the history', async () => {
    const ctx = app.database({ demo: false });
    const supId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supId);
    const sup = { ...ctx, userId: supId };
    const ask = (method: string, input: unknown) => {
      const r = dispatch(ctx, method, input);
      if (!r.ok) throw new Error(r.error.message);
    };
    // the representative asks: a write-off over the limit and a refund of a credit
    const a = addAccount(ctx, {
      number: 'A1001',
      patientId: addPerson(ctx, { last: 'Moreno', first: 'Ana' }),
    });
    addBilledClaim(ctx, a.accountId, addPayer(ctx), [90_000], 'patient');
    ask('postAdjustment', {
      accountId: a.accountId,
      side: 'patient',
      amount: 60_000,
      reasonCode: 'CHARITY',
      memo: 'Financial assistance form approved',
    });
    const b = addAccount(ctx, {
      number: 'B2002',
      patientId: addPerson(ctx, { last: 'Okafor', first: 'Ben' }),
    });
    addBilledClaim(ctx, b.accountId, addPayer(ctx), [10_000], 'patient');
    ask('postPatientPayment', {
      accountId: b.accountId,
      amount: 63_997,
      method: 'check',
      checkNumber: '881',
      receivedDate: ctx.clock.today(),
    });
    ask('postRefund', {
      accountId: b.accountId,
      side: 'patient',
      amount: 53_997,
      method: 'check',
      reference: '1042',
      memo: 'Paid twice at the desk',
    });

    const page = await app.open('#/queue', sup);
    await page.getByRole('button', { name: 'Office, 2 approvals waiting' }).click();
    await page.getByRole('menuitem', { name: 'Approvals, 2 waiting' }).click();
    await page.waitForURL(/#\/approvals$/);
    const table = page.getByRole('table', { name: 'Requests' });
    await table.getByText('Financial assistance form approved').waitFor();
    await table.getByText('Refund by check 1042').waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'approvals-waiting');

    // approve the write-off from the keyboard: focus, Enter, a reason, Ctrl+Enter
    await page.getByRole('button', { name: 'Approve Write-off of $600.00 on A1001' }).focus();
    await page.keyboard.press('Enter');
    const approve = page.getByRole('dialog', { name: 'Approve and post' });
    await approve.getByRole('textbox', { name: 'Reason' }).fill('FA letter on file');
    await page.keyboard.press('Control+Enter');
    await approve.waitFor({ state: 'detached' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);

    // refuse the refund: a reason is required
    await page.getByRole('button', { name: 'Refuse Refund of $539.97 on B2002' }).click();
    const refuse = page.getByRole('dialog', { name: 'Refuse' });
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await refuse.getByText('Say why it is refused.').waitFor();
    await refuse.getByRole('textbox', { name: 'Reason' }).fill('Check has not cleared yet');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await refuse.waitFor({ state: 'detached' });
    await page.getByText('Nothing waits for approval.').waitFor();

    await page.getByText('Refused', { exact: true }).click();
    await table.getByText('Check has not cleared yet').waitFor();
    await screenshot(page, 'approvals-refused');

    // the money: posted for the approved one only
    const balance = (id: number) =>
      ctx.db.prepare(`SELECT patient_balance AS p FROM accounts WHERE id = ?`).get(id);
    expect(balance(a.accountId)).toEqual({ p: 30_000 });
    expect(balance(b.accountId)).toEqual({ p: -53_997 });

    // both decisions are in the accounts' history
    await page.goto(app.url(`#/accounts/${a.accountId}`));
    await page
      .getByText('Write-off of $600.00 approved and posted: FA letter on file')
      .first()
      .waitFor();
    await page.goto(app.url(`#/accounts/${b.accountId}`));
    await page.getByText('Refund of $539.97 refused: Check has not cleared yet').first().waitFor();
    await screenshot(page, 'approvals-account-history');
  });

  it('offers Approve and Refuse on the account card to a supervisor, not to the one who asked', async () => {
    const ctx = app.database({ demo: false });
    const supId = ensureUser(ctx.db, 'sup.one', 'Sam Supervisor', ctx.clock.now());
    makeSupervisor(ctx, supId);
    const a = addAccount(ctx, { number: 'C3003' });
    addBilledClaim(ctx, a.accountId, addPayer(ctx), [90_000], 'patient');
    const r = dispatch(ctx, 'postAdjustment', {
      accountId: a.accountId,
      side: 'patient',
      amount: 70_000,
      reasonCode: 'ADMIN',
      memo: 'Billing error',
    });
    expect(r.ok).toBe(true);

    const asRep = await app.open(`#/accounts/${a.accountId}`, ctx);
    const card = asRep.getByRole('region', { name: 'Waiting for approval' });
    await card.getByText('Billing error').waitFor();
    expect(await card.getByRole('button', { name: /^Approve/ }).count()).toBe(0);

    const asSup = await app.open(`#/accounts/${a.accountId}`, { ...ctx, userId: supId });
    const supCard = asSup.getByRole('region', { name: 'Waiting for approval' });
    await supCard.getByRole('button', { name: 'Approve Write-off of $700.00 on C3003' }).click();
    const dialog = asSup.getByRole('dialog', { name: 'Approve and post' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Confirmed with billing');
    await dialog.getByRole('button', { name: 'Approve and post' }).click();
    await supCard.waitFor({ state: 'detached' });
    await asSup
      .getByText('Write-off of $700.00 approved and posted: Confirmed with billing')
      .first()
      .waitFor();
  });
});

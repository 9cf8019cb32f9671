import { describe, expect, it } from 'vitest';
import { one, run } from '../../electron/db/query';
import { addAccount, addPerson } from '../../electron/testing/builders';
import { call } from '../../electron/testing/call';
import { joinOffice } from '../../electron/testing/office/not-synced-rows';
import { appSession, screenshot } from './harness';

const app = appSession();

describe('who is working an account now', () => {
  it('marks another desk’s open account in the queue and on the account, and says when it cannot know', async () => {
    const ctx = app.database({ demo: false });
    joinOffice(ctx);
    const { accountId } = addAccount(ctx, {
      number: 'A3003',
      patientId: addPerson(ctx, { last: 'Moreno', first: 'Ana' }),
    });
    call(ctx, 'setFollowUp', { accountId, kind: 'account', dueDate: ctx.clock.today() });
    // the marks as the sync worker leaves them after a refresh from the office
    run(
      ctx.db,
      `INSERT INTO working_marks (desktop_id, account_id, follow_up_id, user_name, since)
         VALUES ('desk-2', ?, NULL, 'Maria Lopez', ?)`,
      accountId,
      ctx.clock.now(),
    );
    run(ctx.db, `UPDATE office_link SET marks_at = ?`, ctx.clock.now());
    const sentence = /^Maria Lopez has had this account open on another desk since .+\.$/;
    const here = () => one<{ id: number }>(ctx.db, `SELECT account_id AS id FROM working_here`);

    const page = await app.open('#/queue', ctx);
    await page.getByRole('img', { name: sentence }).waitFor();
    expect(here()).toBeUndefined();
    await screenshot(page, 'working-queue');

    await page.getByRole('grid').press('Enter');
    await page.waitForURL(new RegExp(`#/accounts/${accountId}$`));
    await page.getByRole('status').filter({ hasText: sentence }).waitFor();
    // this desk told its worker it has the account open
    await expect.poll(() => here()).toEqual({ id: accountId });
    await screenshot(page, 'working-account');

    // the worker lost the office: the desk does not know, and says so
    run(ctx.db, `UPDATE office_link SET marks_at = NULL`);
    await page.getByRole('status').filter({ hasText: 'cannot reach the office now' }).waitFor();
    expect(await page.getByText(sentence).count()).toBe(0);

    // leaving the account takes this desk's mark down
    await page.keyboard.press('Escape');
    await page.waitForURL(/#\/queue/);
    await expect.poll(() => here()).toBeUndefined();
  });
});

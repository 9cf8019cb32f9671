import type { UserId } from '../../shared/ids';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { ensureUser } from './users';

let ctx: TestCtx;
let colleague: UserId;
beforeEach(() => {
  ctx = createTestCtx();
  colleague = ensureUser(ctx.db, 'sam.ortiz', 'Sam Ortiz', ctx.clock.now());
});
afterEach(() => ctx.close());

const contactOf = (userId: number) =>
  ctx.db.prepare(`SELECT title, phone, email FROM users WHERE id = ?`).get(userId);

const mine = {
  title: 'Patient Account Representative',
  phone: '(312) 555-0127',
  email: 'rita@lakeshore.example',
};

describe('user contact details', () => {
  it('a representative keeps their own title, direct phone and email, kept in the history', () => {
    const view = call(ctx, 'saveUserContact', { userId: ctx.userId, ...mine });
    expect(view.users.find((u) => u.you)).toMatchObject(mine);
    expect(contactOf(ctx.userId)).toEqual(mine);
    expect(
      ctx.db.prepare(`SELECT why FROM user_changes WHERE user_id = ?`).all(ctx.userId),
    ).toEqual([{ why: 'Contact details: title, direct phone and email changed' }]);
    // empty fields clear the value
    call(ctx, 'saveUserContact', { userId: ctx.userId, title: '', phone: '', email: '' });
    expect(contactOf(ctx.userId)).toEqual({ title: null, phone: null, email: null });
  });

  it("refuses a representative who edits someone else's contact, changing nothing", () => {
    const before = contactOf(colleague);
    expectRefused(
      ctx,
      'saveUserContact',
      { userId: colleague, ...mine },
      /only a supervisor can change someone else's/,
    );
    expect(contactOf(colleague)).toEqual(before);
  });

  it("a supervisor changes anyone's", () => {
    makeSupervisor(ctx);
    call(ctx, 'saveUserContact', { userId: colleague, ...mine, email: null });
    expect(contactOf(colleague)).toEqual({ ...mine, email: null });
  });

  it('refuses an extension alone or a malformed email: a payer could not use them', () => {
    expectRefused(
      ctx,
      'saveUserContact',
      { userId: ctx.userId, title: null, phone: 'ext. 4127', email: null },
      /Direct phone must be a full number a payer can dial/,
    );
    expectRefused(
      ctx,
      'saveUserContact',
      { userId: ctx.userId, title: null, phone: null, email: 'rita at lakeshore' },
      /Email must look like/,
    );
    call(ctx, 'saveUserContact', {
      userId: ctx.userId,
      title: null,
      phone: '312-555-0100 ext. 4127',
      email: null,
    });
    expect(contactOf(ctx.userId)).toMatchObject({ phone: '312-555-0100 ext. 4127' });
  });
});

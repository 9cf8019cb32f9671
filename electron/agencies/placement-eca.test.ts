import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IsoDate } from '../../shared/dates/iso-date';
import type { AccountId } from '../../shared/ids';
import { addAgency, overdueAccount } from '../testing/agencies';
import { addPayer, makeSupervisor } from '../testing/builders';
import { call, expectRefused } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';

// the 501(r) clock answers through this one gate; here it refuses one account, as it will
// before the notification period and the written notice are over
const refused = new Set<number>();
vi.mock('../collections/eca', () => ({
  ecaRefusal: (_db: unknown, accountId: number, action: string) =>
    action === 'agency_referral' && refused.has(accountId)
      ? {
          message: 'The 120-day notification period ends 04/20/2026.',
          allowedFrom: '2026-05-20' as IsoDate,
        }
      : null,
}));

let ctx: TestCtx;
let a1: AccountId;
let a2: AccountId;
let agencyId: number;
beforeEach(() => {
  ctx = createTestCtx();
  makeSupervisor(ctx);
  const payerId = addPayer(ctx);
  a1 = overdueAccount(ctx, payerId, { number: 'E-1', last: 'Okafor', charges: [12_000] });
  a2 = overdueAccount(ctx, payerId, { number: 'E-2', last: 'Adeyemi', charges: [9_000] });
  agencyId = addAgency(ctx);
  refused.clear();
  refused.add(a2);
});
afterEach(() => ctx.close());

describe('the 501(r) gate on agency referral', () => {
  it('leaves out an account the gate refuses, saying why and from when it is allowed', () => {
    const preview = call(ctx, 'previewPlacement', { agencyId });
    expect(preview.eligible.map((e) => e.accountId)).toEqual([a1]);
    expect(preview.excluded).toEqual([
      {
        accountId: a2,
        accountNumber: 'E-2',
        reason: 'The 120-day notification period ends 04/20/2026. Allowed from 05/20/2026.',
      },
    ]);
    expectRefused(ctx, 'placeAccounts', { agencyId, accountIds: [a1, a2] }, /nothing was placed/);
  });
});

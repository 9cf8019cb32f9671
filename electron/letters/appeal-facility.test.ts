import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../demo/generate';
import { oneOrThrow, run } from '../db/query';
import { readFacility } from '../facility/facility';
import { makeSupervisor } from '../testing/builders';
import { call } from '../testing/call';
import { createTestCtx, type TestCtx } from '../testing/test-db';
import { appealLetterData } from './appeal-data';

let ctx: TestCtx;
let claimId = 0;
beforeAll(() => {
  ctx = createTestCtx();
  generateDemoData(ctx.db, { today: ctx.clock.today(), now: ctx.clock.now(), scale: 'demo' });
  const denial = call(ctx, 'listDenials', { limit: 1 }).rows[0];
  if (!denial) throw new Error('the demo hospital has no denial');
  claimId = denial.claimId;
});
afterAll(() => ctx.close());

function letterFields(): { name: string | undefined; npi: string | undefined } {
  const data = appealLetterData(ctx.db, claimId, ctx.userId);
  if (!data) throw new Error('no letter data for the claim');
  return { name: data.fields.facility_name, npi: data.fields.facility_npi };
}

const setClaimNpi = (npi: string | null) =>
  run(ctx.db, `UPDATE claims SET billing_provider_npi = ? WHERE id = ?`, npi, claimId);

describe('the facility an appeal letter speaks for', () => {
  it('is the one the claim was billed under, with the NPI the payer has on the claim', () => {
    const letterhead = readFacility(ctx.db);
    if (!letterhead) throw new Error('the demo hospital has no facility details');
    setClaimNpi(null);
    // one facility: the letterhead's name and NPI, as before facilities existed
    expect(letterFields()).toEqual({ name: letterhead.name, npi: letterhead.npi ?? undefined });

    makeSupervisor(ctx);
    const north = call(ctx, 'saveBillingFacility', {
      facilityId: null,
      name: 'North Surgery Center',
      npi: '1558444216',
    }).facilities.find((f) => f.name === 'North Surgery Center');
    if (!north) throw new Error('the facility was not added');
    const { accountId } = oneOrThrow<{ accountId: number }>(
      ctx.db,
      `SELECT account_id AS accountId FROM claims WHERE id = ?`,
      claimId,
    );
    run(ctx.db, `UPDATE accounts SET facility_id = ? WHERE id = ?`, north.id, accountId);
    // billed under another facility: its name and NPI, never the letterhead's
    expect(letterFields()).toEqual({ name: 'North Surgery Center', npi: '1558444216' });

    // the NPI the claim itself went out with comes first
    setClaimNpi('1003000126');
    expect(letterFields()).toEqual({ name: 'North Surgery Center', npi: '1003000126' });
  }, 120_000);
});

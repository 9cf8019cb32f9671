import { afterEach, beforeEach, expect, it } from 'vitest';
import { all, oneOrThrow } from '../../db/query';
import { call } from '../../testing/call';
import { claimFileText, resent, testClaim } from '../../testing/claims';
import { createTestCtx, type TestCtx } from '../../testing/test-db';
import { file277 } from '../../testing/x12/write-277';
import type { ClaimProvider837 } from './claim-types';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const attending = (npi: string): ClaimProvider837 => ({
  role: 'attending',
  name: { first: 'Grace', middle: null, last: 'Okafor', suffix: null },
  npi,
});

it('a corrected claim whose only correction is the attending NPI the payer rejected is taken', () => {
  const wrong = testClaim('NPI-1', [10_000], { providers: [attending('1234567890')] });
  expect(
    call(ctx, 'importFile', { fileName: 'npi-1.837', text: claimFileText([wrong]) }).status,
  ).toBe('posted');
  // the clearinghouse rejects it: the attending provider's NPI (entity 71) is invalid
  const ack = file277([{ patientControlNumber: 'NPI-1', status: { codes: ['A7:562:71'] } }]);
  expect(call(ctx, 'importFile', { fileName: 'ack.277', text: ack }).claimStatus?.rejections).toBe(
    1,
  );

  // the biller corrects the NPI and sends the claim again as a replacement
  const corrected = resent(wrong, '7', { providers: [attending('1234567893')] });
  const report = call(ctx, 'importFile', {
    fileName: 'npi-1-corrected.837',
    text: claimFileText([corrected], { controlNumber: 2 }),
  });
  expect(report.status).toBe('posted');
  expect(
    all(
      ctx.db,
      `SELECT p.role, p.npi FROM claim_providers p JOIN claims c ON c.id = p.claim_id
        WHERE c.claim_number = 'NPI-1'`,
    ),
  ).toEqual([{ role: 'attending', npi: '1234567893' }]);
  expect(
    oneOrThrow<{ status: string }>(ctx.db, `SELECT status FROM claims WHERE claim_number = 'NPI-1'`)
      .status,
  ).toBe('billed');
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { oneOrThrow } from '../../db/query';
import { call } from '../../testing/call';
import { claimFileText, resent, serviceLine, testClaim } from '../../testing/claims';
import { createTestCtx, type TestCtx } from '../../testing/test-db';
import { file277 } from '../../testing/x12/write-277';

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

const RJ_1 = testClaim('RJ-1', [10_000]);

const rejection = (controlNumber: string, code = 'A7:562:85') =>
  file277([{ patientControlNumber: 'RJ-1', status: { codes: [code] } }], { controlNumber });

const statusOf = () =>
  oneOrThrow<{ status: string }>(ctx.db, `SELECT status FROM claims WHERE claim_number = 'RJ-1'`)
    .status;

it('a corrected claim rejected again the same day for the same reason is rejected again', () => {
  expect(
    call(ctx, 'importFile', { fileName: 'rj-1.837', text: claimFileText([RJ_1]) }).status,
  ).toBe('posted');
  const first = call(ctx, 'importFile', { fileName: 'ack-1.277', text: rejection('000000301') });
  expect(first.claimStatus?.rejections).toBe(1);
  expect(statusOf()).toBe('rejected');

  // the biller corrects the claim and sends it again (a replacement with another charge)
  const corrected = resent(RJ_1, '7', { lines: [serviceLine(1, 12_000)] });
  expect(
    call(ctx, 'importFile', {
      fileName: 'rj-1-corrected.837',
      text: claimFileText([corrected], { controlNumber: 2 }),
    }).status,
  ).toBe('posted');
  expect(statusOf()).toBe('billed');

  // the clearinghouse rejects the corrected claim the same day, for the same reason: a new
  // acknowledgment (its own interchange), not the first file imported again
  const second = call(ctx, 'importFile', { fileName: 'ack-2.277', text: rejection('000000302') });
  expect(second.claimStatus).toMatchObject({ rejections: 1, alreadyRecorded: 0 });
  expect(statusOf()).toBe('rejected');
  const open = oneOrThrow<{ n: number }>(
    ctx.db,
    `SELECT count(*) AS n FROM follow_ups f JOIN claims c ON c.id = f.claim_id
      WHERE c.claim_number = 'RJ-1' AND f.kind = 'claim_status' AND f.status = 'open'`,
  );
  expect(open.n).toBe(1);
});

it('a corrected claim rejected the same day for another provider’s NPI is rejected again', () => {
  expect(
    call(ctx, 'importFile', { fileName: 'rj-1.837', text: claimFileText([RJ_1]) }).status,
  ).toBe('posted');
  // first the billing provider's NPI (entity 85) is rejected
  call(ctx, 'importFile', { fileName: 'ack-1.277', text: rejection('000000301') });
  expect(statusOf()).toBe('rejected');
  const corrected = resent(RJ_1, '7', { lines: [serviceLine(1, 12_000)] });
  call(ctx, 'importFile', {
    fileName: 'rj-1-corrected.837',
    text: claimFileText([corrected], { controlNumber: 2 }),
  });
  expect(statusOf()).toBe('billed');

  // then, the same day, the attending provider's NPI (entity 71): another reason, another fix
  const second = call(ctx, 'importFile', {
    fileName: 'ack-2.277',
    text: rejection('000000302', 'A7:562:71'),
  });
  expect(second.claimStatus).toMatchObject({ rejections: 1, alreadyRecorded: 0 });
  expect(statusOf()).toBe('rejected');
});

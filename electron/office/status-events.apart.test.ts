import { expect, it } from 'vitest';
import type { Ctx } from '../core/context';
import { oneOrThrow } from '../db/query';
import { call } from '../testing/call';
import { claimFileText, testClaim } from '../testing/claims';
import { withAcme } from '../testing/office/records';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import { serverClaim, withTwoBilledClaims } from '../testing/office/claim-changes';
import { file277 } from '../testing/x12/write-277';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

const statusOf = (ctx: Ctx, claim: string) =>
  oneOrThrow<{ s: string }>(ctx.db, `SELECT status AS s FROM claims WHERE claim_number = ?`, claim)
    .s;

describeWithPg("a 277's claims sent apart", () => {
  it("one claim's follow-up opened first at another desk leaves the file's other claim rejected at the office", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withTwoBilledClaims);
    // A's 277 asks for documents on K-100: a claim status follow-up opened there first
    const asked = file277([{ patientControlNumber: 'K-100', status: { codes: ['R4:35:PR'] } }], {
      controlNumber: '000000071',
    });
    expect(call(a.ctx, 'importFile', { fileName: 'asked.277', text: asked }).status).toBe('posted');
    await a.sync.sync();
    // B's clearinghouse file rejects both claims; nobody else touched K-200
    const text = file277(
      [
        { patientControlNumber: 'K-100', status: { codes: ['A7:21:85'] } },
        { patientControlNumber: 'K-200', status: { codes: ['A7:21:85'] } },
      ],
      { controlNumber: '000000072' },
    );
    expect(call(b.ctx, 'importFile', { fileName: '000000072.277', text }).status).toBe('posted');
    await syncAll(b, a);
    await syncAll(a, b);
    // K-200's rejection, which no other desk touched, reaches the office and desk A
    expect(await serverClaim(server, 'K-200')).toMatchObject([{ status: 'rejected' }]);
    expect(statusOf(a.ctx, 'K-200')).toBe('rejected');
  });

  it("one claim's follow-up opened first at another desk leaves the file's other claim rejected where the office holds it", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    const file = claimFileText([testClaim('K-100', [10_000]), testClaim('K-200', [20_000])]);
    expect(call(a.ctx, 'importFile', { fileName: 'k.837', text: file }).status).toBe('posted');
    await syncAll(a, b);
    const asked = file277([{ patientControlNumber: 'K-100', status: { codes: ['R4:35:PR'] } }], {
      controlNumber: '000000081',
    });
    expect(call(a.ctx, 'importFile', { fileName: 'asked.277', text: asked }).status).toBe('posted');
    await a.sync.sync();
    const text = file277(
      [
        { patientControlNumber: 'K-100', status: { codes: ['A7:21:85'] } },
        { patientControlNumber: 'K-200', status: { codes: ['A7:21:85'] } },
      ],
      { controlNumber: '000000082' },
    );
    expect(call(b.ctx, 'importFile', { fileName: '000000082.277', text }).status).toBe('posted');
    expect(statusOf(b.ctx, 'K-200')).toBe('rejected');
    await syncAll(b, a);
    await syncAll(a, b);
    // K-200 was rejected, and nobody else touched it: the rejection stands at both desks
    expect(statusOf(b.ctx, 'K-200')).toBe('rejected');
    expect(statusOf(a.ctx, 'K-200')).toBe('rejected');
  });
});

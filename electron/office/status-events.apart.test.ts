import { expect, it } from 'vitest';
import { call } from '../testing/call';
import { claimFileText, testClaim } from '../testing/claims';
import { withAcme } from '../testing/office/records';
import { syncAll, twoDesktops } from '../testing/office/desktops';
import {
  askForDocuments,
  claimStatus,
  import277OfBoth,
  serverClaim,
  withTwoBilledClaims,
} from '../testing/office/claim-changes';
import { createServerDatabase, describeWithPg } from '../testing/office/server-db';

describeWithPg("a 277's claims sent apart", () => {
  it("one claim's follow-up opened first at another desk leaves the file's other claim rejected at the office", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 1, withTwoBilledClaims);
    // A's 277 asks for documents on K-100: a claim status follow-up opened there first
    askForDocuments(a, '000000071');
    await a.sync.sync();
    // B's clearinghouse file rejects both claims; nobody else touched K-200
    import277OfBoth(b, 'A7:21:85', '000000072');
    await syncAll(b, a);
    await syncAll(a, b);
    // K-200's rejection, which no other desk touched, reaches the office and desk A
    expect(await serverClaim(server, 'K-200')).toMatchObject([{ status: 'rejected' }]);
    expect(claimStatus(a.ctx, 'K-200')).toBe('rejected');
  });

  it("one claim's follow-up opened first at another desk leaves the file's other claim rejected where the office holds it", async () => {
    const server = await createServerDatabase();
    const { a, b } = await twoDesktops(server, 0, withAcme);
    const file = claimFileText([testClaim('K-100', [10_000]), testClaim('K-200', [20_000])]);
    expect(call(a.ctx, 'importFile', { fileName: 'k.837', text: file }).status).toBe('posted');
    await syncAll(a, b);
    askForDocuments(a, '000000081');
    await a.sync.sync();
    import277OfBoth(b, 'A7:21:85', '000000082');
    expect(claimStatus(b.ctx, 'K-200')).toBe('rejected');
    await syncAll(b, a);
    await syncAll(a, b);
    // K-200 was rejected, and nobody else touched it: the rejection stands at both desks
    expect(claimStatus(b.ctx, 'K-200')).toBe('rejected');
    expect(claimStatus(a.ctx, 'K-200')).toBe('rejected');
  });
});

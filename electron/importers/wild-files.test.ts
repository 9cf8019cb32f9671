import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount, addBilledClaim, addPayer } from '../testing/builders';
import { call } from '../testing/call';
import { claimFileText, testClaim } from '../testing/claims';
import { remitClaim, remittanceFile } from '../testing/remittance';
import { createTestCtx, TEST_TODAY, tableCounts, type TestCtx } from '../testing/test-db';
import {
  claimsWithEncounters,
  miscounted,
  withBirthDate,
  withGuide,
  withoutClaimAmounts,
  withoutIsa,
  wrapped,
} from '../testing/x12/wild';
import { read835 } from './x12/read-835';
import { read837 } from './claims/read-837';

/*
 * Files as they come from other systems: each test imports a file built for one of the
 * shapes public sample files arrive in, and checks what a billing person is told.
 */

let ctx: TestCtx;
beforeEach(() => {
  ctx = createTestCtx();
});
afterEach(() => ctx.close());

/** Two billed claims of ours and an 835 paying them (charge 200.00, paid 120.00 each). */
function twoClaimRemittance(trace = 'WILD1'): { text: string; numbers: string[] } {
  const payerId = addPayer(ctx);
  const numbers = [0, 1].map(() => {
    const { accountId } = addAccount(ctx, { payerId });
    const { claimId } = addBilledClaim(ctx, accountId, payerId, [20_000]);
    return (
      ctx.db.prepare(`SELECT claim_number AS n FROM claims WHERE id = ?`).get(claimId) as {
        n: string;
      }
    ).n;
  });
  const claims = numbers.map((n) =>
    remitClaim({
      patientControlNumber: n,
      charge: 20_000,
      paid: 12_000,
      adjustments: [{ group: 'CO', reason: '45', amount: 8_000 }],
    }),
  );
  return { text: remittanceFile(claims, { trace, date: TEST_TODAY }), numbers };
}

const importText = (fileName: string, text: string) => call(ctx, 'importFile', { fileName, text });

describe('files from the wild', () => {
  it('posts a balanced file whose trailer counts and control numbers disagree, with warnings', () => {
    const { text } = twoClaimRemittance();
    const report = importText('miscounted.835', miscounted(text));
    expect(report.status).toBe('posted');
    expect(report.rejected).toEqual([]);
    expect(report.remittances[0]?.claimsPosted).toBe(2);
    const envelope = report.warnings.filter((w) =>
      /^(Control number|SE01|GE01|IEA01)/.test(w.message),
    );
    expect(envelope.map((w) => w.message.split(' ')[0] + ' ' + w.segmentId)).toEqual([
      'Control SE',
      'SE01 SE',
      'Control GE',
      'GE01 GE',
      'Control IEA',
      'IEA01 IEA',
    ]);
    for (const w of envelope) expect(w.message).toMatch(/so the file was read\.$/);
  });

  it('still rejects a miscounted file that is cut off or does not balance', () => {
    const { text } = twoClaimRemittance();
    const before = tableCounts(ctx);
    const cut = miscounted(text);
    const truncated = importText('cut.835', cut.slice(0, cut.indexOf('\nGE*')));
    expect(truncated.status).toBe('rejected');
    expect(truncated.rejected.map((r) => r.message)).toEqual([
      'The file ends inside functional group 42; it may have been cut off.',
      'The file ends inside interchange 000000042; it may have been cut off.',
      'Control number SE02 (00019) does not match ST02 (0001).',
      'SE01 says 20 segments, but there are 19.',
    ]);
    const unbalanced = importText(
      'unbalanced.835',
      miscounted(text).replace(/BPR\*(\w+)\*240\*/, 'BPR*$1*240.01*'),
    );
    expect(unbalanced.status).toBe('rejected');
    expect(unbalanced.rejected.some((r) => r.message.startsWith('IEA01 says 2'))).toBe(true);
    const after = tableCounts(ctx);
    expect(after.ledger_entries).toBe(before.ledger_entries);
    expect(after.remittances).toBe(before.remittances);
  });

  it('refuses a 4010 remittance, naming the version', () => {
    const { text } = twoClaimRemittance();
    const report = importText('old.835', withGuide(text, '005010X221A1', '004010X091A1'));
    expect(report.status).toBe('rejected');
    expect(report.rejected.map((r) => r.message)).toEqual([
      'Transaction 0001 is version 4010 (004010X091A1); ClaimDesk reads 835 remittances of version 5010 (005010X221).',
    ]);
    expect(tableCounts(ctx).remittances).toBe(0);
  });

  it('says a file has no ISA header', () => {
    const { text } = twoClaimRemittance();
    const report = importText('headless.835', withoutIsa(text));
    expect(report.status).toBe('rejected');
    expect(report.summary).toBe(
      'Rejected: The file has no ISA header: an X12 file begins with an ISA segment, and this one does not. ClaimDesk imports X12 835 remittances, 277 claim status and 837 claim files.',
    );
  });

  it('reads a file wrapped at 80 characters, line breaks inside segments and values', () => {
    const { text, numbers } = twoClaimRemittance();
    const folded = wrapped(text);
    expect(folded.split('\r\n').some((line) => !line.endsWith('~'))).toBe(true);
    const report = importText('wrapped.835', folded);
    expect(report.status).toBe('posted');
    expect(report.warnings).toEqual([]);
    expect(report.remittances[0]?.claimsPosted).toBe(numbers.length);
  });

  it('keeps a stray line break or tab in a value out of every message', () => {
    const { text } = twoClaimRemittance();
    const result = read835(text.replace(/\nSE\*(\d+)\*0001~/, '\nSE*$1*00\t\t02~'));
    const messages = [...result.envelopeErrors, ...result.warnings].map((i) => i.message);
    expect(messages).toContain(
      'Control number SE02 (00 02) does not match ST02 (0001). Every transaction is complete and its amounts balance, so the file was read.',
    );
    for (const m of messages) expect(m).not.toMatch(/[\n\r\t]/);
  });

  it('imports the claim transactions of an 837 that also holds encounters, skipping those with the reason', () => {
    const text = claimsWithEncounters(
      [testClaim('WILD-CLAIM-1', [10_000])],
      [testClaim('WILD-ENC-1', [5_000]), testClaim('WILD-ENC-2', [5_000])],
      TEST_TODAY,
    );
    const report = importText('mixed.837', text);
    expect(report.status).toBe('posted');
    expect(report.claimFile?.claims.map((c) => [c.patientControlNumber, c.outcome])).toEqual([
      ['WILD-CLAIM-1', 'added'],
    ]);
    expect(report.warnings.map((w) => [w.segmentId, w.message])).toContainEqual([
      'ST',
      "Transaction 0099 reports encounters (BHT06 RP), not claims for payment; it was skipped with its 2 encounters, and the file's claim transactions were imported.",
    ]);
    expect(
      ctx.db.prepare(`SELECT count(*) AS n FROM claims WHERE claim_number LIKE 'WILD-ENC%'`).get(),
    ).toEqual({ n: 0 });
  });

  it('reads a date of birth before 1900 (18000101, "unknown") as a valid, unknown date', () => {
    const text = withBirthDate(claimFileText([testClaim('WILD-DOB-1', [10_000])]), '18000101');
    const read = read837(text);
    expect(read.transactions[0]?.claims[0]?.errors).toEqual([]);
    expect(read.transactions[0]?.claims[0]?.subscriber.dateOfBirth).toBeNull();
    const report = importText('unknown-dob.837', text);
    expect(report.status).toBe('posted');
    expect(report.claimFile?.added).toBe(1);
    // not a calendar date at all is still an error
    const bad = read837(
      withBirthDate(claimFileText([testClaim('WILD-DOB-2', [10_000])]), '18001340'),
    );
    expect(bad.transactions[0]?.claims[0]?.errors.map((e) => e.code)).toEqual(['bad-date']);
  });

  it('checks the payment total when a claim has no charge or paid amount', () => {
    const { text, numbers } = twoClaimRemittance();
    const second = numbers[1] ?? '';
    // the payment still counts the second claim's 120.00, which the claim no longer says
    const result = read835(withoutClaimAmounts(text, second));
    const [t] = result.transactions;
    expect(t?.claims[1]?.errors.map((e) => e.code)).toEqual(['missing-amount', 'missing-amount']);
    expect(t?.errors.map((e) => e.message)).toEqual([
      'The payment amount 240.00 does not equal the claims paid 120.00 less provider adjustments 0.00 (120.00).',
    ]);
    // with the payment made to agree, the other claim posts and this one waits in exceptions
    const agreed = withoutClaimAmounts(text, second).replace(/BPR\*(\w+)\*240\*/, 'BPR*$1*120*');
    const report = importText('no-amounts.835', agreed);
    expect(report.status).toBe('partial');
    expect(report.remittances[0]).toMatchObject({ claimsPosted: 1, exceptions: 1 });
  });

  it('rejects a file whose every remittance is refused, saying nothing was stored', () => {
    const { text } = twoClaimRemittance();
    const before = tableCounts(ctx);
    const report = importText('refused.835', text.replace(/BPR\*(\w+)\*240\*/, 'BPR*$1*250*'));
    expect(report.status).toBe('rejected');
    expect(report.summary).toBe(
      'Rejected: Nothing was stored: the file’s only remittance failed its checks. The payment amount 250.00 does not equal the claims paid 240.00 less provider adjustments 0.00 (240.00).',
    );
    const after = tableCounts(ctx);
    expect(after.ledger_entries).toBe(before.ledger_entries);
    expect(after.remittances).toBe(before.remittances);
  });

  it('rejects a claim file whose every claim is skipped for a reason, saying nothing was stored', () => {
    const text = claimFileText([testClaim('BAD-1', [10_000, 2_500])]).replace(
      'CLM*BAD-1*125*',
      'CLM*BAD-1*126*',
    );
    const before = tableCounts(ctx);
    const report = importText('bad.837', text);
    expect(report.status).toBe('rejected');
    expect(report.summary).toBe(
      'Rejected: Nothing was stored: the file’s only claim was skipped. Not imported: the claim failed 1 check; correct it and send it again.',
    );
    const after = tableCounts(ctx);
    for (const table of ['claims', 'ledger_entries', 'accounts', 'people'])
      expect(after[table], table).toBe(before[table]);
  });
});

import { describe, expect, it } from 'vitest';
import { read835 } from './read-835';
import { fixtureText, sampleDocument, withoutPositions } from '../../testing/x12/samples';
import { write835 } from '../../testing/x12/write-835';

const threeClaims = (): string => write835(sampleDocument(3));

function codes(issues: readonly { code: string; segmentId: string | null }[]): string[] {
  return issues.map((i) => `${i.code} ${i.segmentId ?? '-'}`);
}

describe('read835 on damaged files', () => {
  it('reports a file cut off midway as an envelope error at the end of the file', () => {
    const text = threeClaims();
    const cut = text.slice(0, Math.floor(text.length / 2));
    const result = read835(cut);
    expect(codes(result.envelopeErrors)).toEqual(['missing-se -', 'missing-ge -', 'missing-iea -']);
    const segments = cut.split('~').filter((s) => s.trim() !== '').length;
    expect(result.envelopeErrors[0]).toMatchObject({
      segmentIndex: segments + 1,
      byteOffset: cut.length,
      message: 'The file ends inside transaction 0001; it may have been cut off.',
    });
  });

  it('refuses garbage without throwing', () => {
    for (const text of ['\u0000\u0001\u0002garbage', 'PK\u0003\u0004binary', '{"json":true}']) {
      const result = read835(text);
      expect(codes(result.envelopeErrors)).toEqual(['not-x12 -']);
      expect(result.transactions).toEqual([]);
    }
  });

  it('reports garbage bytes inside a file at the damaged segment', () => {
    const text = threeClaims().replace('\nLX*1~', '\n\u0000\u00ff\u0013~\nLX*1~');
    const result = read835(text);
    // the damaged segment is dropped, so it is the only complaint: the counts still add up
    expect(result.envelopeErrors.map((e) => [e.code, e.segmentIndex])).toEqual([
      ['bad-segment-id', 15],
    ]);
  });

  const miscounted = (text: string) =>
    text
      .replace('SE*', 'SE*9')
      .replace(/SE\*(\d+)\*0001/, 'SE*$1*0002')
      .replace('GE*1*42', 'GE*2*43')
      .replace('IEA*1*000000042', 'IEA*3*000000041');
  const mismatchMessages = [
    'Control number SE02 (0002) does not match ST02 (0001).',
    expect.stringMatching(/^SE01 says 9\d+ segments, but there are \d+\.$/),
    'Control number GE02 (43) does not match GS06 (42).',
    'GE01 says 2 transactions, but there are 1.',
    'Control number IEA02 (000000041) does not match ISA13 (000000042).',
    'IEA01 says 3 functional groups, but there are 1.',
  ];

  it('checks every control number and count, warning when the file is complete and balances', () => {
    const result = read835(miscounted(threeClaims()));
    expect(result.envelopeErrors).toEqual([]);
    const suffix = ' Every transaction is complete and its amounts balance, so the file was read.';
    expect(
      result.warnings
        .filter((w) => w.code === 'count-mismatch' || w.code === 'control-number-mismatch')
        .map((w) => w.message.replace(suffix, '')),
    ).toEqual(mismatchMessages);
    for (const w of result.warnings) expect(w.segmentIndex).toBeGreaterThan(1);
    expect(result.transactions[0]?.claims).toHaveLength(3);
  });

  it('rejects the file for its counts when a money check fails too', () => {
    const document = sampleDocument(3);
    const claim = document.interchanges[0]?.groups[0]?.transactions[0]?.claims[1];
    if (!claim) throw new Error('sample has no second claim');
    claim.paidAmount = (claim.paidAmount + 1) as typeof claim.paidAmount;
    const result = read835(miscounted(write835(document)));
    expect(result.envelopeErrors.map((e) => e.message)).toEqual(mismatchMessages);
  });

  it('rejects the file for its counts when it is cut off', () => {
    const text = miscounted(threeClaims());
    const result = read835(text.slice(0, text.indexOf('GE*')));
    const codes = result.envelopeErrors.map((e) => e.code);
    expect(codes).toContain('missing-ge');
    expect(codes).toContain('count-mismatch');
  });

  it('rejects only the claim that does not balance', () => {
    // Raise the second claim's paid amount by one cent; its lines still balance.
    const document = sampleDocument(3);
    const claim = document.interchanges[0]?.groups[0]?.transactions[0]?.claims[1];
    if (!claim) throw new Error('sample has no second claim');
    claim.paidAmount = (claim.paidAmount + 1) as typeof claim.paidAmount;
    const result = read835(write835(document));
    expect(result.envelopeErrors).toEqual([]);
    const [first, second, third] = result.transactions[0]?.claims ?? [];
    expect(first?.errors).toEqual([]);
    expect(third?.errors).toEqual([]);
    expect(second?.errors).toHaveLength(1);
    expect(second?.errors[0]).toMatchObject({ code: 'claim-unbalanced', segmentId: 'CLP' });
    expect(second?.errors[0]?.message).toMatch(
      /^The claim does not balance: charge [\d,.]+ less paid/,
    );
    // the payment no longer equals the claims paid, so the transaction says so too
    expect(codes(result.transactions[0]?.errors ?? [])).toEqual(['payment-unbalanced BPR']);
  });

  it('rejects a claim whose service line does not balance', () => {
    const text = threeClaims().replace('CAS*CO*97*', 'CAS*CO*96*1~CAS*CO*97*');
    const claim = read835(text).transactions[0]?.claims[0];
    expect(codes(claim?.errors ?? [])).toEqual(['claim-unbalanced CLP', 'line-unbalanced SVC']);
  });

  it('checks BPR02 against the claims paid less the PLB amounts', () => {
    const text = threeClaims().replace('*WO:PAYER1*10*', '*WO:PAYER1*10.01*');
    const errors = read835(text).transactions[0]?.errors ?? [];
    expect(codes(errors)).toEqual(['payment-unbalanced BPR']);
    expect(errors[0]?.message).toMatch(/less provider adjustments 12\.35 /);
  });

  it('holds back a claim with an unreadable amount and keeps the others', () => {
    const text = threeClaims().replace(/CLP\*PCN0000002\*1\*[\d.]+/, 'CLP*PCN0000002*1*12.3.4');
    const claims = read835(text).transactions[0]?.claims ?? [];
    expect(claims.map((c) => codes(c.errors))).toEqual([[], ['bad-amount CLP'], []]);
    expect(claims[1]?.errors[0]?.message).toBe('CLP03 is not an amount in dollars and cents.');
  });

  it('never puts segment content such as patient names into messages', () => {
    const text = threeClaims()
      .replace('NM1*QC*1*LAST1*FIRST', 'NM1*QC*1*LAST1*FIRST~DTM*050*2025XX01')
      .replace('ST*835', 'ST*836');
    const result = read835(text);
    const all = [
      ...result.envelopeErrors,
      ...result.warnings,
      ...result.transactions.flatMap((t) => [...t.errors, ...t.claims.flatMap((c) => c.errors)]),
    ];
    expect(all.length).toBeGreaterThan(1);
    for (const issue of all) expect(issue.message).not.toMatch(/LAST1|FIRST|2025XX01/);
  });

  it('reads several interchanges and transactions in one file', () => {
    const one = threeClaims();
    const result = read835(one + one.replaceAll('000000042', '000000043'));
    expect(result.envelopeErrors).toEqual([]);
    expect(result.interchanges.map((i) => i.controlNumber)).toEqual(['000000042', '000000043']);
    expect(result.transactions.map((t) => t.interchangeControlNumber)).toEqual([
      '000000042',
      '000000043',
    ]);
  });

  it('gives identical results for one line, one per line and CRLF', () => {
    const document = sampleDocument(4);
    const read = (lineBreak: string): unknown =>
      withoutPositions(read835(write835(document, { lineBreak })));
    expect(read('')).toEqual(read('\n'));
    expect(read('\r\n')).toEqual(read('\n'));
    const sample = fixtureText('835', 'tp-profee.835');
    const crlf = read835(sample.replaceAll('\n', '\r\n'));
    expect(withoutPositions(crlf.transactions)).toEqual(
      withoutPositions(read835(sample).transactions),
    );
  });
});

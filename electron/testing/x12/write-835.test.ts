import { describe, expect, it } from 'vitest';
import { read835 } from '../../importers/x12/read-835';
import { documentOf, fixtureNames, fixtureText, sampleDocument, withoutPositions } from './samples';
import { write835 } from './write-835';
import type { Read835Result } from '../../importers/x12/remittance-types';

describe('write835', () => {
  it('round-trips a generated remittance: read(write(x)) equals x', () => {
    const document = sampleDocument(25);
    const result = read835(write835(document));
    expect(result.envelopeErrors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.transactions[0]?.errors).toEqual([]);
    expect(withoutPositions(documentOf(result))).toEqual(withoutPositions(document));
  });

  it('writes any layout and delimiters the reader accepts', () => {
    const document = sampleDocument(3);
    const plain = withoutPositions(read835(write835(document)).transactions);
    for (const options of [
      { lineBreak: '' },
      { lineBreak: '\r\n' },
      {
        delimiters: { element: '|', repetition: '!', component: '>', segment: '\n' },
        lineBreak: '',
      },
    ]) {
      const again = read835(write835(document, options));
      expect(again.envelopeErrors).toEqual([]);
      expect(withoutPositions(again.transactions)).toEqual(plain);
    }
  });

  it('round-trips what it reads from the public samples', () => {
    for (const name of fixtureNames('835')) {
      const first = read835(fixtureText('835', name));
      if (first.interchanges.length === 0) continue; // the bare-transaction sample has no envelope to write
      const again = read835(write835(documentOf(first)));
      expect(again.envelopeErrors, name).toEqual([]);
      const model = (r: Read835Result): unknown =>
        withoutPositions(r.transactions).map((t) => ({
          ...t,
          errors: [],
          claims: t.claims.map((c) => ({ ...c, errors: [] })),
        }));
      expect(model(again), name).toEqual(model(first));
    }
  });

  // how fast is for `npm run bench`; a timed test fails on a slow or busy machine
  it('generates and reads back 10,000 claims', () => {
    const text = write835(sampleDocument(10_000));
    const result = read835(text);
    expect(result.envelopeErrors).toEqual([]);
    expect(result.transactions[0]?.claims).toHaveLength(10_000);
    expect(result.transactions[0]?.claims.every((c) => c.errors.length === 0)).toBe(true);
    expect(result.transactions[0]?.errors).toEqual([]);
  });

  it('refuses values that contain a delimiter', () => {
    const document = sampleDocument(1);
    const claim = document.interchanges[0]?.groups[0]?.transactions[0]?.claims[0];
    if (claim) claim.patientControlNumber = 'A*B';
    expect(() => write835(document)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { file277 } from '../../testing/x12/write-277';
import { read277 } from './read-277';
import { explainStatusCode } from './status-codes';

describe('read277 on acknowledgments and responses as clearinghouses send them', () => {
  it('reads a 277CA (X214) whose claims sit under patient levels, with their line statuses', () => {
    const text = file277([
      { patientControlNumber: 'ACK-1', payerClaimNumber: 'P1', status: { codes: ['A2:20:PR'] } },
      {
        patientControlNumber: 'ACK-2',
        status: { codes: ['A7:21:85', 'A7:562:85'], message: 'NPI NOT ON FILE' },
        lines: [{ procedure: '99213', charge: '125', status: { codes: ['A7:454'] } }],
      },
    ]);
    const result = read277(text);
    expect(result.envelopeErrors).toEqual([]);
    const [t] = result.transactions;
    expect(t?.errors).toEqual([]);
    expect(
      t?.claims.map((c) => ({
        pcn: c.patientControlNumber,
        patient: c.patient?.entityCode,
        payer: c.payer?.lastOrOrganizationName,
        codes: c.statuses.flatMap((s) => s.codes.map((x) => [x.category, x.status, x.entity])),
        lines: c.serviceLines.map((l) => l.statuses.flatMap((s) => s.codes.map((x) => x.status))),
      })),
    ).toEqual([
      {
        pcn: 'ACK-1',
        patient: 'QC',
        payer: 'FIRST CLEARINGHOUSE',
        codes: [['A2', '20', 'PR']],
        lines: [],
      },
      {
        pcn: 'ACK-2',
        patient: 'QC',
        payer: 'FIRST CLEARINGHOUSE',
        codes: [
          ['A7', '21', '85'],
          ['A7', '562', '85'],
        ],
        lines: [['454']],
      },
    ]);
    expect(t?.claims[1]?.statuses[0]?.message).toBe('NPI NOT ON FILE');
  });

  it('reads a 277 response whose claim sits under the subscriber level', () => {
    const text = file277(
      [{ patientControlNumber: 'SUB-1', level: '22', status: { codes: ['P1:42'] } }],
      { guide: '005010X212' },
    );
    const claims = read277(text).transactions[0]?.claims ?? [];
    expect(claims.map((c) => [c.patientControlNumber, c.patient?.entityCode])).toEqual([
      ['SUB-1', 'IL'],
    ]);
  });

  it('refuses a 277 of version 4010, naming the version', () => {
    const text = file277([{ patientControlNumber: 'OLD-1', status: { codes: ['A1:19:PR'] } }], {
      guide: '004010X093A1',
    });
    expect(read277(text).envelopeErrors.map((e) => [e.code, e.segmentId, e.message])).toEqual([
      [
        'unsupported-version',
        'ST',
        'Transaction 0001 is version 4010 (004010X093A1); ClaimDesk reads 277 claim status responses and 277CA acknowledgments of version 5010 (005010X212, 005010X214).',
      ],
    ]);
  });

  it('explains every part of a status code, and says which it does not know', () => {
    expect(explainStatusCode({ category: 'A7', status: '562', entity: '85' })).toBe(
      "A7:562:85 (Acknowledgement: rejected for invalid information; Entity's National Provider Identifier (NPI); about the billing provider)",
    );
    expect(explainStatusCode({ category: 'A3', status: '9999', entity: 'ZZ' })).toBe(
      "A3:9999:ZZ (Acknowledgement: returned as unprocessable claim; status code 9999, not in ClaimDesk's list; about the entity coded ZZ)",
    );
    expect(explainStatusCode({ category: 'A1', status: null, entity: null })).toBe(
      'A1 (Acknowledgement: receipt)',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { read277 } from './read-277';
import { describeStatusCategory, statusMeaning } from './status-codes';
import { fixtureText } from '../../testing/x12/samples';

describe('read277', () => {
  it('reads claim-level statuses with the identifiers that find our claim', () => {
    const [t] = read277(fixtureText('277', 'lfh-claim-level-status.277')).transactions;
    expect(t?.referenceId).toBe('277X212');
    expect(t?.date).toBe('2005-09-16');
    const claims = t?.claims ?? [];
    expect(
      claims.map((c) => ({
        pcn: c.patientControlNumber,
        payerClaim: c.payerClaimNumber,
        account: c.patientAccountNumber,
        period: c.servicePeriod,
        status: c.statuses.map((s) => [
          s.codes[0]?.category,
          s.codes[0]?.status,
          s.codes[0]?.meaning,
        ]),
        charge: c.statuses[0]?.chargeAmount,
        paid: c.statuses[0]?.paidAmount,
        provider: c.provider?.lastOrOrganizationName,
        patient: c.patient?.entityCode,
      })),
    ).toEqual([
      {
        pcn: 'ABCXYZ1',
        payerClaim: '05347006051',
        account: 'SM123456',
        period: { from: '2005-08-31', to: '2005-09-06' },
        status: [['P3', '317', 'pending']],
        charge: 851_388,
        paid: null,
        provider: 'HOME HOSPITAL',
        patient: 'IL',
      },
      {
        pcn: 'ABCXYZ2',
        payerClaim: '0529675341',
        account: 'J0234567',
        period: { from: '2005-07-31', to: '2005-08-09' },
        status: [['F0', '3', 'finalized']],
        charge: 759_900,
        paid: 759_900,
        provider: 'HOME HOSPITAL',
        patient: 'IL',
      },
      {
        pcn: 'ABCXYC3',
        payerClaim: '051681010827',
        account: 'MA345678',
        period: null,
        status: [['F2', '88', 'finalized']],
        charge: 15_000,
        paid: 0,
        provider: 'HOME HOSPITAL PHYSICIANS',
        patient: 'QC',
      },
    ]);
    const line = claims[2]?.serviceLines[0];
    expect(line?.procedure).toEqual({
      qualifier: 'HC',
      code: '99203',
      modifiers: [],
      description: null,
    });
    expect(line?.chargeAmount).toBe(15_000);
    expect(line?.units).toBe(1);
    expect(line?.servicePeriod).toEqual({ from: '2005-05-01', to: '2005-05-01' });
    expect(line?.statuses[0]?.codes[0]).toMatchObject({
      category: 'F2',
      status: '88',
      entity: 'QC',
    });
    expect(claims[2]?.subscriber?.entityCode).toBe('IL');
  });

  it('reads the NCPDP reject code list qualifier', () => {
    const [claim] =
      read277(fixtureText('277', 'lfh-claim-level-status-ncpdp.277')).transactions[0]?.claims ?? [];
    expect(claim?.statuses[0]?.codes[0]).toEqual({
      category: 'F2',
      meaning: 'finalized',
      status: '80',
      entity: null,
      codeList: 'RX',
    });
  });

  it('reads information-receiver-level and provider-level statuses', () => {
    const receiver = read277(fixtureText('277', 'lfh-information-receiver-level-status.277'));
    const entity = receiver.transactions[0]?.entities.find(
      (e) => e.level === 'information-receiver',
    );
    expect(entity?.traces[0]?.traceNumber).toBe('ABC276XXX');
    expect(entity?.statuses[0]?.codes[0]).toMatchObject({
      category: 'E0',
      meaning: 'error',
      status: '0',
    });
    expect(entity?.statuses[0]?.effectiveDate).toBe('2005-09-16');

    const provider = read277(fixtureText('277', 'lfh-provider-level-status.277'));
    const providers =
      provider.transactions[0]?.entities.filter((e) => e.level === 'provider') ?? [];
    expect(providers.map((p) => p.statuses.map((s) => s.codes[0]?.category))).toEqual([[], ['E0']]);
    expect(providers[1]?.statuses[0]?.codes[0]?.entity).toBe('85');
    expect(provider.transactions[0]?.claims).toHaveLength(1);
  });

  it('names every status category group', () => {
    expect(['A1', 'P1', 'F1', 'R4', 'E0', 'D0', 'Z9'].map(statusMeaning)).toEqual([
      'acknowledged',
      'pending',
      'finalized',
      'request-for-information',
      'error',
      'not-found',
      'unknown',
    ]);
    expect(describeStatusCategory('F2')).toMatch(/denied/);
    expect(describeStatusCategory('R12')).toBe('Request for additional information (R12)');
  });

  it('reports a broken hierarchy and bad values without throwing', () => {
    const text = fixtureText('277', 'lfh-claim-level-status.277')
      .replace('HL*4*3*22*0', 'HL*4*9*22*0')
      .replace('STC*P3:317*20050913**8513.88', 'STC*P3:317*20051313**85x13.88')
      .replace('ST*277', 'ST*835');
    const result = read277(text);
    expect(result.envelopeErrors.map((e) => e.code)).toEqual(['wrong-transaction-type']);
    const t = result.transactions[0];
    expect(t?.errors.map((e) => [e.code, e.segmentId])).toEqual([['bad-hierarchy', 'HL']]);
    expect(t?.claims[0]?.errors.map((e) => e.code)).toEqual(['bad-date', 'bad-amount']);
  });
});

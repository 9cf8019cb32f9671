import { describe, expect, it } from 'vitest';
import { parseCents } from './amounts';
import { read277 } from './read-277';
import { read835 } from './read-835';
import type { Claim, Read835Result, ServiceLine } from './remittance-types';
import { fixtureNames, fixtureText, readCsv } from '../../testing/x12/samples';

/**
 * What each public sample is known to get wrong. Everything not listed here must read
 * with no errors at all.
 */
const KNOWN_PROBLEMS: Record<
  string,
  { envelope?: string[]; claims?: string[][]; warnings?: string[] }
> = {
  // The published sample has no ISA/GS/GE/IEA, and its SE01 says 33 segments where the
  // transaction holds 32 (one segment was evidently removed when it was anonymised). Its
  // third service line puts its values in the wrong elements (SVC02 and SVC03 empty,
  // 742 in SVC07 and an eighth element), so that claim is held back.
  'k-blue_cross_nc_sample.835': {
    envelope: ['count-mismatch SE 32'],
    claims: [['missing-amount SVC 28', 'missing-amount SVC 28']],
    warnings: ['delimiters-guessed', 'no-interchange'],
  },
  // BPR16 (payment date) is empty: the date sits in BPR15. The SVC composites use `>`
  // while ISA16 declares `:`.
  'lfh-cob-contractural-adjustment.835': {
    warnings: ['missing-element', 'component-separator-mismatch'],
  },
  // BPR16 is 20002316, month 23.
  'lfh-managed-care.835': { warnings: ['bad-date'] },
  'lfh-secondary-payment.835': {
    warnings: ['missing-element', 'component-separator-mismatch', 'component-separator-mismatch'],
  },
  // The service line is written `SVC*HC*24599.00*1766.50*187.50**1`: the procedure code
  // was separated with `*` instead of a component separator, which shifts every value
  // one element right. Read as sent, the line has no procedure code, its SVC06 is `1`,
  // and charge 24,599.00 less paid 1,766.50 does not match its adjustments of 1,579.00.
  // The claim totals themselves balance. This claim must not be posted.
  'lfh-tertiary-payment.835': {
    claims: [['missing-element SVC 20', 'missing-element SVC 20', 'line-unbalanced SVC 20']],
    warnings: ['missing-element'],
  },
};

function summary(issue: { code: string; segmentId: string | null; segmentIndex: number }): string {
  return `${issue.code} ${issue.segmentId ?? '-'} ${issue.segmentIndex}`;
}

function claimsOf(result: Read835Result): Claim[] {
  return result.transactions.flatMap((t) => t.claims);
}

describe('public 835 samples', () => {
  const names = fixtureNames('835');

  it('finds all the samples', () => {
    expect(names).toHaveLength(12);
  });

  for (const name of names) {
    it(`reads ${name} with exactly its known problems`, () => {
      const result = read835(fixtureText('835', name));
      const known = KNOWN_PROBLEMS[name] ?? {};
      expect(result.envelopeErrors.map(summary)).toEqual(known.envelope ?? []);
      expect(result.transactions.length).toBeGreaterThan(0);
      for (const t of result.transactions) expect(t.errors).toEqual([]);
      const claimProblems = claimsOf(result)
        .map((c) => c.errors.map(summary))
        .filter((e) => e.length > 0);
      expect(claimProblems).toEqual(known.claims ?? []);
      expect(result.warnings.map((w) => w.code)).toEqual(known.warnings ?? []);
      for (const issue of [...result.envelopeErrors, ...result.warnings]) {
        expect(issue.message).not.toMatch(/\*/);
      }
    });
  }

  it('reads every interchange of the multi-interchange sample', () => {
    const result = read835(fixtureText('835', 'tp-profee-multiple.835'));
    expect(result.interchanges).toHaveLength(156);
    expect(result.transactions).toHaveLength(156);
    expect(claimsOf(result)).toHaveLength(468);
  });

  it('reads the same content whatever the line layout of the sample', () => {
    const reference = read835(fixtureText('835', 'tp-profee-one-line.835'));
    for (const name of [
      'tp-profee.835',
      'tp-multi-line-not-delimited.835',
      'k-emedny_sample.835',
    ]) {
      const other = read835(fixtureText('835', name));
      expect(stripOffsets(other.transactions)).toEqual(stripOffsets(reference.transactions));
    }
  });

  it('reads the Medicare Part A sample: TS3/TS2, MIA, MOA, QTY and PLB', () => {
    const [t] = read835(fixtureText('835', 'lfh-medicare-part-a.835')).transactions;
    expect(t?.payment?.amount).toBe(15_000_000);
    expect(t?.headers.map((h) => h.number)).toEqual(['110212', '130212']);
    expect(t?.headers[0]?.providerSummary?.totalCharge).toBe(21_136_697);
    expect(t?.headers[0]?.institutionalSummary?.TS201).toBe('2178.45');
    const [first, second] = t?.claims ?? [];
    expect(first?.inpatient?.amounts.MIA04).toBe(13_801_840);
    expect(first?.quantities).toEqual([{ qualifier: 'CA', quantity: 8 }]);
    expect(second?.outpatient?.remarkCodes).toEqual(['MA02']);
    expect(second?.headerNumber).toBe('130212');
    expect(t?.providerAdjustments).toEqual([
      expect.objectContaining({
        providerId: '6543210903',
        fiscalPeriodDate: '2002-12-31',
        items: [{ reasonCode: 'CV', referenceId: 'CP', amount: -127 }],
      }),
    ]);
  });

  it('keeps every triple of a multi-triple CAS and the corrected patient', () => {
    const [, claim] = claimsOf(read835(fixtureText('835', 'lfh-secondary-payment.835')));
    expect(claim?.serviceLines[1]?.adjustments.map((a) => [a.group, a.reason, a.amount])).toEqual([
      ['PR', '1', 15_000],
      ['PR', '2', 7_000],
      ['CO', '42', 8_500],
    ]);
    expect(claim?.serviceLines[1]?.procedure).toEqual({
      qualifier: 'HC',
      code: '66543',
      modifiers: ['26'],
      description: null,
    });
    expect(claim?.serviceLines[1]?.revenueCode).toBe('220');
    const emedny = claimsOf(read835(fixtureText('835', 'k-emedny_sample.835')))[0];
    expect(emedny?.people.map((p) => p.entityCode)).toEqual(['QC', '74']);
  });
});

function stripOffsets<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key === 'byteOffset' ? undefined : v)),
  ) as T;
}

describe('public 835 samples against the expected line output of another parser', () => {
  const cases = fixtureNames('835').filter((name) =>
    [
      'k-blue_cross_nc_sample.835',
      'k-emedny_sample.835',
      'k-united_healthcare_legacy_sample.835',
    ].includes(name),
  );
  it('has the three samples with expected output', () => {
    expect(cases).toHaveLength(3);
  });

  for (const name of cases) {
    it(`matches ${name.replace('.835', '.expected.csv')} line by line`, () => {
      const result = read835(fixtureText('835', name));
      const rows = readCsv('835', name.replace('.835', '.expected.csv'));
      const lines: { claim: Claim; line: ServiceLine }[] = claimsOf(result).flatMap((claim) =>
        claim.serviceLines.map((line) => ({ claim, line })),
      );
      expect(lines).toHaveLength(rows.length);
      rows.forEach((row, i) => {
        const { claim, line } = lines[i] ?? expect.fail(`no line ${i}`);
        const payer = result.transactions[0]?.payer?.name;
        const patient = claim.people.find((p) => p.entityCode === 'QC');
        expect(claim.patientControlNumber).toBe(row.marker);
        expect(`${patient?.firstName} ${patient?.lastOrOrganizationName}`.toLowerCase()).toBe(
          row.patient?.toLowerCase(),
        );
        expect(payer).toBe(row.payer);
        expect(result.transactions[0]?.payment?.date).toBe(row.transaction_date);
        expect(line.procedure.code).toBe(row.code);
        expect(line.procedure.qualifier).toBe(row.qualifier);
        expect(line.procedure.modifiers[0] ?? '').toBe(row.modifier);
        expect(units(line.units)).toBe(units(row.allowed_units));
        expect(units(line.originalUnits ?? line.units)).toBe(units(row.billed_units));
        expectAmount(line.chargeAmount, row.charge_amount, claim, 'SVC02');
        expectAmount(line.paidAmount, row.paid_amount, claim, 'SVC03');
        const allowed = line.amounts.find((a) => a.qualifier === 'B6')?.amount ?? null;
        expect(allowed).toBe(row.allowed_amount ? parseCents(row.allowed_amount) : null);
        const served = line.dates.find((d) => d.qualifier === '472' || d.qualifier === '150');
        expect(served?.date).toBe(row.start_date);
        const expectedAdjustments = [0, 1]
          .filter((n) => row[`adj_${n}_code`])
          .map((n) => [
            row[`adj_${n}_group`],
            row[`adj_${n}_code`],
            parseCents(row[`adj_${n}_amount`] ?? ''),
          ]);
        const ours = line.adjustments.map((a) => [a.group, a.reason, a.amount]);
        if (name.startsWith('k-united') && i === 4) {
          // `CAS*PR*2*5.13**1*110` holds two triples; the other parser kept only the first.
          expect(ours).toEqual([
            ['PR', '2', 513],
            ['PR', '1', 11_000],
            ['CO', '45', 18_432],
          ]);
          expect(ours.filter((_, n) => n !== 1)).toEqual(expectedAdjustments);
        } else {
          expect(ours).toEqual(expectedAdjustments);
        }
        if (row.ref_0_qual !== undefined) {
          expect(line.references[0] ?? { qualifier: '', value: '' }).toEqual({
            qualifier: row.ref_0_qual,
            value: row.ref_0_value,
          });
        }
        if (row.rem_0_code !== undefined) {
          const remark = line.remarks[0];
          expect(remark ? [remark.code, remark.qualifier] : ['', '']).toEqual([
            row.rem_0_code,
            row.rem_0_qual,
          ]);
        }
      });
    });
  }
});

function units(value: number | string | null | undefined): number | null {
  return value === null || value === undefined || value === '' ? null : Number(value);
}

/** An empty expected amount means the element was empty: we keep 0 and hold the claim back. */
function expectAmount(
  actual: number,
  expected: string | undefined,
  claim: Claim,
  element: string,
): void {
  if (expected === undefined || expected === '') {
    expect(actual).toBe(0);
    expect(claim.errors.map((e) => e.message)).toContain(`Required amount ${element} is empty.`);
  } else {
    expect(actual).toBe(parseCents(expected));
  }
}

describe('public 277 samples', () => {
  const names = fixtureNames('277');
  it('finds all the samples', () => {
    expect(names).toHaveLength(4);
  });
  for (const name of names) {
    it(`reads ${name} without errors`, () => {
      const result = read277(fixtureText('277', name));
      expect(result.envelopeErrors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.transactions).toHaveLength(1);
      for (const t of result.transactions) {
        expect(t.errors).toEqual([]);
        for (const c of t.claims) expect(c.errors).toEqual([]);
      }
    });
  }
});

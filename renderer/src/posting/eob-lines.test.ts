import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClaimLineView, ClaimView } from '../../../shared/api/accounts';
import { isoDate } from '../../../shared/dates/iso-date';
import { cents } from '../../../shared/money/cents';
import { formatCents, formatPlainCents } from '../../../shared/money/format';
import {
  anyRowProblem,
  blankAmounts,
  claimOptions,
  EOB_COLUMNS,
  eobRows,
  eobShare,
  isBlank,
  lineErrors,
  lineInput,
  rowProblem,
  rowShare,
  rowsToSend,
  rowTotal,
  type EobAmounts,
  type EobRow,
} from './eob-lines';

function line(id: number, charge: number, codes: Partial<ClaimLineView> = {}): ClaimLineView {
  return {
    id,
    lineNumber: id,
    serviceDate: isoDate('2026-03-07'),
    revenueCode: null,
    procedureCode: null,
    modifiers: [],
    units: 1,
    charge: cents(charge),
    ...codes,
  };
}

function claim(id: number, patch: Partial<ClaimView> = {}): ClaimView {
  return {
    id,
    claimNumber: `C${id}`,
    payerClaimNumber: null,
    payerName: 'Acme Health',
    coveragePriority: 1,
    billedDate: null,
    remitDate: null,
    status: 'billed',
    totalCharge: cents(50000),
    paid: cents(0),
    balance: cents(50000),
    patientBalance: cents(0),
    lines: [],
    adjustments: [],
    remarks: [],
    diagnosisCodes: [],
    providers: [],
    ...patch,
  };
}

const lineRow = (charge: number, key = '1'): EobRow => ({
  key,
  claimLineId: Number(key),
  label: `${key} · 99213`,
  charge: cents(charge),
});
const wholeClaim = (charge: number): EobRow => ({
  key: 'claim',
  claimLineId: null,
  label: 'Whole claim',
  charge: cents(charge),
});
const typed = (patch: Partial<EobAmounts>): EobAmounts => ({ ...blankAmounts(), ...patch });

describe('eobRows', () => {
  it('offers the whole claim, at its insurance balance, when the claim has no lines', () => {
    expect(eobRows(claim(1, { balance: cents(12345) }))).toEqual([
      { key: 'claim', claimLineId: null, label: 'Whole claim', charge: 12345 },
    ]);
  });

  it('offers each line with its procedure code, else its revenue code', () => {
    const rows = eobRows(
      claim(1, {
        lines: [
          line(11, 10000, { lineNumber: 1, procedureCode: '99213', revenueCode: '0450' }),
          line(12, 2500, { lineNumber: 2, revenueCode: '0250' }),
          line(13, 700, { lineNumber: 3 }),
        ],
      }),
    );
    expect(rows.map((r) => [r.key, r.claimLineId, r.label, r.charge])).toEqual([
      ['11', 11, '1 · 99213', 10000],
      ['12', 12, '2 · 0250', 2500],
      ['13', 13, '3 · ', 700],
    ]);
  });
});

describe('rowTotal and rowShare', () => {
  it('add what was typed exactly, counting blanks and typos as nothing', () => {
    const a = typed({
      paid: '1,234.5',
      contractual: '$12',
      deductible: '0.10',
      coinsurance: '12.345',
      copay: '20',
    });
    expect(rowTotal(a)).toBe(123450 + 1200 + 10 + 2000);
    expect(rowShare(a)).toBe(10 + 2000);
    expect(rowTotal(blankAmounts())).toBe(0);
  });
});

describe('rowProblem', () => {
  it('has nothing to say about an empty row or one within the charge', () => {
    expect(rowProblem(lineRow(10000), blankAmounts())).toBeNull();
    expect(rowProblem(lineRow(10000), typed({ paid: '80', contractual: '15', copay: '5' }))).toBe(
      null,
    );
  });

  it('refuses a line whose paid and adjustments exceed its charge, by how much it accounts for', () => {
    const a = typed({ paid: '80.00', contractual: '15.00', deductible: '5.01' });
    expect(rowProblem(lineRow(10000), a)).toBe(
      'The EOB accounts for $100.01, more than the line charge of $100.00.',
    );
  });

  it('leaves the whole-claim row to the server, which knows what is open with insurance', () => {
    expect(rowProblem(wholeClaim(10000), typed({ paid: '500' }))).toBeNull();
  });

  it('names the column with a typo, in the order the columns run', () => {
    expect(rowProblem(lineRow(10000), typed({ paid: '12.345', copay: 'x' }))).toBe(
      'Paid: type an amount such as 125.00.',
    );
    expect(rowProblem(lineRow(10000), typed({ coinsurance: '1,23' }))).toBe(
      'Coinsurance: type an amount such as 125.00.',
    );
  });

  it('refuses negative amounts, however they are written', () => {
    for (const text of ['-5', '(5.00)', '-$0.01']) {
      expect(rowProblem(lineRow(10000), typed({ contractual: text }))).toBe(
        'Contractual cannot be negative.',
      );
    }
    // minus zero is zero
    expect(rowProblem(lineRow(10000), typed({ contractual: '-0' }))).toBeNull();
  });

  it('checks typos before the charge, so a typo never hides behind a total', () => {
    expect(rowProblem(lineRow(100), typed({ paid: '500', copay: '1.001' }))).toBe(
      'Copay: type an amount such as 125.00.',
    );
  });

  it('refuses a line exactly when, typed as the screen shows amounts, it exceeds the charge', () => {
    const part = fc.nat({ max: 50_000 });
    fc.assert(
      fc.property(
        fc.nat({ max: 200_000 }),
        fc.array(part, { minLength: 5, maxLength: 5 }),
        (charge, parts) => {
          const a = Object.fromEntries(
            EOB_COLUMNS.map(([k], i) => [k, formatCents(cents(parts[i] ?? 0))]),
          ) as EobAmounts;
          const total = parts.reduce((s, p) => s + p, 0);
          expect(rowTotal(a)).toBe(total);
          expect(rowProblem(lineRow(charge), a) === null).toBe(total <= charge);
        },
      ),
    );
  });
});

describe('isBlank', () => {
  it('counts spaces as blank and a typed zero as something', () => {
    expect(isBlank(typed({ paid: '  ', copay: '\t' }))).toBe(true);
    expect(isBlank(typed({ copay: '0' }))).toBe(false);
  });
});

describe('what is sent', () => {
  const rows = [lineRow(10000, '1'), lineRow(5000, '2'), lineRow(2500, '3')];

  it('sends only the rows with something typed, in their order', () => {
    const amounts = { '1': blankAmounts(), '2': typed({ paid: '10' }), '3': typed({ copay: '0' }) };
    expect(rowsToSend(rows, amounts).map((r) => r.key)).toEqual(['2', '3']);
  });

  it('sends the first row when nothing is typed, so the server can say the EOB is empty', () => {
    expect(rowsToSend(rows, {}).map((r) => r.key)).toEqual(['1']);
    expect(rowsToSend([], {})).toEqual([]);
  });

  it('sends blanks as zero and amounts in cents', () => {
    expect(lineInput(rows[1] as EobRow, typed({ paid: '$1,234.50', copay: '20' }))).toEqual({
      claimLineId: 2,
      paid: 123450,
      contractual: 0,
      deductible: 0,
      coinsurance: 0,
      copay: 2000,
    });
  });

  it('puts the server message about lines.i on the i-th row sent, not on lines.1i', () => {
    const sent = [lineRow(100, '7'), lineRow(100, '9')];
    const errors = {
      lines: 'The EOB has no amounts to post.',
      'lines.1.paid': 'Too much.',
      'lines.10': 'Not this one.',
    };
    expect(lineErrors(sent, errors)).toEqual({ '9': 'Too much.' });
    expect(lineErrors(sent, {})).toEqual({});
  });

  it('totals the patient share across rows, to the cent', () => {
    const amounts = {
      '1': typed({ deductible: '90.10', paid: '5' }),
      '2': typed({ coinsurance: '0.20', copay: '$5' }),
    };
    expect(eobShare(rows, amounts)).toBe(9010 + 20 + 500);
    expect(anyRowProblem(rows, amounts)).toBe(false);
    expect(anyRowProblem(rows, { ...amounts, '3': typed({ paid: '25.01' }) })).toBe(true);
  });

  it('reads any amounts it shows back to the same cents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 10_000_000 }), { minLength: 5, maxLength: 5 }),
        (parts) => {
          const a = Object.fromEntries(
            EOB_COLUMNS.map(([k], i) => [k, formatPlainCents(cents(parts[i] ?? 0))]),
          ) as EobAmounts;
          const sent = lineInput(lineRow(1), a);
          expect(EOB_COLUMNS.map(([k]) => sent[k])).toEqual(parts);
        },
      ),
    );
  });
});

describe('claimOptions', () => {
  it('leaves out voided claims and puts claims open with insurance first', () => {
    const options = claimOptions({
      claims: [
        claim(1, { balance: cents(0) }),
        claim(2, { status: 'voided', balance: cents(900) }),
        claim(3, { balance: cents(123456), payerName: 'Blue Plan' }),
        claim(4, { balance: cents(0) }),
      ],
    });
    expect(options).toEqual([
      { value: '3', label: 'C3 · Blue Plan · open $1,234.56' },
      { value: '1', label: 'C1 · Acme Health · open $0.00' },
      { value: '4', label: 'C4 · Acme Health · open $0.00' },
    ]);
  });

  it('has nothing to offer on an account with no claims', () => {
    expect(claimOptions({ claims: [] })).toEqual([]);
  });
});

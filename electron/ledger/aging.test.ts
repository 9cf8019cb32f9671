import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKET_KEYS } from '../../shared/aging/buckets';
import { addDays, isoDate, type IsoDate } from '../../shared/dates/iso-date';
import { cachedBalances, computeAging, type AgingInput } from './aging';

const today = isoDate('2026-03-16');
const entry = fc.record({
  side: fc.constantFrom('insurance' as const, 'patient' as const),
  amount: fc.integer({ min: -500_000, max: 500_000 }).filter((n) => n !== 0),
  postingDate: fc.integer({ min: 0, max: 400 }).map((d) => addDays(today, -d)),
});

const sum = (b: Record<string, number>) => AGING_BUCKET_KEYS.reduce((s, k) => s + (b[k] ?? 0), 0);

describe('computeAging', () => {
  it('always has buckets that sum to the balance, per side and in total', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const a = computeAging(entries, today);
        const side = (s: string) =>
          entries.filter((e) => e.side === s).reduce((t, e) => t + e.amount, 0);
        expect(a.insuranceBalance).toBe(side('insurance'));
        expect(a.patientBalance).toBe(side('patient'));
        expect(sum(a.insurance)).toBe(a.insuranceBalance);
        expect(sum(a.patient)).toBe(a.patientBalance);
        expect(sum(a.total)).toBe(a.insuranceBalance + a.patientBalance);
        for (const k of AGING_BUCKET_KEYS) expect(a.total[k]).toBe(a.insurance[k] + a.patient[k]);
      }),
    );
  });

  it('pays off the oldest charge first', () => {
    const d = (days: number): IsoDate => addDays(today, -days);
    const entries: AgingInput[] = [
      { side: 'patient', amount: 10000, postingDate: d(100) },
      { side: 'patient', amount: 5000, postingDate: d(10) },
      { side: 'patient', amount: -12000, postingDate: d(5) },
    ];
    const a = computeAging(entries, today);
    expect(a.patient.d91_120).toBe(0);
    expect(a.patient.current).toBe(3000);
    expect(a.oldestOpenDate).toBe(d(10));
  });

  it('puts a credit balance in the current bucket and has no open date', () => {
    const a = computeAging(
      [
        { side: 'patient', amount: 2000, postingDate: addDays(today, -200) },
        { side: 'patient', amount: -2500, postingDate: addDays(today, -3) },
      ],
      today,
    );
    expect(a.patient.current).toBe(-500);
    expect(a.patient.over120).toBe(0);
    expect(a.oldestOpenDate).toBeNull();
  });

  it('leaves a reversed entry and its reversal out of the aging', () => {
    const a = computeAging(
      [
        { id: 1, side: 'patient', amount: 4000, postingDate: addDays(today, -70) },
        { id: 2, side: 'patient', amount: -4000, postingDate: addDays(today, -10) },
        { id: 3, side: 'patient', amount: 4000, postingDate: addDays(today, -1), reversesId: 2 },
      ],
      today,
    );
    expect(a.patient.d61_90).toBe(4000);
    expect(a.patient.current).toBe(0);
  });

  it('ages by the bucket edges 30/31, 120/121 days', () => {
    const at = (days: number) =>
      computeAging([{ side: 'insurance', amount: 100, postingDate: addDays(today, -days) }], today)
        .insurance;
    expect(at(30).current).toBe(100);
    expect(at(31).d31_60).toBe(100);
    expect(at(120).d91_120).toBe(100);
    expect(at(121).over120).toBe(100);
  });
});

describe('cachedBalances', () => {
  // ids in order, some entries reversing an earlier one, as a ledger holds them
  const ledger = fc
    .array(fc.tuple(entry, fc.nat({ max: 99 }), fc.boolean()), { maxLength: 60 })
    .map((rows) =>
      rows.map(([e, pick, reverses], i): AgingInput => {
        const earlier = i > 0 ? pick % i : null;
        return reverses && earlier !== null
          ? { ...e, id: i + 1, amount: -e.amount, reversesId: earlier + 1 }
          : { ...e, id: i + 1 };
      }),
    );

  it('gives the balances and oldest open date computeAging gives', () => {
    fc.assert(
      fc.property(ledger, (entries) => {
        const a = computeAging(entries, today);
        expect(cachedBalances(entries)).toEqual({
          insuranceBalance: a.insuranceBalance,
          patientBalance: a.patientBalance,
          oldestOpenDate: a.oldestOpenDate,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('finds the oldest charge still open on either side, first in, first out', () => {
    const d = (days: number): IsoDate => addDays(today, -days);
    expect(
      cachedBalances([
        { side: 'patient', amount: 5000, postingDate: d(10) },
        { side: 'patient', amount: 10000, postingDate: d(100) },
        { side: 'patient', amount: -12000, postingDate: d(5) },
        { side: 'insurance', amount: 7000, postingDate: d(40) },
      ]),
    ).toEqual({ insuranceBalance: 7000, patientBalance: 3000, oldestOpenDate: d(40) });
  });
});

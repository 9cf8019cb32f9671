import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoDate } from '../../shared/dates/iso-date';
import { priorityLabel, queueRank, type RankInput } from './priority';

const base = isoDate('2026-03-16');
const input = fc.record({
  balance: fc.integer({ min: 0, max: 50_000_000 }),
  oldestOpenDate: fc.option(
    fc.integer({ min: 0, max: 700 }).map((d) => addDays(base, -d)),
    { nil: null },
  ),
  dueDate: fc.integer({ min: -60, max: 60 }).map((d) => addDays(base, d)),
  deadlineDate: fc.option(
    fc.integer({ min: -10, max: 200 }).map((d) => addDays(base, d)),
    { nil: null },
  ),
});

describe('queueRank', () => {
  it('puts more money, older balances and nearer deadlines first', () => {
    const a: RankInput = {
      balance: 10_000,
      oldestOpenDate: addDays(base, -40),
      dueDate: base,
      deadlineDate: null,
    };
    const rank = (r: RankInput) => queueRank(r, base);
    expect(rank({ ...a, balance: 100_000 })).toBeGreaterThan(rank(a));
    expect(rank({ ...a, oldestOpenDate: addDays(base, -100) })).toBeGreaterThan(rank(a));
    expect(rank({ ...a, deadlineDate: addDays(base, 10) })).toBeGreaterThan(
      rank({ ...a, deadlineDate: addDays(base, 90) }),
    );
  });

  it('stops counting a deadline once it has passed', () => {
    const a: RankInput = {
      balance: 10_000,
      oldestOpenDate: addDays(base, -40),
      dueDate: base,
      deadlineDate: addDays(base, -1),
    };
    expect(queueRank(a, base)).toBe(queueRank({ ...a, deadlineDate: null }, base));
    expect(queueRank({ ...a, deadlineDate: base }, base)).toBeGreaterThan(queueRank(a, base));
  });

  it('is a stored key whose order does not depend on the day it is read', () => {
    // ranked on one day, the order matches a score computed on any later day, as long as
    // no deadline has passed in between
    fc.assert(
      fc.property(input, input, fc.integer({ min: 0, max: 400 }), (x, y, shift) => {
        const today = addDays(base, shift);
        fc.pre([x, y].every((r) => r.deadlineDate === null || r.deadlineDate >= today));
        const score = (r: RankInput) => {
          const age = r.oldestOpenDate ?? r.dueDate;
          const deadline = r.deadlineDate ?? addDays(age, 365);
          const ageDays = (new Date(today).getTime() - new Date(age).getTime()) / 86_400_000;
          const daysLeft = (new Date(deadline).getTime() - new Date(today).getTime()) / 86_400_000;
          return Math.round(200 * Math.log10(1 + r.balance / 100)) + ageDays - 4 * daysLeft;
        };
        expect(Math.sign(queueRank(x, base) - queueRank(y, base))).toBe(
          Math.sign(Math.round(score(x) - score(y))),
        );
      }),
    );
  });
});

describe('priorityLabel', () => {
  it('marks deadlines within 15 days high and small, far balances low', () => {
    const a: RankInput = {
      balance: 2_000,
      oldestOpenDate: addDays(base, -10),
      dueDate: base,
      deadlineDate: null,
    };
    expect(priorityLabel(a, base)).toBe('low');
    expect(priorityLabel({ ...a, deadlineDate: addDays(base, 15) }, base)).toBe('high');
    expect(priorityLabel({ ...a, deadlineDate: addDays(base, 16) }, base)).toBe('medium');
    expect(
      priorityLabel({ ...a, balance: 150_000, oldestOpenDate: addDays(base, -91) }, base),
    ).toBe('high');
  });
});

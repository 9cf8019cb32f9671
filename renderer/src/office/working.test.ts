import { describe, expect, it } from 'vitest';
import { isoDate } from '../../../shared/dates/iso-date';
import type { AccountId } from '../../../shared/ids';
import { workingByAccount, workingSentence } from './working';

const NY = 'America/New_York';
const today = isoDate('2026-03-16');
const mark = (accountId: number, userName: string, since: string) => ({
  accountId: accountId as AccountId,
  followUpId: null,
  userName,
  since,
});

describe('the sentence about another desk working an account', () => {
  it('says the time alone for a mark of today, and the date as well for an earlier day', () => {
    expect(
      workingSentence({ userName: 'Maria Lopez', since: '2026-03-16T14:42:00.000Z' }, today, NY),
    ).toBe('Maria Lopez has had this account open on another desk since 10:42 AM.');
    // 11 pm the evening before, in New York: not "since 11:30 PM" today
    expect(
      workingSentence({ userName: 'Dana Reyes', since: '2026-03-16T03:30:00.000Z' }, today, NY),
    ).toBe('Dana Reyes has had this account open on another desk since 03/15/2026, 11:30 PM.');
  });

  it('gives each account its desks, and nothing when the marks are not known', () => {
    const live = {
      state: 'live' as const,
      today,
      marks: [
        mark(7, 'Maria Lopez', '2026-03-16T14:42:00.000Z'),
        mark(7, 'Dana Reyes', '2026-03-16T14:50:00.000Z'),
        mark(9, 'Ana Moreno', '2026-03-16T13:05:00.000Z'),
      ],
    };
    const byAccount = workingByAccount(live, NY);
    expect([...byAccount.keys()]).toEqual([7, 9]);
    expect(byAccount.get(7)).toBe(
      'Maria Lopez has had this account open on another desk since 10:42 AM. ' +
        'Dana Reyes has had this account open on another desk since 10:50 AM.',
    );
    expect(workingByAccount({ ...live, state: 'offline' }, NY).size).toBe(0);
    expect(workingByAccount(undefined, NY).size).toBe(0);
  });
});

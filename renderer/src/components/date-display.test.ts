import { describe, expect, it } from 'vitest';
import { timestampText } from './date-display';

describe('timestampText', () => {
  it('shows a UTC timestamp as MM/DD/YYYY and the time where the person is', () => {
    expect(timestampText('2026-03-07T19:05:00.000Z', 'UTC')).toBe('03/07/2026, 7:05 PM');
    expect(timestampText('2026-03-07T19:05:00.000Z', 'America/Chicago')).toBe(
      '03/07/2026, 1:05 PM',
    );
  });

  it('moves the date with the time zone: late evening in UTC is still the day before in Hawaii', () => {
    expect(timestampText('2026-01-01T03:30:00Z', 'Pacific/Honolulu')).toBe('12/31/2025, 5:30 PM');
  });

  it('shows text that is not a timestamp as it is', () => {
    for (const value of ['', 'yesterday', 'not recorded'])
      expect(timestampText(value, 'UTC')).toBe(value);
  });
});

import { describe, expect, it } from 'vitest';
import { count, plural } from './count';

describe('counts in reports', () => {
  it('groups thousands and picks the singular only for one', () => {
    expect(count(3000)).toBe('3,000');
    expect(plural(1, 'claim')).toBe('1 claim');
    expect(plural(0, 'claim')).toBe('0 claims');
    expect(plural(12_500, 'row')).toBe('12,500 rows');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
});

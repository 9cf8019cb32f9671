import { describe, expect, it } from 'vitest';
import { isValidNpi } from './npi';

describe('NPI check digit', () => {
  it('accepts a well-formed NPI and refuses a changed digit or a wrong length', () => {
    // CMS's published example
    expect(isValidNpi('1234567893')).toBe(true);
    expect(isValidNpi('1234567894')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678930')).toBe(false);
    expect(isValidNpi('12345A7893')).toBe(false);
  });
});

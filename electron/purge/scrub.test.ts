import { describe, expect, it } from 'vitest';
import { withoutIdentifiers } from './scrub';

describe('taking what names a person out of a text', () => {
  it('replaces each name, phone and address where it stands as words of its own', () => {
    const texts = [
      'Eleanor Testwell',
      '77 Lantern Way',
      '207-555-0101',
      'Eleanor',
      'Testwell',
      'Ann',
    ];
    expect(
      withoutIdentifiers(
        'Eleanor Testwell (207-555-0101) moved from 77 Lantern Way; the Testwell estate pays. ' +
          'Ann called about the annual Annual statement of Eleanor.',
        texts,
      ),
    ).toBe(
      '[removed] ([removed]) moved from [removed]; the [removed] estate pays. ' +
        '[removed] called about the annual Annual statement of [removed].',
    );
  });

  it('takes a text holding characters a pattern would read as its own', () => {
    expect(withoutIdentifiers('File D-1 (Testwell).pdf came in.', ['D-1 (Testwell).pdf'])).toBe(
      'File [removed] came in.',
    );
  });
});
